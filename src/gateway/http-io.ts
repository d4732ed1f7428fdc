import type { IncomingMessage, ServerResponse } from 'node:http';
import { InterlinguaError } from '../interlingua/error.js';
import type { Dialect } from '../interlingua/dialect.js';

/** Reads a request body up to `limit` bytes; a larger one is refused with 413 before it is all read. */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.reject(new InterlinguaError('request_too_large', `The request body is ${declared} bytes; the limit is ${limit}.`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.resume();
        reject(new InterlinguaError('request_too_large', `The request body is over the limit of ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
    request.once('error', reject);
  });
}

/** Parses a JSON request body; anything else is a 400 in the caller's dialect. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) throw new InterlinguaError('invalid_request', 'The request body is empty; a JSON object was expected.');
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    throw new InterlinguaError('invalid_request', `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** An error in the caller's own dialect, so its SDK raises the matching error class. */
export function sendError(response: ServerResponse, dialect: Dialect, error: InterlinguaError): void {
  if (response.headersSent) {
    response.destroy(error);
    return;
  }
  const rendered = dialect.emitError(error);
  const headers: Record<string, string> = {};
  if (error.retryAfterMs !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
  sendJson(response, rendered.status, rendered.body, headers);
}

/** Any thrown value as an InterlinguaError; unknown faults become `internal` without leaking details. */
export function toInterlinguaError(error: unknown): InterlinguaError {
  if (error instanceof InterlinguaError) return error;
  return new InterlinguaError('internal', 'The gateway failed while handling this request.', { cause: error });
}
