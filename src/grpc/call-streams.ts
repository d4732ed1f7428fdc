import { constants as http2Constants, type ServerHttp2Stream } from 'node:http2';
import type { Metadata } from '@grpc/grpc-js';

/**
 * The HTTP/2 stream under each call, filed by the call's request metadata: the one object that
 * grpc-js hands both to the first interceptor's listener (early-refusals.ts, the one place that
 * sees the stream) and, unchanged, to the method handler (server.js `handleServerStreaming` keeps
 * the metadata its listener received). A WeakMap, so a call that ends takes its entry with it.
 */
const streams = new WeakMap<Metadata, ServerHttp2Stream>();

export function rememberCallStream(metadata: Metadata, stream: ServerHttp2Stream): void {
  streams.set(metadata, stream);
}

/**
 * Resets a call's stream with CANCEL, which a gRPC client reports as CANCELLED (the RST_STREAM
 * mapping of https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md#errors). For a call
 * whose client stopped reading: grpc-js sends a status only in trailers after every reply already
 * written (it waits for the stream's `wantTrailers`), so a status would wait behind replies that
 * client never takes, and the call with them. Returns whether there was a stream to reset.
 */
export function resetCallStream(metadata: Metadata): boolean {
  const stream = streams.get(metadata);
  if (stream === undefined || stream.closed || stream.destroyed) return false;
  stream.close(http2Constants.NGHTTP2_CANCEL);
  return true;
}
