import type { ServerResponse } from 'node:http';
import type { Dialect, StreamEncoder, StreamFrame } from '../interlingua/dialect.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import { InterlinguaError } from '../interlingua/error.js';
import { SseParser } from '../wire/sse-parser.js';
import { NdjsonParser } from '../wire/ndjson-parser.js';
import type { UpstreamResponse } from './upstream-client.js';
import { describeTransportError, isAbort } from './upstream-client.js';

/**
 * Thrown when a stream fails before anything reached the caller: the attempt may still be
 * retried or sent to the next deployment.
 */
export class UncommittedStreamError extends Error {
  constructor(readonly error: InterlinguaError) {
    super(error.message);
  }
}

const ignore = (): void => {};

export interface RelayTarget {
  response: ServerResponse;
  encoder: StreamEncoder;
  /** Headers for the caller, written with the first byte. */
  headers: Record<string, string>;
}

/**
 * Upstream bytes → frames → upstream dialect's events → caller dialect's wire text, one chunk
 * at a time with nothing held back. Until the upstream's first event commits the response, a
 * failure is handed back for a retry; after it, it becomes an in-band error in the caller's
 * dialect, never a clean end.
 */
export function relayStream(upstream: UpstreamResponse, upstreamDialect: Dialect, target: RelayTarget, url: string): Promise<void> {
  const framer = upstreamDialect.streamFraming === 'sse' ? new SseParser() : new NdjsonParser();
  const decoder = upstreamDialect.createStreamDecoder();
  const { response, encoder } = target;
  const body = upstream.body;
  let committed = false;

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: UncommittedStreamError) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      response.off('drain', onDrain);
      // undici's body emits RequestAbortedError when destroyed before its end: keep a listener.
      body.on('error', ignore);
      if (error !== undefined) {
        body.destroy();
        reject(error);
        return;
      }
      if (!body.destroyed && !body.readableEnded) body.destroy();
      if (!response.destroyed) {
        commit();
        response.end();
      }
      resolve();
    };

    /** The caller gets its headers with the upstream's first event, even if that event writes no bytes. */
    const commit = () => {
      if (committed) return;
      committed = true;
      response.writeHead(200, target.headers);
      response.flushHeaders();
    };

    /**
     * Writes the events' wire text; false once the stream has ended in an error. The events of
     * one upstream chunk go out in one write: nothing waits, there are just fewer writes.
     */
    const emit = (events: StreamEvent[]): boolean => {
      let text = '';
      let open = true;
      for (const event of events) {
        if (event.type === 'error' && !committed) {
          finish(new UncommittedStreamError(event.error));
          return false;
        }
        commit();
        text += encoder.encode(event);
        if (event.type === 'error') {
          open = false;
          break;
        }
      }
      if (text.length > 0 && !response.write(text)) body.pause();
      if (!open) finish();
      return open;
    };

    const fail = (caught: unknown) => {
      if (settled) return;
      if (response.destroyed || isAbort(caught)) return finish();
      const error = caught instanceof InterlinguaError ? caught : describeTransportError(caught, url);
      const interrupted =
        error.code === 'upstream_unreachable' || error.code === 'upstream_timeout'
          ? new InterlinguaError('stream_interrupted', `The upstream stream broke off: ${error.message}`, { cause: error })
          : error;
      emit([{ type: 'error', error: interrupted }]);
    };

    const decode = (frames: StreamFrame[]): StreamEvent[] => {
      const events: StreamEvent[] = [];
      for (const frame of frames) events.push(...decoder.push(frame));
      return events;
    };

    const onData = (chunk: string) => {
      if (response.destroyed) return finish();
      try {
        emit(decode(framer.push(chunk)));
      } catch (caught) {
        fail(caught);
      }
    };
    const onEnd = () => {
      try {
        if (emit(decode(framer.end()))) emit(decoder.end());
      } catch (caught) {
        fail(caught);
      }
      finish();
    };
    const onError = (caught: unknown) => fail(caught);
    const onDrain = () => body.resume();

    body.setEncoding('utf8');
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', onError);
    response.on('drain', onDrain);
    response.once('close', () => finish());
  });
}
