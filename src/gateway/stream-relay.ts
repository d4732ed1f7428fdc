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
export async function relayStream(upstream: UpstreamResponse, upstreamDialect: Dialect, target: RelayTarget, url: string): Promise<void> {
  const framer = upstreamDialect.streamFraming === 'sse' ? new SseParser() : new NdjsonParser();
  const decoder = upstreamDialect.createStreamDecoder();
  const textDecoder = new TextDecoder('utf-8');
  const { response } = target;
  let committed = false;

  /** The caller gets its headers with the upstream's first event, even if that event writes no bytes. */
  const commit = (): void => {
    if (committed) return;
    committed = true;
    response.writeHead(200, target.headers);
    response.flushHeaders();
  };

  const write = async (text: string): Promise<void> => {
    if (text.length === 0) return;
    if (!response.write(text)) await waitForDrain(response);
  };

  const emit = async (events: StreamEvent[]): Promise<boolean> => {
    for (const event of events) {
      if (event.type === 'error' && !committed) throw new UncommittedStreamError(event.error);
      commit();
      await write(target.encoder.encode(event));
      if (event.type === 'error') return false;
    }
    return true;
  };

  const decodeFrames = (frames: StreamFrame[]): StreamEvent[] => {
    const events: StreamEvent[] = [];
    for (const frame of frames) events.push(...decoder.push(frame));
    return events;
  };

  try {
    let open = true;
    for await (const chunk of upstream.body) {
      const text = textDecoder.decode(chunk as Buffer, { stream: true });
      if (!(await emit(decodeFrames(framer.push(text))))) {
        open = false;
        upstream.body.destroy();
        break;
      }
      if (response.destroyed) return;
    }
    if (open) await emit([...decodeFrames([...framer.push(textDecoder.decode()), ...framer.end()]), ...decoder.end()]);
  } catch (caught) {
    if (caught instanceof UncommittedStreamError) throw caught;
    if (response.destroyed || isAbort(caught)) return;
    const error = caught instanceof InterlinguaError ? caught : describeTransportError(caught, url);
    const interrupted =
      error.code === 'upstream_unreachable' || error.code === 'upstream_timeout'
        ? new InterlinguaError('stream_interrupted', `The upstream stream broke off: ${error.message}`, { cause: error })
        : error;
    if (!committed) throw new UncommittedStreamError(interrupted);
    await write(target.encoder.encode({ type: 'error', error: interrupted }));
  }
  commit();
  response.end();
}

function waitForDrain(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
