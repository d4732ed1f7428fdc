/**
 * gRPC calls written by hand over node:http2, for what no gRPC client does on purpose: send the
 * headers and never the message, or the message and never the half-close.
 */
import { connect, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import { once } from 'node:events';

/** A connection to the server, once its SETTINGS have arrived. */
export async function rawConnection(port: number): Promise<ClientHttp2Session> {
  const session = connect(`http://127.0.0.1:${port}`);
  session.on('error', () => {});
  await once(session, 'remoteSettings');
  return session;
}

/** A length-prefixed gRPC message (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md). */
export function grpcFrame(message: Uint8Array = new Uint8Array()): Buffer {
  const frame = Buffer.alloc(5 + message.byteLength);
  frame.writeUInt32BE(message.byteLength, 1);
  frame.set(message, 5);
  return frame;
}

/** A call's stream with its headers sent and nothing else; the caller writes what it wants of the rest. */
export function openCall(session: ClientHttp2Session, path: string): ClientHttp2Stream {
  const stream = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers' }, { endStream: false });
  stream.on('error', () => {});
  return stream;
}

export interface RawStatus {
  code: number;
  details: string;
  headers: IncomingHttpHeaders;
}

/** The call's status, from a trailers-only answer or from its trailers; its messages are read and dropped. */
export function statusOf(stream: ClientHttp2Stream): Promise<RawStatus> {
  return new Promise((resolve, reject) => {
    const fromHeaders = (headers: IncomingHttpHeaders) => {
      const code = headers['grpc-status'];
      if (code !== undefined) resolve({ code: Number(code), details: decodeURIComponent(String(headers['grpc-message'] ?? '')), headers });
    };
    stream.on('response', fromHeaders);
    stream.on('trailers', fromHeaders);
    stream.on('close', () => reject(new Error('the stream closed without a gRPC status')));
    stream.resume();
  });
}

/**
 * Resolves once the stream has closed, a turn of the event loop later: Node 20's HTTP/2 client
 * spins without end if another stream is closed in the same turn as one the server reset.
 */
export async function closed(stream: ClientHttp2Stream): Promise<void> {
  if (!stream.closed) await once(stream, 'close');
  await new Promise((resolve) => setImmediate(resolve));
}

/** The promise, or a failure naming what did not happen within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
