/**
 * InvokeModelWithResponseStream wraps each of the model's own stream events in a `chunk`
 * event-stream message whose payload is `{"bytes": "<base64 of the event's JSON>", "p": "<padding>"}`
 * (recorded: test/fixtures/recorded/bedrock/fantasy-invoke-stream-claude3haiku-tool.i0.eventstream.base64.txt,
 * decoded beside it in .chunks-decoded.ndjson;
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithResponseStream.html,
 * "chunk … bytes: Base64-encoded bytes of payload data").
 */
import { z } from 'zod';
import type { StreamFrame } from '../../interlingua/dialect.js';
import { InterlinguaError } from '../../interlingua/error.js';

const chunkSchema = z.object({ bytes: z.string() }).loose();

/** The model event a `chunk` message carries, as JSON text; undefined for other event types. */
export function chunkEventText(frame: StreamFrame): string | undefined {
  if (frame.event !== 'chunk') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(frame.data);
  } catch {
    throw new InterlinguaError('upstream_error', 'Bedrock sent a chunk event that is not JSON.', { retryable: true });
  }
  const parsed = chunkSchema.safeParse(json);
  if (!parsed.success) throw new InterlinguaError('upstream_error', 'Bedrock sent a chunk event without its bytes.', { retryable: true });
  return Buffer.from(parsed.data.bytes, 'base64').toString('utf8');
}

/** One model event as the `chunk` frame Bedrock would send it in. */
export function chunkFrame(eventText: string): StreamFrame {
  return { event: 'chunk', data: JSON.stringify({ bytes: Buffer.from(eventText, 'utf8').toString('base64') }) };
}
