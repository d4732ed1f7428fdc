import type { IncomingMessage, ServerResponse } from 'node:http';
import { InterlinguaError } from '../interlingua/error.js';
import type { Dialect } from '../interlingua/dialect.js';
import { isStoreOutage, storeUnavailable } from '../store/store-outage.js';
import { parseJsonText } from '../wire/json-text.js';
import { safeHeaders } from './header-values.js';
import { retryAfterHeaders } from './retry-after-headers.js';
import { echoedValue } from '../core/echoed-value.js';
import { framingFailureOf, onFramingFailure } from './framing-failure.js';
import { continueWithheld } from './expect-continue.js';

/**
 * How long the rest of a refused body is still read, and thrown away, before the 413 goes out. The
 * connection closes after that answer; closed while the client is still sending, it reaches the
 * client as a reset that can discard the answer unread (RFC 9112, section 9.6: a server closing
 * "while it is likely that the client has transmitted unread data" should read on first).
 */
const refusedBodyDrainMs = 2_000;

/**
 * Reads a request body up to `limit` bytes; a larger one is refused with 413 without being kept,
 * and one with a content coding other than identity with 415.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  // A request Node stopped reading (client-errors.ts) is refused for the reason Node gave, even
  // before its body is read; one whose connection closed first would never end, so it fails now.
  const failed = framingFailureOf(request);
  if (failed !== undefined) return Promise.reject(failed);
  if (request.destroyed) return Promise.reject(new Error('The connection closed before the request body was read.'));
  const coding = unsupportedContentCoding(request.headers['content-encoding']);
  if (coding !== undefined) {
    return refuseAfterDraining(
      request,
      new InterlinguaError('invalid_request', `The request body is encoded as ${echoedValue(coding)} (Content-Encoding); the gateway takes only bodies sent as they are (identity).`, { status: 415 }),
    );
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    const tooLarge = new InterlinguaError('request_too_large', `The request body is ${declared} bytes; the limit is ${limit}.`);
    return continueWithheld(request) ? Promise.reject(tooLarge) : refuseAfterDraining(request, tooLarge);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        chunks.length = 0;
        refuseAfterDraining(request, new InterlinguaError('request_too_large', `The request body is over the limit of ${limit} bytes.`)).catch(reject);
        return;
      }
      chunks.push(chunk);
    };
    const untie = onFramingFailure(request, reject);
    request.on('data', onData);
    request.once('end', () => {
      untie();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    request.once('error', (error) => {
      untie();
      reject(framingFailureOf(request) ?? error);
    });
  });
}

/**
 * The first content coding of a request that is not identity, or undefined. A compressed body
 * was read as its raw bytes and refused as "not valid JSON at line 1, column 1", and a plain one
 * labelled gzip was taken: either way the label and the body disagreed unnoticed. The answer is
 * 415, which RFC 9110 gives to "a content coding that is not supported"
 * (https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16). None of the official SDKs (openai,
 * @anthropic-ai/sdk, @google/genai, @aws-sdk) compresses what it sends, so nothing is decoded. The
 * status goes with `invalid_request`, so each dialect renders it in its own shape, as a 415 (but
 * for Bedrock's, whose codec answers every invalid request as its documented 400 ValidationException).
 */
function unsupportedContentCoding(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  for (const token of header.split(',')) {
    const coding = token.trim().toLowerCase();
    if (coding !== '' && coding !== 'identity') return coding;
  }
  return undefined;
}

/** Rejects with `error` once the body has been read to its end (discarded), or after `refusedBodyDrainMs`. */
function refuseAfterDraining(request: IncomingMessage, error: InterlinguaError): Promise<never> {
  request.resume();
  return new Promise((_resolve, reject) => {
    if (request.complete) {
      reject(error);
      return;
    }
    const refuse = () => {
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(refuse, refusedBodyDrainMs);
    request.once('end', refuse);
    request.once('close', refuse);
  });
}

/**
 * Parses a JSON request body; anything else is a 400 in the caller's dialect, refused before any
 * work. The error says where the body went wrong, never what it held (src/wire/json-text.ts),
 * and a body nested past `maxJsonDepth` is refused before it is parsed.
 */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) throw new InterlinguaError('invalid_request', 'The request body is empty; a JSON object was expected.');
  const parsed = parseJsonText(body.toString('utf8'));
  if (!parsed.ok) throw new InterlinguaError('invalid_request', `The request body ${parsed.problem}.`);
  return parsed.value;
}

/** Headers may carry what the caller sent (a model name); they are made writable, so an answer already paid for is never lost to them. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // A request refused while its handler ran (its framing broke, client-errors.ts) has had its one answer.
  if (response.writableEnded) return;
  const text = JSON.stringify(body);
  response.writeHead(
    status,
    safeHeaders({
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    }),
  );
  response.end(text);
}

/** An error in the caller's own dialect, so its SDK raises the matching error class. */
export function sendError(response: ServerResponse, dialect: Dialect, error: InterlinguaError): void {
  if (response.headersSent) {
    // An answer begun is cut, so it is not taken for whole; one already complete is left alone.
    if (!response.writableEnded) response.destroy(error);
    return;
  }
  const rendered = dialect.emitError(error);
  const headers: Record<string, string> = { ...rendered.headers };
  if (error.retryAfterMs !== undefined) Object.assign(headers, retryAfterHeaders(error.retryAfterMs));
  // The Stainless SDKs (openai, @anthropic-ai/sdk) retry every 429 unless told not to by this header
  // (`shouldRetry` in their src/client.ts reads `x-should-retry` first).
  if (error.retryFutile === true) headers['x-should-retry'] = 'false';
  sendJson(response, rendered.status, rendered.body, headers);
}

/**
 * Any thrown value as an InterlinguaError; unknown faults become `internal` without leaking
 * details. A store that could not be reached is no fault of the gateway's: that is a 503 the
 * caller may retry, never a 500.
 */
export function toInterlinguaError(error: unknown): InterlinguaError {
  if (error instanceof InterlinguaError) return error;
  if (isStoreOutage(error)) return storeUnavailable(error);
  return new InterlinguaError('internal', 'The gateway failed while handling this request.', { cause: error });
}
