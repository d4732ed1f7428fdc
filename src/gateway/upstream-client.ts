import { Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import { InterlinguaError } from '../interlingua/error.js';
import type { UpstreamEndpoint } from '../providers/index.js';
import type { Cancellation } from './cancellation.js';

export interface UpstreamResponse {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  body: Dispatcher.ResponseData['body'];
}

/**
 * Sends requests upstream over one keep-alive undici `Pool` per origin: the cheapest HTTP
 * client on Node (see GUIDE.md, "Speed"). Bodies are sent whole with a content-length.
 */
export class UpstreamClient {
  private readonly pools = new Map<string, Pool>();
  /** Endpoint URLs are few (one per provider and model): each is parsed once. */
  private readonly targets = new Map<string, { pool: Pool; path: string }>();

  async post(endpoint: UpstreamEndpoint, body: string, options: { signal: Cancellation; timeoutMs: number }): Promise<UpstreamResponse> {
    try {
      const target = this.target(endpoint.url);
      const response = await target.pool.request({
        method: 'POST',
        path: target.path,
        headers: endpoint.headers,
        body,
        signal: options.signal,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      throw describeTransportError(error, endpoint.url);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
    this.targets.clear();
  }

  private target(url: string): { pool: Pool; path: string } {
    let target = this.targets.get(url);
    if (target === undefined) {
      const parsed = new URL(url);
      target = { pool: this.pool(parsed.origin), path: parsed.pathname + parsed.search };
      this.targets.set(url, target);
    }
    return target;
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, { connections: 128, pipelining: 1, keepAliveTimeout: 30_000 });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}

/** Connection-level failures are retryable; an abort by the caller is not an upstream fault. */
export function describeTransportError(error: unknown, url: string): InterlinguaError {
  if (error instanceof InterlinguaError) return error;
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new InterlinguaError('upstream_timeout', `The upstream ${url} did not answer in time.`, { retryable: true, cause: error });
  }
  if (isAbort(error)) {
    return new InterlinguaError('upstream_unreachable', 'The request was aborted.', { retryable: false, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new InterlinguaError('upstream_unreachable', `Could not reach the upstream ${url}: ${message}`, { retryable: true, cause: error });
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
