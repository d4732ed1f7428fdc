import { AwsEventStreamParser, encodeAwsEventStreamMessage } from '../../src/wire/aws-event-stream.js';
import type { Dialect, StreamFrame } from '../../src/interlingua/dialect.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';

/** An event-stream body through a Bedrock dialect's decoder. */
export function decodeBytes(dialect: Dialect, body: Uint8Array): StreamEvent[] {
  const parser = new AwsEventStreamParser();
  const decoder = dialect.createStreamDecoder();
  return [...parser.push(body).flatMap((frame) => decoder.push(frame)), ...parser.end().flatMap((frame) => decoder.push(frame)), ...decoder.end()];
}

/** Events encoded for a caller of a Bedrock dialect, its frame lines written as event-stream messages. */
export function encodedBytes(dialect: Dialect, events: readonly StreamEvent[]): Buffer {
  const encoder = dialect.createStreamEncoder({ requestedModel: 'smart', request: { model: 'smart', system: [], messages: [], sampling: {}, stream: true } });
  const lines = events.map((event) => encoder.encode(event)).join('').split('\n').filter((line) => line !== '');
  return Buffer.concat(lines.map((line) => encodeAwsEventStreamMessage(JSON.parse(line) as StreamFrame)));
}
