import type { RawConfig } from './schema.js';
import type { HttpServerLimits } from '../net/http-server-limits.js';
import type { RealtimeLimits } from '../plugins/realtime-limits.js';
import { ConfigError } from './config-error.js';
import { defaultSettings } from './defaults.js';

/**
 * The `server:` timeouts and connection cap with defaults. Node refuses a headers timeout longer
 * than the request timeout, so an unset one follows a shorter request timeout (as Node's own
 * default does), and a configured pair that disagrees is an error here rather than at listen.
 */
export function serverLimits(raw: RawConfig['server'], source: string): HttpServerLimits {
  const requestTimeoutMs = raw?.requestTimeoutMs ?? defaultSettings.requestTimeoutMs;
  const bounded = requestTimeoutMs > 0 ? Math.min(defaultSettings.headersTimeoutMs, requestTimeoutMs) : defaultSettings.headersTimeoutMs;
  const headersTimeoutMs = raw?.headersTimeoutMs ?? bounded;
  if (requestTimeoutMs > 0 && headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(`${source}: server.headersTimeoutMs (${headersTimeoutMs}) must not exceed server.requestTimeoutMs (${requestTimeoutMs}): the headers are part of the request`);
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: raw?.keepAliveTimeoutMs ?? defaultSettings.keepAliveTimeoutMs,
    maxConnections: raw?.maxConnections ?? defaultSettings.serverMaxConnections,
  };
}

/**
 * The realtime subscription caps and ping interval with defaults. Each subscriber holds a
 * connection for as long as it stays, so over all callers they may hold half of
 * `server.maxConnections` by default, and never all of them: HTTP requests keep connections of their own.
 */
export function realtimeLimits(raw: RawConfig['server'], maxConnections: number, source: string): RealtimeLimits {
  const configured = raw?.maxRealtimeSubscriptions;
  // At least one, even when `maxConnections` is 1 (a test's, never a real gateway's).
  const maxSubscriptions = configured ?? Math.max(1, Math.floor(maxConnections / 2));
  if (configured !== undefined && configured >= maxConnections) {
    throw new ConfigError(`${source}: server.maxRealtimeSubscriptions (${maxSubscriptions}) must be below server.maxConnections (${maxConnections}): HTTP requests need connections too`);
  }
  return {
    maxSubscriptions,
    maxSubscriptionsPerKey: raw?.maxRealtimeSubscriptionsPerKey ?? defaultSettings.realtimeMaxSubscriptionsPerKey,
    // Per address only when asked for: behind a proxy every keyless caller has the proxy's address.
    ...(raw?.maxRealtimeSubscriptionsPerKey !== undefined ? { maxSubscriptionsPerAddress: raw.maxRealtimeSubscriptionsPerKey } : {}),
    pingIntervalMs: raw?.realtimePingIntervalMs ?? defaultSettings.realtimePingIntervalMs,
  };
}
