import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { Dialect, StreamEncoder, StreamFrame } from '../interlingua/dialect.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { OpenedStream } from './chat-engine.js';
import { safeHeaders } from './header-values.js';
import { TurnWrites } from './turn-writes.js';
import { encodeAwsEventStreamMessages, streamFrameLines } from '../wire/aws-event-stream.js';
import { SseKeepAlive, sseKeepAliveMs } from './sse-keep-alive.js';
import { toInterlinguaError } from './http-io.js';
import { pushAll } from '../core/push-all.js';

/**
 * How the encoder's output reaches the caller: its text as it is (SSE, NDJSON, a JSON array), or
 * AWS event-stream messages, one binary message for each `StreamFrame` the encoder hands over
 * (Bedrock's ConverseStream and InvokeModelWithResponseStream).
 */
export type CallerFraming = 'text' | 'aws-event-stream';

/** The framing and content type of a caller's stream, from its dialect and route. */
export function callerFraming(streamFraming: Dialect['streamFraming'], jsonArray: boolean): { framing: CallerFraming; contentType: string } {
  if (jsonArray) return { framing: 'text', contentType: 'application/json; charset=utf-8' };
  switch (streamFraming) {
    case 'sse':
      return { framing: 'text', contentType: 'text/event-stream; charset=utf-8' };
    case 'ndjson':
      return { framing: 'text', contentType: 'application/x-ndjson' };
    case 'aws-event-stream':
      // As Bedrock answers a stream (test/fixtures/recorded/bedrock/stream-converse-text-live.capture.json, "contentType").
      return { framing: 'aws-event-stream', contentType: 'application/vnd.amazon.eventstream' };
    default: {
      const unhandled: never = streamFraming;
      throw new Error(`unhandled stream framing ${String(unhandled)}`);
    }
  }
}

export interface StreamTarget {
  response: ServerResponse;
  encoder: StreamEncoder;
  framing: CallerFraming;
  /** Headers for the caller, written with the first byte. */
  headers: Record<string, string>;
  /** Runs once the answer has finished, before its final events are written (storing it). */
  beforeFinish?: () => Promise<void>;
  /** Sees every event on its way out (usage, time to first token). */
  observe?: (event: StreamEvent) => void;
  /** Sees each batch of events with the text written for it (the console's capture). */
  capture?: (events: StreamEvent[], text: string) => void;
  /** How long the caller may leave its socket full before it is cut (`drained`); `defaultWriteStallMs` unless given. */
  stallMs?: number;
  /** Whether the caller's client skips SSE comments as the standard says (`Dialect.clientsSkipSseComments`); if not, it gets no keep-alives. */
  readsComments?: boolean;
  /** How long an SSE caller may go without a byte before it gets a comment (sse-keep-alive.ts); `sseKeepAliveMs` unless given. */
  keepAliveMs?: number;
}

/**
 * How long a caller may leave a full socket unread before it is cut, when the request does not say
 * (a provider's `timeoutMs`). Well past any client's pause between reads, and short enough that a
 * caller who stopped reading gives the upstream connection it holds back to the others.
 */
export const defaultWriteStallMs = 60_000;

/**
 * How long a caller may leave its stream unread before it is cut, for an answer from a provider
 * with `timeoutMs`: the provider's own patience, at most `defaultWriteStallMs`. Every front end
 * that streams (HTTP, gRPC) uses this one rule.
 */
export function writeStallMsFor(providerTimeoutMs: number): number {
  return Math.min(providerTimeoutMs, defaultWriteStallMs);
}

/**
 * Whether the caller reads SSE, from the content type its stream goes out with (callerFraming):
 * only SSE has comments, so only SSE callers are kept alive (not NDJSON, a JSON array or AWS event stream).
 */
export function servesSse(headers: Record<string, string>): boolean {
  return headers['content-type']?.startsWith('text/event-stream') === true;
}

/**
 * Writes an opened stream to the caller in its dialect, one upstream chunk per write with
 * nothing held back, pausing while the caller's socket is full. An `error` event is written
 * in-band and ends the stream: the caller never mistakes a broken stream for a clean end. The
 * `finish` ends it too, whatever the upstream does after its terminal event.
 */
export async function writeStream(opened: OpenedStream, target: StreamTarget): Promise<void> {
  const { response, encoder } = target;
  // The upstream has answered by now: a header built from the caller's model name must not fail the stream.
  response.writeHead(200, safeHeaders(target.headers));
  // The headers go out with the first batch's text, in one write; on their own only when that
  // batch wrote nothing or something is awaited first, so the caller never waits on them.
  // (`headersSent` is true from `writeHead` on, before anything is written: hence a flag of its own.)
  let headersWritten = false;
  const turn = new TurnWrites(response);
  const flushHeaders = () => {
    turn.hold();
    if (!headersWritten) response.flushHeaders();
    headersWritten = true;
  };
  const stallMs = target.stallMs ?? defaultWriteStallMs;
  const keepAlive = target.framing === 'text' && target.readsComments !== false && servesSse(target.headers) ? new SseKeepAlive(response, target.keepAliveMs ?? sseKeepAliveMs) : undefined;
  try {
    let batch: StreamEvent[] | undefined = opened.first;
    while (batch !== undefined && !response.destroyed) {
      const { chunk, text, ended, finished } = encodeBatch(encoder, target.framing, batch, target.observe);
      if (target.capture !== undefined) target.capture(batch, text());
      if (finished && target.beforeFinish !== undefined) {
        flushHeaders();
        await target.beforeFinish();
      }
      if (chunk.length === 0) flushHeaders();
      else {
        headersWritten = true;
        turn.hold();
        keepAlive?.wrote();
        if (!response.write(chunk)) await drained(response, stallMs);
      }
      // Nothing follows a `finish` (stream-event.ts): the caller is not held for the upstream's end.
      if (ended || finished) break;
      const next = await opened.rest.next();
      batch = next.done ? undefined : next.value;
    }
  } catch (thrown) {
    // A fault of the gateway's own mid-stream (a stored turn's fold refusing the upstream's events,
    // the store failing before the finish) ends the stream in-band as well; the pipeline records it.
    if (!response.destroyed) writeInBand(response, () => encodeBatch(encoder, target.framing, [{ type: 'error', error: toInterlinguaError(thrown) }], () => {}).chunk);
    throw thrown;
  } finally {
    keepAlive?.stop();
    await opened.rest.return?.(undefined);
    if (!response.destroyed) response.end();
  }
}

/**
 * An error frame written as the stream's last words; a frame that cannot be made leaves the
 * stream cut (destroyed) rather than ended, so it is never taken for whole.
 */
export function writeInBand(response: ServerResponse, frame: () => string | Buffer): void {
  try {
    response.write(frame());
  } catch {
    response.destroy();
  }
}

/** One batch of events encoded: what to write, its text for the console (made only when asked), and whether the stream ended or finished in it. */
export interface EncodedBatch {
  chunk: string | Buffer;
  text: () => string;
  ended: boolean;
  finished: boolean;
}

/**
 * Encodes a batch in the caller's framing. For AWS event-stream the encoder hands over frames
 * (`encodeFrames`), each serialized once into a message: nothing is written as text and read again.
 */
export function encodeBatch(encoder: StreamEncoder, framing: CallerFraming, events: readonly StreamEvent[], observe?: (event: StreamEvent) => void): EncodedBatch {
  const encodeFrames = framing === 'aws-event-stream' ? encoder.encodeFrames?.bind(encoder) : undefined;
  if (framing === 'aws-event-stream' && encodeFrames === undefined) throw new Error('an encoder for an AWS event-stream caller must hand over frames (encodeFrames)');
  let text = '';
  const frames: StreamFrame[] = [];
  let finished = false;
  let ended = false;
  for (const event of events) {
    observe?.(event);
    if (encodeFrames === undefined) text += encoder.encode(event);
    else pushAll(frames, encodeFrames(event));
    if (event.type === 'finish') finished = true;
    if (event.type === 'error') {
      ended = true;
      break;
    }
  }
  if (encodeFrames === undefined) return { chunk: text, text: () => text, ended, finished };
  return { chunk: encodeAwsEventStreamMessages(frames), text: () => streamFrameLines(frames), ended, finished };
}

/**
 * Resolves when the socket can take more, or is gone. A caller that reads nothing for `stallMs` is
 * cut: its response is destroyed, which the request's handler takes as the caller leaving (the
 * upstream call is aborted, the request recorded as cancelled). Without the deadline a caller that
 * stops reading holds its upstream connection, one of the provider's `maxConnections`, for ever.
 */
export async function drained(response: ServerResponse, stallMs: number = defaultWriteStallMs): Promise<void> {
  if (response.destroyed) return;
  const controller = new AbortController();
  const stalled = setTimeout(() => response.destroy(), stallMs);
  try {
    await Promise.race([once(response, 'drain', { signal: controller.signal }), once(response, 'close', { signal: controller.signal })]);
  } finally {
    clearTimeout(stalled);
    controller.abort();
  }
}
