import type { ServerOptions } from '@grpc/grpc-js';
import type { GatewayConfig } from '../config/resolved-config.js';

/**
 * What callers may hold of the gRPC server. Each bound is the HTTP server's own `server:` setting,
 * so that one configuration bounds both front ends; they are read once, when the gRPC server is
 * made (the `grpc` section already needs a restart to change).
 */
export interface GrpcServerLimits {
  /**
   * Largest message, in bytes, either way: `server.maxBodyBytes`, the HTTP body limit. A request over
   * it is refused; a reply over it (a long answer repeated whole in a ChatHub reply) fails the call.
   */
  maxMessageBytes: number;
  /**
   * How long a call may take to send its whole request after its headers: `server.requestTimeoutMs`,
   * which Node applies to an HTTP request's headers and body alike; 0: no limit.
   */
  requestTimeoutMs: number;
  /**
   * Calls open at once, over every connection: `server.maxConnections`. Over HTTP/1.1 each open
   * request holds one connection, so that setting bounds the requests the gateway holds; over HTTP/2
   * one connection carries many calls, so the gRPC server counts the calls instead.
   */
  maxCalls: number;
  /** How long a connection with no call open is kept: `server.keepAliveTimeoutMs`, HTTP's idle keep-alive. */
  idleTimeoutMs: number;
}

export function grpcServerLimits(server: GatewayConfig['server'], overrides: Partial<GrpcServerLimits> = {}): GrpcServerLimits {
  return {
    maxMessageBytes: overrides.maxMessageBytes ?? server.maxBodyBytes,
    requestTimeoutMs: overrides.requestTimeoutMs ?? server.requestTimeoutMs,
    maxCalls: overrides.maxCalls ?? server.maxConnections,
    idleTimeoutMs: overrides.idleTimeoutMs ?? server.keepAliveTimeoutMs,
  };
}

/**
 * Calls one connection may carry at once. grpc-js leaves Node's default, 2^32-1, in the SETTINGS
 * frame (server.js sets `maxConcurrentStreams` only when `grpc.max_concurrent_streams` is given).
 * Calls past it wait in the client rather than fail, which made Go's former 250 a bottleneck
 * (letsencrypt/boulder#3642), so this is far above one client's usual concurrency, yet a tenth of
 * the default `server.maxConnections`: one connection cannot take every call the gateway holds.
 */
export const maxCallsPerConnection = 1_000;

/**
 * A ping to a connection after this long, and the connection closed if no answer comes within the
 * timeout: a client that vanished without closing (a suspended laptop, a NAT that forgot the flow)
 * would otherwise keep its streamed answer and that answer's upstream request running until the
 * upstream ends it. One PING frame a minute costs a connection nothing; 20 s is grpc-js's and gRPC
 * core's default timeout (server.js `KEEPALIVE_TIMEOUT_MS`).
 */
export const keepalivePingMs = 60_000;
export const keepaliveTimeoutMs = 20_000;

/**
 * grpc-js server options for the limits (the keys are those grpc-js 1.14 reads:
 * node_modules/@grpc/grpc-js/build/src/channel-options.d.ts, server.js's constructor and
 * server-interceptors.js's `BaseServerInterceptingCall`). Without them grpc-js refuses messages over
 * 4 MiB (its default receive limit) and lets a connection open 2^32-1 streams and stay forever.
 * `grpc-node.max_session_memory` stays unset, as grpc-js leaves it: it found Node's handling of that
 * limit degrades badly once reached (server.js, beside `maxSessionMemory`); the call bound
 * (call-bounds.ts), with the reset of the streams of calls ended early (early-refusals.ts), is what
 * limits what the sessions hold. Timers longer than 2^31-1 ms fire at once in Node, so the idle time
 * stops there (grpc-js reads that value as "never").
 *
 * The send limit is the receive limit. grpc-js sends messages of any size unless
 * `grpc.max_send_message_length` is set (its DEFAULT_MAX_SEND_MESSAGE_LENGTH is -1, constants.js;
 * the option is listed in channel-options.d.ts:
 * https://app.unpkg.com/@grpc/grpc-js@1.14.3/files/build/src/channel-options.d.ts, and read per call by
 * `BaseServerInterceptingCall`), while its clients take 4 MiB unless told otherwise: an answer past
 * that was sent whole, refused by a stock client, and recorded as a success. The services check their
 * replies against the same bound first (reply-limit.ts), so an answer over it fails as a gateway error;
 * grpc-js's own check is the backstop for any other reply. A client that wants answers past 4 MiB
 * raises its `grpc.max_receive_message_length`.
 */
export function grpcServerOptions(limits: GrpcServerLimits): ServerOptions {
  return {
    'grpc.max_receive_message_length': limits.maxMessageBytes,
    'grpc.max_send_message_length': limits.maxMessageBytes,
    'grpc.max_concurrent_streams': Math.min(maxCallsPerConnection, limits.maxCalls),
    'grpc.max_connection_idle_ms': Math.min(limits.idleTimeoutMs, 2 ** 31 - 1),
    'grpc.keepalive_time_ms': keepalivePingMs,
    'grpc.keepalive_timeout_ms': keepaliveTimeoutMs,
  };
}
