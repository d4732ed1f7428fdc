/**
 * A non-streamed `/api/generate` answer → interlingua response: `thinking` becomes a reasoning
 * part, `response` a text part. Ollama gives no response id, so one is made. `context` and other
 * unmodelled fields are kept in `vendor['ollama-generate'].extra` for a generate caller.
 * Example: fixtures/ollama/generate-response-nonstream.json (a doc sample without `done_reason`,
 * which old servers left out: a natural stop).
 */
import type { AssistantPart } from '../../interlingua/content.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { generateId } from '../../core/ids.js';
import { parseCreatedAt } from '../ollama-family/created-at.js';
import { parseDoneReason } from '../ollama-family/finish-reason.js';
import { parseWire } from '../ollama-family/json-value.js';
import { parseUsage } from '../ollama-family/usage.js';
import { dialectName } from './vendor.js';
import { modelledResponseFields, wireGenerateResponseSchema } from './wire-schema.js';
import { extraFields } from '../../wire/extra-fields.js';
import { readOllamaLogprobs, tokensSpelling } from '../ollama-family/logprobs.js';

export function parseGenerateResponse(body: unknown): ChatResponse {
  const wire = parseWire(wireGenerateResponseSchema, body, 'upstream_error');
  if (wire.error !== undefined && wire.error !== null) {
    throw new InterlinguaError('upstream_error', typeof wire.error === 'string' ? wire.error : JSON.stringify(wire.error));
  }
  const content: AssistantPart[] = [];
  const thinking = wire.thinking ?? '';
  if (thinking !== '') content.push({ type: 'reasoning', text: thinking });
  const text = wire.response ?? '';
  if (text !== '') {
    // The text takes the run of tokens that spells it (../ollama-family/logprobs.ts); the wire list stays in `extra`.
    const tokens = readOllamaLogprobs(wire['logprobs']);
    const own = tokens === undefined ? undefined : tokensSpelling(text, tokens);
    content.push(own === undefined ? { type: 'text', text } : { type: 'text', text, logprobs: own });
  }
  const response: ChatResponse = {
    id: generateId('resp_'),
    model: wire.model ?? '',
    content,
    finishReason: parseDoneReason(wire.done_reason ?? undefined, false),
    usage: parseUsage(wire),
  };
  const created = parseCreatedAt(wire.created_at ?? undefined);
  if (created !== undefined) response.created = created;
  const extra = extraFields(wire, modelledResponseFields);
  if (extra !== undefined) response.vendor = { [dialectName]: { extra } };
  return response;
}
