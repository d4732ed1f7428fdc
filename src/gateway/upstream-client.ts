import { Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import { InterlinguaError } from '../interlingua/error.js';
import type { UpstreamEndpoint } from '../providers/index.js';

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string>;
  body: Dispatcher.ResponseData['body'];
}

/**
 * Sends requests upstream over one keep-alive undici `Pool` per origin: the cheapest HTTP
 * client on Node (see GUIDE.md, "Speed"). Bodies are sent whole with a content-length.
 */
export class UpstreamClient {
  private readonly pools = new Map<string, Pool>();

  async post(endpoint: UpstreamEndpoint, body: string, options: { signal: AbortSignal; timeoutMs: number }): Promise<UpstreamResponse> {
    const url = new URL(endpoint.url);
    try {
      const response = await this.pool(url.origin).request({
        method: 'POST',
        path: url.pathname + url.search,
        headers: endpoint.headers,
        body,
        signal: options.signal,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      return { status: response.statusCode, headers: flattenHeaders(response.headers), body: response.body };
    } catch (error) {
      throw describeTransportError(error, endpoint.url);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
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
