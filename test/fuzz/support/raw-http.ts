import { connect } from 'node:net';

/** An answer read off a bare socket; `status` 0 when the connection closed before a status line. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Set when the socket failed (a reset after the gateway refused the request head, say). */
  socketError?: string;
}

/**
 * Sends bytes as they are and reads the answer until it is complete (its content-length, or the
 * last chunk) or the gateway closes the connection. A bare socket, because the fuzz cases include
 * heads that node:http and undici refuse to send; chunked answers (streams) are decoded here.
 */
export function sendRaw(port: number, bytes: Buffer, timeoutMs: number): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const end = new AnswerEnd();
    let socketError: string | undefined;
    const timer = setTimeout(() => {
      socketError = `no answer within ${timeoutMs} ms`;
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (end.reached(chunk)) socket.destroy();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => (socketError ??= error.code ?? error.message));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ ...parseAnswer(Buffer.concat(chunks)), ...(socketError !== undefined ? { socketError } : {}) });
    });
    // Written without a FIN: the gateway takes a half-closed socket for a caller that went away.
    socket.write(bytes);
  });
}

/** The request head and body for a method, path and headers, with its length and `connection: close`. */
export function rawRequest(method: string, path: string, headers: Record<string, string>, body: Buffer | undefined): Buffer {
  const lines = [`${method} ${path} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  if (body !== undefined) lines.push(`content-length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body ?? Buffer.alloc(0)]);
}

/** Watches an answer arrive and says when it is whole: its content-length read, or its last chunk. */
class AnswerEnd {
  private head = Buffer.alloc(0);
  private bodyBytes = -1;
  private declaredLength: number | undefined;
  private chunked = false;
  private tail = Buffer.alloc(0);

  reached(chunk: Buffer): boolean {
    if (this.bodyBytes === -1) {
      this.head = Buffer.concat([this.head, chunk]);
      const headEnd = this.head.indexOf('\r\n\r\n');
      if (headEnd === -1) return false;
      const head = this.head.subarray(0, headEnd).toString('latin1').toLowerCase();
      this.chunked = /\r\ntransfer-encoding:[^\r]*chunked/.test(head);
      const declared = /\r\ncontent-length: *(\d+)/.exec(head)?.[1];
      if (declared !== undefined) this.declaredLength = Number(declared);
      chunk = this.head.subarray(headEnd + 4);
      this.bodyBytes = 0;
    }
    this.bodyBytes += chunk.length;
    this.tail = Buffer.concat([this.tail, chunk]).subarray(-5);
    if (this.chunked) return this.tail.toString('latin1') === '0\r\n\r\n';
    return this.declaredLength !== undefined && this.bodyBytes >= this.declaredLength;
  }
}

function parseAnswer(bytes: Buffer): Omit<RawAnswer, 'socketError'> {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd === -1) return { status: 0, headers: {}, body: '' };
  const [statusLine = '', ...headerLines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = bytes.subarray(headEnd + 4);
  const body = headers['transfer-encoding']?.includes('chunked') ? dechunk(rest) : rest;
  return { status, headers, body: body.toString('utf8') };
}

/** Joins the chunks of a chunked body (RFC 9112, section 7.1); a cut body yields what arrived. */
function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const lineEnd = bytes.indexOf('\r\n', offset);
    if (lineEnd === -1) break;
    const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
