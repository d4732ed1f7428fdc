import type { EventStreamCodec, Message, MessageHeaders } from '@smithy/eventstream-codec';
import { requiredOnFirstUse } from '../core/on-first-use.js';
import type { StreamFrame } from '../interlingua/dialect.js';
import { InterlinguaError } from '../interlingua/error.js';
import { maxFrameBytes, sizeText } from './size-limits.js';

/**
 * AWS event-stream (`application/vnd.amazon.eventstream`), the binary framing of Bedrock's
 * ConverseStream and InvokeModelWithResponseStream: each message is a prelude (total and header
 * lengths, CRC32), typed headers, a payload and a message CRC32
 * (https://docs.aws.amazon.com/lexv2/latest/dg/event-stream-encoding.html). The bytes are read
 * by Smithy's codec, which checks both CRCs; what this file adds is the meaning of the three
 * headers Bedrock sends: `:message-type` (`event`, `exception` or `error`), then `:event-type`
 * or `:exception-type` (or `:error-code` / `:error-message`), and `:content-type`
 * (recorded: test/fixtures/recorded/bedrock/pa-converse-stream-reasoning.frames.ndjson).
 */
const codec = (): EventStreamCodec => {
  const { fromUtf8, toUtf8 } = smithyUtf8();
  return new (smithyEventStream().EventStreamCodec)(toUtf8, fromUtf8);
};

/**
 * Smithy's codec and its share of @smithy/core (some 10 MB) load with the first event stream read
 * or written: only Bedrock upstreams and callers of the Bedrock routes use them.
 */
const smithyEventStream = requiredOnFirstUse<typeof import('@smithy/eventstream-codec')>('@smithy/eventstream-codec');
const smithyUtf8 = requiredOnFirstUse<typeof import('@smithy/util-utf8')>('@smithy/util-utf8');

/**
 * Incremental reader: byte chunks in, one frame per complete message out. A message's first four
 * bytes are its total length, so chunks are gathered until one is whole; Smithy's codec then
 * checks and decodes it. The chunks are kept as they came and copied into one buffer once, when a
 * message that spans them is whole, so a large message in many small chunks costs linear time.
 * A length over `maxMessageLength` is refused as soon as its four bytes arrive, before any of the
 * message is held.
 */
export class AwsEventStreamParser {
  private readonly codec = codec();
  /** Bytes not yet decoded, in the chunks they came in. */
  private chunks: Buffer[] = [];
  private pendingLength = 0;
  /** The total length of the message being gathered, once its first four bytes came. */
  private expected: number | undefined;

  constructor(private readonly maxMessageLength: number = maxFrameBytes) {}

  /** Throws on a message whose CRC or lengths are wrong, or that claims more than `maxMessageLength`: the stream is corrupt. */
  push(chunk: Uint8Array): StreamFrame[] {
    if (chunk.length > 0) {
      this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      this.pendingLength += chunk.length;
    }
    const frames: StreamFrame[] = [];
    for (;;) {
      if (this.expected === undefined) {
        if (this.pendingLength < 4) break;
        const length = this.peekLength();
        if (length < minimumMessageLength) throw corrupt(`a message claims ${length} bytes, fewer than its ${minimumMessageLength}-byte overhead`);
        if (length > this.maxMessageLength) throw corrupt(`a message claims ${length} bytes, more than the ${sizeText(this.maxMessageLength)} the gateway reads`);
        this.expected = length;
      }
      if (this.pendingLength < this.expected) break;
      const bytes = this.take(this.expected);
      this.expected = undefined;
      let message: Message;
      try {
        message = this.codec.decode(bytes);
      } catch (error) {
        throw corrupt(error instanceof Error ? error.message : String(error));
      }
      frames.push(frameOfMessage(message));
    }
    return frames;
  }

  /** Bytes left over at the end are a message cut short. */
  end(): StreamFrame[] {
    if (this.pendingLength > 0) {
      throw new InterlinguaError('stream_interrupted', `The upstream event stream broke off inside a message (${this.pendingLength} bytes left over).`);
    }
    return [];
  }

  /** The big-endian length in the first four pending bytes, which may lie in more than one chunk. */
  private peekLength(): number {
    const first = this.chunks[0]!;
    if (first.length >= 4) return first.readUInt32BE(0);
    const head = Buffer.alloc(4);
    let filled = 0;
    for (const chunk of this.chunks) {
      filled += chunk.copy(head, filled, 0, Math.min(chunk.length, 4 - filled));
      if (filled === 4) break;
    }
    return head.readUInt32BE(0);
  }

  /** The next `length` pending bytes: a view when one chunk holds them, else one copy. */
  private take(length: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= length) {
      if (first.length === length) this.chunks.shift();
      else this.chunks[0] = first.subarray(length);
      this.pendingLength -= length;
      return first.subarray(0, length);
    }
    const parts: Buffer[] = [];
    let taken = 0;
    let used = 0;
    while (taken < length) {
      const chunk = this.chunks[used]!;
      const wanted = length - taken;
      if (chunk.length <= wanted) {
        parts.push(chunk);
        used += 1;
        taken += chunk.length;
      } else {
        parts.push(chunk.subarray(0, wanted));
        this.chunks[used] = chunk.subarray(wanted);
        taken += wanted;
      }
    }
    this.chunks.splice(0, used);
    this.pendingLength -= length;
    return Buffer.concat(parts, length);
  }
}

function corrupt(problem: string): InterlinguaError {
  return new InterlinguaError('upstream_error', `The upstream sent a malformed event-stream message: ${problem}.`, { retryable: true });
}

/** Prelude (8), prelude CRC (4) and message CRC (4). */
const minimumMessageLength = 16;

function stringHeader(headers: MessageHeaders, name: string): string | undefined {
  const header = headers[name];
  return header?.type === 'string' ? header.value : undefined;
}

export function frameOfMessage(message: Message): StreamFrame {
  const data = smithyUtf8().toUtf8(message.body);
  const messageType = stringHeader(message.headers, ':message-type') ?? 'event';
  if (messageType === 'exception') return { event: stringHeader(message.headers, ':exception-type') ?? 'exception', data, exception: true };
  if (messageType === 'error') {
    const code = stringHeader(message.headers, ':error-code') ?? 'error';
    return { event: code, data: JSON.stringify({ message: stringHeader(message.headers, ':error-message') ?? code }), exception: true };
  }
  const event = stringHeader(message.headers, ':event-type');
  return event === undefined ? { data } : { event, data };
}

/**
 * Writing keeps no state between messages (Smithy's `EventStreamCodec.encode` marshals headers and
 * computes both CRCs per call), so one codec serves every stream the gateway writes.
 */
let writer: EventStreamCodec | undefined;

/** One frame as an event-stream message of JSON payload, the way Bedrock writes them. */
export function encodeAwsEventStreamMessage(frame: StreamFrame): Uint8Array {
  const text = (value: string) => ({ type: 'string' as const, value });
  const headers: MessageHeaders = frame.exception
    ? { ':message-type': text('exception'), ':exception-type': text(frame.event ?? 'exception'), ':content-type': text('application/json') }
    : { ':message-type': text('event'), ':event-type': text(frame.event ?? 'event'), ':content-type': text('application/json') };
  writer ??= codec();
  return writer.encode({ headers, body: smithyUtf8().fromUtf8(frame.data) });
}

/** Frames as the bytes of consecutive event-stream messages, one write's worth. */
export function encodeAwsEventStreamMessages(frames: readonly StreamFrame[]): Buffer {
  return Buffer.concat(frames.map(encodeAwsEventStreamMessage));
}

/** Frames as text, one `StreamFrame` JSON per line: what a binary-framed encoder's `encode` returns, for logs. */
export function streamFrameLines(frames: readonly StreamFrame[]): string {
  let text = '';
  for (const frame of frames) text += `${JSON.stringify(frame)}\n`;
  return text;
}
