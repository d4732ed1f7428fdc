import type { ServerInterceptingCall, ServerInterceptor } from '@grpc/grpc-js';
import type { Logger } from '../gateway/logger.js';
import { grpcJs } from './grpc-packages.js';
import type { GrpcServerLimits } from './grpc-server-options.js';

/** How long refusals after the first are counted before one line reports them, as the HTTP server does. */
const refusalBurstMs = 10_000;
/** Node fires a longer timer after 1 ms (https://nodejs.org/api/timers.html#settimeoutcallback-delay-args). */
const longestTimerMs = 2 ** 31 - 1;

/**
 * Bounds what callers hold of the gRPC server, as `createLimitedServer` (src/net/http-server-limits.ts)
 * does for HTTP: at most `maxCalls` calls open at once, a call past them refused at once, and a call
 * whose request has not fully arrived within `requestTimeoutMs` of its headers ended. Without this a
 * client could open streams that send headers and never their message, each held forever: 80,000
 * of them took the gateway from 118 to 588 MiB, still held 30 s later.
 *
 * A unary or server-streaming request is whole at the caller's half-close (grpc-js runs the handler
 * only then: server.js `handleUnary`); a client-streaming or bidi one (reflection) once its first
 * message arrives, after which the handler reads at its own pace. The ended call gets
 * DEADLINE_EXCEEDED, as grpc-js's own `grpc-timeout` deadline does (server-interceptors.js
 * `handleTimeoutHeader`); the refused one RESOURCE_EXHAUSTED, the status gRPC gives "server
 * temporarily out of resources" (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). Neither
 * carries a gateway error code: none in the error table means them, as Node's own 408 and dropped
 * connections on the HTTP side are not gateway errors either.
 *
 * A call is counted from its start until grpc-js reports it over (`onCancel`, which grpc-js calls
 * once for every call that ends: after its status is sent, or when its stream closes). The stream of
 * an ended or refused call is then reset (early-refusals.ts), so that it too stops holding memory.
 */
export function boundCalls(limits: Pick<GrpcServerLimits, 'maxCalls' | 'requestTimeoutMs'>, logger: Logger): ServerInterceptor {
  const grpc = grpcJs();
  let open = 0;
  let refusedInBurst = 0;
  const noteRefusal = () => {
    if (refusedInBurst++ > 0) return;
    logger.warn('gRPC call refused: server.maxConnections calls open', { maxCalls: limits.maxCalls });
    setTimeout(() => {
      if (refusedInBurst > 1) logger.warn('gRPC calls refused: server.maxConnections calls open', { maxCalls: limits.maxCalls, refused: refusedInBurst });
      refusedInBurst = 0;
    }, refusalBurstMs).unref();
  };

  return (method, next) => {
    const call: ServerInterceptingCall = new grpc.ServerInterceptingCall(next, {
      start(proceed) {
        if (open >= limits.maxCalls) {
          noteRefusal();
          call.sendStatus({ code: grpc.status.RESOURCE_EXHAUSTED, details: `The gateway holds ${limits.maxCalls} calls, its limit (server.maxConnections); retry shortly.` });
          return;
        }
        open += 1;
        let counted = true;
        const timer =
          limits.requestTimeoutMs > 0
            ? setTimeout(() => {
                call.sendStatus({ code: grpc.status.DEADLINE_EXCEEDED, details: `The request did not arrive within ${limits.requestTimeoutMs} ms (server.requestTimeoutMs).` });
              }, Math.min(limits.requestTimeoutMs, longestTimerMs)).unref()
            : undefined;
        const arrived = () => clearTimeout(timer);
        proceed({
          onReceiveMessage(message, pass) {
            if (method.requestStream) arrived();
            pass(message);
          },
          onReceiveHalfClose(pass) {
            arrived();
            pass();
          },
          onCancel() {
            arrived();
            if (counted) open -= 1;
            counted = false;
          },
        });
      },
    });
    return call;
  };
}
