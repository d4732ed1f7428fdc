import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { InterlinguaError } from '../interlingua/error.js';

/**
 * Why Node stopped reading a request whose handler was already running: its HTTP/1.1 framing
 * broke (a bad chunk size line) or it did not arrive in time. Node reports that on the server's
 * `clientError` event, and the request stream itself only sees the connection go away
 * (https://nodejs.org/api/http.html#event-clienterror), so the reason is kept here for whoever
 * reads the body to refuse with, instead of a bare "aborted".
 */
const failures = new WeakMap<IncomingMessage, InterlinguaError>();
/**
 * Who is reading each request's body now. A request answered before its body ended is no longer
 * Node's to end or abort (it drops it from the connection once the answer is written), so the
 * reader is told here, or it would wait for ever.
 */
const readers = new WeakMap<IncomingMessage, (refusal: InterlinguaError) => void>();

export function recordFramingFailure(request: IncomingMessage, refusal: InterlinguaError): void {
  failures.set(request, refusal);
  readers.get(request)?.(refusal);
}

/** Calls `reader` if Node stops reading `request`; the result stops listening. */
export function onFramingFailure(request: IncomingMessage, reader: (refusal: InterlinguaError) => void): () => void {
  readers.set(request, reader);
  return () => {
    if (readers.get(request) === reader) readers.delete(request);
  };
}

/** The refusal recorded for `request` when Node stopped reading it, else undefined. */
export function framingFailureOf(request: IncomingMessage): InterlinguaError | undefined {
  return failures.get(request);
}

/** An error from Node's HTTP parser (`HPE_*`, with llhttp's `reason`) or its request timeout. */
export interface ClientFault extends Error {
  code?: string;
  reason?: string;
}

/**
 * Whether the fault is the request's own (a parse error, or `requestTimeout`), which deserves an
 * answer, rather than the connection's (ECONNRESET, EPIPE), after which nothing can be answered.
 */
export function isRequestFault(fault: ClientFault): boolean {
  return fault.code !== undefined && (fault.code.startsWith('HPE_') || fault.code === 'ERR_HTTP_REQUEST_TIMEOUT');
}

/**
 * The status Node's own default answer gives each fault (`socketOnError` in lib/_http_server.js,
 * described at https://nodejs.org/api/http.html#event-clienterror): 431 for headers over
 * `maxHeaderSize`, 413 for chunk extensions over Node's limit, 408 for `requestTimeout`, 400 for
 * every other parse error.
 */
export function faultStatus(fault: ClientFault): number {
  switch (fault.code) {
    case 'HPE_HEADER_OVERFLOW':
      return 431;
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 413;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408;
    default:
      return 400;
  }
}

/** The fault as a refusal each dialect renders in its own shape, at Node's status for it. */
export function framingRefusal(fault: ClientFault): InterlinguaError {
  const status = faultStatus(fault);
  if (status === 408) return new InterlinguaError('invalid_request', 'The request was not received in full in time; the connection is closed.', { status });
  if (status === 413) return new InterlinguaError('request_too_large', 'The request body has chunk extensions over the limit; the connection is closed.');
  // llhttp's reason is one of its own fixed phrases ("Invalid character in chunk size"), never the caller's bytes.
  const reason = fault.reason !== undefined && fault.reason !== '' ? ` (${fault.reason})` : '';
  return new InterlinguaError('invalid_request', `The request is not valid HTTP/1.1${reason}; the connection is closed.`, { status });
}

/** Node's own bodiless answer for a fault that belongs to no request the gateway has seen. */
export function plainFaultAnswer(fault: ClientFault): string {
  const status = faultStatus(fault);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\nConnection: close\r\n\r\n`;
}
