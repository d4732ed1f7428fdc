import type { Dialect, StreamFrame } from '../interlingua/dialect.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import { InterlinguaError } from '../interlingua/error.js';
import { SseParser } from '../wire/sse-parser.js';
import { NdjsonParser } from '../wire/ndjson-parser.js';
import type { UpstreamResponse } from './upstream-client.js';
import { describeTransportError, isAbort } from './upstream-client.js';

/** A stream of interlingua events in batches: one batch per upstream chunk, so writers can coalesce. */
export type EventBatches = AsyncIterator<StreamEvent[], undefined>;

const ignore = (): void => {};

/**
 * Upstream bytes → frames → the upstream dialect's events, pulled one chunk at a time so the
 * reader's pace is the upstream's pace (backpressure for free). A decode failure or a broken
 * connection ends the batches with an `error` event; an abort by the caller simply ends them.
 */
export async function* upstreamEventBatches(
  upstream: UpstreamResponse,
  dialect: Dialect,
  /** The provider's name, told to the caller, and the URL, for the logs. */
  source: { provider: string; url: string },
  /** Sees each raw chunk (the console's capture). */
  onChunk?: (text: string) => void,
): AsyncGenerator<StreamEvent[], undefined> {
  const framer = dialect.streamFraming === 'sse' ? new SseParser() : new NdjsonParser();
  const decoder = dialect.createStreamDecoder();
  const body = upstream.body;
  const decode = (frames: StreamFrame[]): StreamEvent[] => {
    const events: StreamEvent[] = [];
    for (const frame of frames) events.push(...decoder.push(frame));
    return events;
  };
  body.setEncoding('utf8');
  try {
    for await (const chunk of body as AsyncIterable<string>) {
      onChunk?.(chunk);
      const events = decode(framer.push(chunk));
      if (events.length > 0) yield events;
    }
    const tail = [...decode(framer.end()), ...decoder.end()];
    if (tail.length > 0) yield tail;
  } catch (caught) {
    if (isAbort(caught)) return undefined;
    yield [{ type: 'error', error: interrupted(caught, source) }];
  } finally {
    // undici's body emits RequestAbortedError when destroyed before its end: keep a listener.
    body.on('error', ignore);
    if (!body.destroyed && !body.readableEnded) body.destroy();
  }
  return undefined;
}

function interrupted(caught: unknown, source: { provider: string; url: string }): InterlinguaError {
  const error = caught instanceof InterlinguaError ? caught : describeTransportError(caught, source.provider, source.url);
  if (error.code !== 'upstream_unreachable' && error.code !== 'upstream_timeout') return error;
  return new InterlinguaError('stream_interrupted', `The upstream stream broke off: ${error.message}`, {
    cause: error,
    ...(error.logFields !== undefined ? { logFields: error.logFields } : {}),
  });
}
