import type { StreamFrame } from '../../interlingua/dialect.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { openaiErrorBodySchema, type WireOpenaiError } from './error-codec.js';
import { parseJsonText } from '../../wire/json-text.js';

/**
 * One `data:` frame of an OpenAI chunk stream (Chat Completions, legacy Completions): the
 * `[DONE]` sentinel, an in-band `{"error": …}` frame (the SDK throws on those), or a chunk's
 * JSON for the dialect's own schema. A frame that is not JSON is an upstream fault.
 */
export type OpenaiDataFrame = { kind: 'done' } | { kind: 'error'; wire: WireOpenaiError | undefined; data: string } | { kind: 'chunk'; json: unknown };

export function readOpenaiDataFrame(frame: StreamFrame): OpenaiDataFrame {
  const data = frame.data.trim();
  if (data === '[DONE]') return { kind: 'done' };
  const parsed = parseJsonText(data);
  if (!parsed.ok) throw new InterlinguaError('upstream_error', `The upstream stream sent a frame that ${parsed.problem}.`);
  const json = parsed.value;
  if (json !== null && typeof json === 'object' && !Array.isArray(json) && (json as Record<string, unknown>)['error'] != null) {
    const parsed = openaiErrorBodySchema.safeParse(json);
    return { kind: 'error', wire: parsed.success ? parsed.data.error : undefined, data };
  }
  return { kind: 'chunk', json };
}

/** The error an error frame stands for; an unreadable one still ends the stream as an error. */
export function errorOfFrame(frame: { wire: WireOpenaiError | undefined; data: string }, fromWire: (wire: WireOpenaiError, body: string) => InterlinguaError): InterlinguaError {
  return frame.wire !== undefined
    ? fromWire(frame.wire, frame.data)
    : new InterlinguaError('upstream_error', `The upstream stream sent an unreadable error: ${frame.data.slice(0, 200)}`);
}
