import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../gateway/logger.js';

/** How long a client may take to send a request, and how many connections it may hold (`server:` in the configuration). */
export interface HttpServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

/**
 * An HTTP server that does not wait on slow clients forever. Node measures `headersTimeout` and
 * `requestTimeout` from a request's first byte to its last (headers, then the whole body) and
 * stops once the request is read, so an answer streamed for an hour is not cut
 * (https://nodejs.org/api/http.html#serverrequesttimeout); a client that is too slow gets 408
 * and loses the connection. Node checks them every `connectionsCheckingInterval` (30 s by
 * default, which would let a 20 s limit run to 50 s), so the check runs at a quarter of the
 * headers timeout, at most every 5 s. Past `maxConnections` new connections are closed at
 * once (Node's `'drop'` event), which is logged at most once per burst.
 */
export function createLimitedServer(limits: HttpServerLimits, logger: Logger, listener?: (request: IncomingMessage, response: ServerResponse) => void): Server {
  const options = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.min(5_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
  const server = listener === undefined ? createServer(options) : createServer(options, listener);
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  let dropped = 0;
  server.on('drop', () => {
    if (dropped++ === 0) {
      logger.warn('connection refused: server.maxConnections reached', { maxConnections: limits.maxConnections });
      // Count the rest of the burst instead of writing a line for each; report it once it is over.
      setTimeout(() => {
        if (dropped > 1) logger.warn('connections refused: server.maxConnections reached', { maxConnections: limits.maxConnections, refused: dropped });
        dropped = 0;
      }, 10_000).unref();
    }
  });
  return server;
}
