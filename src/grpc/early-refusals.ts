import { constants as http2Constants, type ServerHttp2Stream } from 'node:http2';
import type { ServerInterceptingCallInterface, ServerInterceptor } from '@grpc/grpc-js';
import { InterlinguaError } from '../interlingua/error.js';
import { grpcJs } from './grpc-packages.js';
import { statusForError } from './status-codes.js';
import { rememberCallStream } from './call-streams.js';

type CallStatus = Parameters<ServerInterceptingCallInterface['sendStatus']>[0];

/**
 * grpc-js's own words when a request message is over `grpc.max_receive_message_length`, as it
 * arrives or as it inflates (stream-decoder.js; server-interceptors.js `decompressMessage`).
 */
const oversizeDetails = /^Received message (larger than max|that decompresses to a size larger than)/;

/**
 * What grpc-js leaves undone when a call is ended before its request has fully arrived: by the
 * gateway (call-bounds.ts: a request too slow, a call past the bound) or by grpc-js itself (a
 * message over the size limit, refused before any handler runs).
 *
 * - Its stream is left open until the client ends its side, which a client that never sends its
 *   message never does: the stream keeps its memory and its place among the connection's
 *   `grpc.max_concurrent_streams`. So, as RFC 9113 §8.1 allows a server that answered before the
 *   whole request came ("a server MAY request that the client abort transmission of a request
 *   without error by sending a RST_STREAM with an error code of NO_ERROR after sending a complete
 *   response"), the stream is reset with NO_ERROR once a status went out in place of any answer
 *   (trailers-only) while the request was still open; Node sends the reset after that status.
 * - The over-size refusal carries none of the gateway's trailers: it gets those of a
 *   `request_too_large` error (`x-interlingua-error-code`, and a pushback that says a retry is no
 *   use), keeping grpc-js's RESOURCE_EXHAUSTED and its details, which name both sizes.
 *
 * - Being the one place that sees the stream, it files it for the method handler, which resets
 *   the call of a client that stopped reading (call-streams.ts, stalled-callers.ts).
 *
 * grpc-js ends such calls past every interceptor, through its own `BaseServerInterceptingCall`
 * (server-interceptors.js: `handleDataFrame` and `decompressAndMaybePush` call its `sendStatus`),
 * and its interceptor API gives no way to the stream. So this interceptor must come first in the
 * server's list, where grpc-js hands it that very call object (`getServerInterceptingCall` folds the
 * list over it); it wraps the object's `sendStatus` and reads its `stream` field. Should a grpc-js
 * release change either, the trailers or the reset are lost, not the call: the tests say which.
 */
export const earlyRefusals: ServerInterceptor = (_method, base) => {
  const stream = streamOf(base);
  const send = base.sendStatus.bind(base);
  base.sendStatus = (status: CallStatus) => {
    const answered = stream?.headersSent ?? true;
    send(withGatewayTrailers(status));
    if (stream !== undefined && !answered && !stream.readableEnded && !stream.closed) stream.close(http2Constants.NGHTTP2_NO_ERROR);
  };
  return new (grpcJs().ServerInterceptingCall)(base, {
    start(next) {
      next({
        onReceiveMetadata(metadata, pass) {
          if (stream !== undefined) rememberCallStream(metadata, stream);
          pass(metadata);
        },
      });
    },
  });
};

function streamOf(call: ServerInterceptingCallInterface): ServerHttp2Stream | undefined {
  const stream = (call as unknown as { stream?: Partial<ServerHttp2Stream> }).stream;
  return typeof stream?.close === 'function' && typeof stream.headersSent === 'boolean' ? (stream as ServerHttp2Stream) : undefined;
}

function withGatewayTrailers(status: CallStatus): CallStatus {
  if (status.code !== grpcJs().status.RESOURCE_EXHAUSTED || !oversizeDetails.test(status.details)) return status;
  const rendered = statusForError(new InterlinguaError('request_too_large', status.details));
  return { ...status, metadata: rendered.metadata ?? null };
}
