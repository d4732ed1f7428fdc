import { Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import { InterlinguaError } from '../interlingua/error.js';
import type { ProviderConfig } from '../config/resolved-config.js';
import type { UpstreamEndpoint } from '../providers/index.js';
import { Cancellation } from './cancellation.js';
import { connectionFailureReason, failureDetail } from './connection-failure.js';
import { RecentMap } from '../core/recent-map.js';
import { withIdentityEncoding } from './identity-encoding.js';
import { writingHook, type HookedRequestOptions } from './dispatch-hook.js';
import { UnsentAbort } from './unsent-abort.js';

export interface UpstreamResponse {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  body: Dispatcher.ResponseData['body'];
  /**
   * When a body read whole (an answer, an error) must have ended, in `Date.now()` milliseconds:
   * the provider's `timeoutMs` from sending, the same deadline the headers had (upstream-answer.ts).
   * A stream's first event must have come by then (first-event-deadline.ts); after it the stream is
   * bounded per silence only, so a long stream runs on.
   */
  deadline?: number;
  /** Where it came from, for the logs of a body that fails. */
  url?: string;
}

/** Endpoint URLs kept parsed; a configuration has far fewer. */
const rememberedTargets = 1_000;

/** What the client needs to know of a provider: its name, its time limit and its share of sockets. */
export type UpstreamProvider = Pick<ProviderConfig, 'name' | 'timeoutMs' | 'maxConnections'>;

/**
 * Sends requests upstream over keep-alive undici `Pool`s: the cheapest HTTP client on Node (see
 * GUIDE.md, "Speed"). Each provider has pools of its own, of its `maxConnections`, so one busy
 * provider never takes another's sockets even at the same origin. Bodies are sent whole with a
 * content-length; answers are asked for uncompressed (identity-encoding.ts).
 */
export class UpstreamClient {
  private readonly pools = new Map<string, { pool: Pool; dispatcher: Dispatcher; connections: number }>();
  /**
   * Endpoint URLs, each parsed once: one per provider and model, so few are configured, but URLs
   * that name the model (Gemini, Vertex, Bedrock) take any name a caller sends as
   * `<provider>/<model>`, so the oldest are forgotten past `rememberedTargets`.
   */
  private readonly targets = new RecentMap<string, { origin: string; path: string }>(rememberedTargets);

  /**
   * `timeoutMs` runs from here until the response headers, however long the request waits for a
   * free connection: undici's own timers start only once a request is on a socket, and a request
   * in a pool's queue does not see its signal until it gets one (undici 6, `RequestHandler.onConnect`).
   * So the deadline and the caller's leaving settle the call here at once, and the request they
   * abort is dropped unsent when its turn comes: an abort before undici began writing the request
   * (dispatch-hook.ts) is an `UnsentAbort`, which costs the caller nothing. After the headers,
   * undici's `bodyTimeout` bounds each silence in the body; by the same deadline
   * (`UpstreamResponse.deadline`) a body read whole must also have ended, and a stream have given
   * its first event. Only the body's reader can hold it to that: the client does not know whether
   * the body is a stream, whose later events must not be cut by it.
   */
  post(provider: UpstreamProvider, endpoint: UpstreamEndpoint, body: string, cancellation: Cancellation): Promise<UpstreamResponse> {
    if (cancellation.aborted) return Promise.reject(new UnsentAbort(endpoint.url));
    let pool: Pool;
    let dispatcher: Dispatcher;
    let path: string;
    try {
      const target = this.target(endpoint.url);
      ({ pool, dispatcher } = this.pool(provider, target.origin));
      path = target.path;
    } catch (error) {
      return Promise.reject(describeTransportError(error, provider.name, endpoint.url));
    }
    // What undici listens to: the caller leaving, for the whole exchange, or the deadline.
    const deadlineAt = Date.now() + provider.timeoutMs;
    const stop = new Cancellation();
    const forward = (): void => stop.abort();
    cancellation.once('abort', forward);
    return new Promise((resolve, reject) => {
      let settled = false;
      let writing = false;
      const fail = (error: InterlinguaError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        cancellation.off('abort', forward);
        stop.abort();
        reject(error);
      };
      const deadline = setTimeout(() => fail(notInTime(provider, endpoint.url, pool)), provider.timeoutMs);
      stop.once('abort', () => fail(writing ? describeTransportError(new undiciErrors.RequestAbortedError(), provider.name, endpoint.url) : new UnsentAbort(endpoint.url)));
      const options: HookedRequestOptions = {
        method: 'POST',
        path,
        headers: withIdentityEncoding(endpoint.headers),
        body,
        signal: stop,
        headersTimeout: provider.timeoutMs,
        bodyTimeout: provider.timeoutMs,
        onWriting: () => void (writing = true),
      };
      dispatcher
        .request(options)
        .then(
          (response) => {
            // Too late: the caller was told already; the answer is thrown away.
            if (settled) return void response.body.on('error', () => {}).destroy();
            settled = true;
            clearTimeout(deadline);
            response.body.once('close', () => cancellation.off('abort', forward));
            resolve({ status: response.statusCode, headers: response.headers, body: response.body, deadline: deadlineAt, url: endpoint.url });
          },
          (error: unknown) => fail(describeTransportError(error, provider.name, endpoint.url)),
        );
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map(({ pool }) => pool.close()));
    this.pools.clear();
    this.targets.clear();
  }

  private target(url: string): { origin: string; path: string } {
    let target = this.targets.get(url);
    if (target === undefined) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: parsed.pathname + parsed.search };
      this.targets.set(url, target);
    }
    return target;
  }

  /**
   * A reload that changes `maxConnections` gets a new pool; the old one closes once its requests
   * end. Requests go through the pool's `dispatcher`, which tells when each is written.
   */
  private pool(provider: UpstreamProvider, origin: string): { pool: Pool; dispatcher: Dispatcher } {
    const key = `${provider.name}\u0000${origin}`;
    const existing = this.pools.get(key);
    if (existing !== undefined && existing.connections === provider.maxConnections) return existing;
    if (existing !== undefined) void existing.pool.close().catch(() => {});
    const pool = new Pool(origin, { connections: provider.maxConnections, pipelining: 1, keepAliveTimeout: 30_000 });
    const made = { pool, dispatcher: pool.compose(writingHook), connections: provider.maxConnections };
    this.pools.set(key, made);
    return made;
  }
}

/** The deadline passed before the headers came; the log says whether requests were queued for a connection. */
function notInTime(provider: UpstreamProvider, url: string, pool: Pool): InterlinguaError {
  return new InterlinguaError('upstream_timeout', `${provider.name} did not answer within ${provider.timeoutMs} ms.`, {
    retryable: true,
    logFields: { upstreamUrl: url, queuedForConnection: `${pool.stats.queued} (maxConnections ${provider.maxConnections})` },
  });
}

/**
 * A failure to talk to the upstream, naming the provider, never its URL or address (the caller
 * must not learn the internal network); the URL and the socket's own message go to the logs.
 * Connection-level failures are retryable; an abort by the caller is not an upstream fault.
 */
export function describeTransportError(error: unknown, provider: string, url: string): InterlinguaError {
  if (error instanceof InterlinguaError) return error;
  const logFields = { upstreamUrl: url, cause: failureDetail(error) };
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new InterlinguaError('upstream_timeout', `${provider} did not answer in time.`, { retryable: true, cause: error, logFields });
  }
  if (isAbort(error)) {
    return new InterlinguaError('upstream_unreachable', 'The request was aborted.', { retryable: false, cause: error, logFields });
  }
  return new InterlinguaError('upstream_unreachable', `Could not reach ${provider}: ${connectionFailureReason(error)}.`, { retryable: true, cause: error, logFields });
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error instanceof undiciErrors.RequestAbortedError);
}

export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
