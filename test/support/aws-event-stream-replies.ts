import { encodeAwsEventStreamMessage } from '../../src/wire/aws-event-stream.js';
import { readFixtureText } from './fixtures.js';
import type { UpstreamReply } from './test-upstream.js';

/** Replies a Bedrock test upstream streams in AWS event-stream framing, as ConverseStream and InvokeModelWithResponseStream do. */

/** An event-stream body of the given ConverseStream events, each its own chunk. */
export function eventStream(events: Array<[string, unknown]>): UpstreamReply {
  return {
    kind: 'binary-stream',
    contentType: 'application/vnd.amazon.eventstream',
    chunks: events.map(([event, payload]) => encodeAwsEventStreamMessage({ event, data: JSON.stringify(payload) })),
  };
}

/** A recorded event-stream body (a base64 fixture), cut into pieces of `pieceBytes`, so frames split across chunks. */
export function recordedStream(name: string, pieceBytes: number): UpstreamReply {
  const body = Buffer.from(readFixtureText(name).trim(), 'base64');
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < body.length; offset += pieceBytes) chunks.push(body.subarray(offset, offset + pieceBytes));
  return { kind: 'binary-stream', contentType: 'application/vnd.amazon.eventstream', chunks };
}
