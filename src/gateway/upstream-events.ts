import type { Dialect, StreamFrame } from '../interlingua/dialect.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import { InterlinguaError } from '../interlingua/error.js';
import { SseParser } from '../wire/sse-parser.js';
import { NdjsonParser } from '../wire/ndjson-parser.js';
import { AwsEventStreamParser } from '../wire/aws-event-stream.js';
import type { UpstreamResponse } from './upstream-client.js';
import { describeTransportError, isAbort } from './upstream-client.js';
import { drainAfterFinish } from './after-finish.js';
import { withFailedFinish } from './failed-finish.js';
import { notAnEventStream } from './stream-content-type.js';
import { pushAll } from '../core/push-all.js';
import { beforeDeadline, noFirstEvent } from './first-event-deadline.js';

/** A stream of interlingua events in batches: one batch per upstream chunk, so writers can coalesce. */
export type EventBatches = AsyncIterator<StreamEvent[], undefined>;

const ignore = (): void => {};

/** Events known whole (a cached or unstreamed answer, a plugin's step) as batches: all of them at once. */
export async function* oneEventBatch(events: StreamEvent[]): AsyncGenerator<StreamEvent[], undefined> {
  yield events;
  return undefined;
}

/**
 * Upstream bytes → frames → the upstream dialect's events, pulled one chunk at a time so the
 * reader's pace is the upstream's pace (backpressure for free). A decode failure or a broken
 * connection ends the batches with an `error` event; an abort by the caller simply ends them.
 * The batches end with the one that holds the `finish` (the interlingua's last event): what the
 * upstream does after its terminal event (`[DONE]`, the end of its body, a timeout, a cut) is no
 * part of the answer, and is read only in the background, briefly (after-finish.ts). The first
 * event must come by the response's deadline (first-event-deadline.ts); past it the batches end with
 * a retryable `upstream_timeout` and the body is let go.
 */
export async function* upstreamEventBatches(
  upstream: UpstreamResponse,
  dialect: Dialect,
  /** The provider's name, told to the caller, and the URL, for the logs. */
  source: { provider: string; url: string },
  /** Sees each raw chunk (the console's capture). */
  onChunk?: (text: string) => void,
): AsyncGenerator<StreamEvent[], undefined> {
  const framer = streamFramer(dialect.streamFraming, onChunk);
  const decoder = dialect.createStreamDecoder();
  const body = upstream.body;
  let finished = false;
  let opening = true;
  const decode = (frames: StreamFrame[]): StreamEvent[] => {
    const events: StreamEvent[] = [];
    for (const frame of frames) pushAll(events, decoder.push(frame));
    return events;
  };
  if (framer.text) body.setEncoding('utf8');
  // The body's own iterator, not `for await`, whose early exit would destroy the body at once.
  const chunks = (body as AsyncIterable<string | Buffer>)[Symbol.asyncIterator]();
  // Until the first event: the start of what came, to tell a body that was no SSE stream (stream-content-type.ts).
  let firstText: string | undefined = dialect.streamFraming === 'sse' ? '' : undefined;
  const failedBeforeAnEvent = (error: InterlinguaError): StreamEvent[] => [
    { type: 'error', error: firstText === undefined ? error : notAnEventStream(error, upstream, source.provider, firstText) },
  ];
  const letGo = (): void => {
    // undici's body emits RequestAbortedError when destroyed before its end: keep a listener.
    body.on('error', ignore);
    if (!body.destroyed && !body.readableEnded) body.destroy();
  };
  // Until the first event, each read is bounded by the deadline the headers had; after it, only undici's bound on each silence holds.
  const read = (): Promise<IteratorResult<string | Buffer> | undefined> => (opening && upstream.deadline !== undefined ? beforeDeadline(chunks.next(), upstream.deadline) : chunks.next());
  try {
    for (let next = await read(); next?.done !== true; next = await read()) {
      if (next === undefined) {
        // Let go at once rather than when the reader ends the batches: the connection is free for another request.
        letGo();
        yield [{ type: 'error', error: noFirstEvent(source) }];
        return undefined;
      }
      if (firstText !== undefined && firstText.length < 256) firstText += String(next.value).slice(0, 256);
      const decoded = decode(framer.push(next.value));
      if (decoded.length === 0) continue;
      firstText = undefined;
      // `finish` comes last when it comes (stream-event.ts).
      finished = decoded[decoded.length - 1]?.type === 'finish';
      // A finish the upstream calls a failure reaches the caller as an error (failed-finish.ts).
      const events = withFailedFinish(decoded, source.provider, opening);
      opening = false;
      yield events;
      if (finished) return undefined;
    }
    const tail = withFailedFinish([...decode(framer.end()), ...decoder.end()], source.provider, opening);
    const head = tail[0];
    // The decoder's verdict on a body that gave no event at all; an error frame the upstream sent stands.
    if (firstText !== undefined && head?.type === 'error' && head.error.code === 'stream_interrupted') yield failedBeforeAnEvent(head.error);
    else if (tail.length > 0) yield tail;
  } catch (caught) {
    if (isAbort(caught)) return undefined;
    const error = interrupted(caught, source);
    yield firstText === undefined ? [{ type: 'error', error }] : failedBeforeAnEvent(error);
  } finally {
    if (finished) drainAfterFinish(body, chunks, onChunk === undefined ? undefined : (chunk) => framer.push(chunk));
    else letGo();
  }
  return undefined;
}

/** Chunks in, frames out; `text` when the body is read as UTF-8 text. */
interface StreamFramer {
  text: boolean;
  push(chunk: string | Buffer): StreamFrame[];
  end(): StreamFrame[];
}

/**
 * The framer for a dialect's streams. Text chunks go to the console's capture as they come; an
 * AWS event stream is binary, so its capture sees each decoded message as one JSON line.
 */
function streamFramer(framing: Dialect['streamFraming'], onChunk: ((text: string) => void) | undefined): StreamFramer {
  switch (framing) {
    case 'sse':
    case 'ndjson': {
      const parser = framing === 'sse' ? new SseParser() : new NdjsonParser();
      return {
        text: true,
        push: (chunk) => {
          const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
          onChunk?.(text);
          return parser.push(text);
        },
        end: () => parser.end(),
      };
    }
    case 'aws-event-stream': {
      const parser = new AwsEventStreamParser();
      const capture = (frames: StreamFrame[]): StreamFrame[] => {
        if (onChunk !== undefined) for (const frame of frames) onChunk(`${JSON.stringify(frame)}\n`);
        return frames;
      };
      return {
        text: false,
        push: (chunk) => capture(parser.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk)),
        end: () => capture(parser.end()),
      };
    }
    default: {
      const unhandled: never = framing;
      throw new Error(`unhandled stream framing ${String(unhandled)}`);
    }
  }
}

export function interrupted(caught: unknown, source: { provider: string; url: string }): InterlinguaError {
  const error = caught instanceof InterlinguaError ? caught : describeTransportError(caught, source.provider, source.url);
  if (error.code !== 'upstream_unreachable' && error.code !== 'upstream_timeout') return error;
  return new InterlinguaError('stream_interrupted', `The upstream stream broke off: ${error.message}`, {
    cause: error,
    ...(error.logFields !== undefined ? { logFields: error.logFields } : {}),
  });
}
