/**
 * Anthropic error bodies ↔ `InterlinguaError` (https://docs.claude.com/en/api/errors).
 * Overload is its own status, 529: the official SDK maps it to its `OverloadedError` class
 * (core/error.ts, STATUS_ERROR_CLASSES), so it is kept when rendering for Anthropic callers.
 */
import { InterlinguaError, errorCodeForStatus, errorTable, isRetryableStatus } from '../../interlingua/error.js';
import type { ErrorCode } from '../../interlingua/error.js';
import { retryAfterMsFromHeaders } from '../../core/retry-after.js';
import { errorBodySchema } from './wire-schema.js';
import { dialectName } from './vendor-data.js';

const codeByType: Record<string, ErrorCode> = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'authentication',
  permission_error: 'permission',
  not_found_error: 'not_found',
  request_too_large: 'request_too_large',
  rate_limit_error: 'rate_limited',
  api_error: 'upstream_error',
  overloaded_error: 'overloaded',
  timeout_error: 'upstream_timeout',
};

const overloadedStatus = 529;

/** An in-band error (stream `error` event, or a body whose HTTP status is unknown). */
export function errorFromWire(type: string, message: string | undefined): InterlinguaError {
  const code = codeByType[type] ?? 'upstream_error';
  return new InterlinguaError(code, message ?? `Anthropic upstream error (${type}).`, { vendorType: type });
}

/** `retry-after-ms` or `retry-after`, whatever the case of the header names. */
function retryAfter(headers: Record<string, string>): number | undefined {
  const lowerCase = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return retryAfterMsFromHeaders(lowerCase);
}

/**
 * An upstream's error answer → `InterlinguaError`. The code comes from the body's `error.type`
 * when it is a known Anthropic type, else from the status. A 4xx the error table does not
 * list (402 billing, 409 conflict) keeps its own status; retryability follows the upstream status.
 */
export function parseError(status: number, body: string, headers: Record<string, string>): InterlinguaError {
  let vendorType: string | undefined;
  let message: string;
  let parsedBody: unknown;
  try {
    parsedBody = JSON.parse(body);
  } catch {
    parsedBody = undefined;
  }
  const parsed = errorBodySchema.safeParse(parsedBody);
  if (parsed.success) {
    vendorType = parsed.data.error.type;
    message = parsed.data.error.message ?? `Anthropic upstream error (${vendorType}).`;
  } else {
    const excerpt = body.length > 200 ? `${body.slice(0, 200)}…` : body;
    message = `Anthropic upstream answered HTTP ${status} with a body that is not an Anthropic error: ${excerpt === '' ? '(empty)' : excerpt}`;
  }
  const code = (vendorType === undefined ? undefined : codeByType[vendorType]) ?? errorCodeForStatus(status);
  const tableStatus = errorTable[code].status;
  const keepStatus = status >= 400 && status < 500 && status !== tableStatus;
  const retryAfterMs = retryAfter(headers);
  return new InterlinguaError(code, message, {
    ...(keepStatus ? { status } : {}),
    retryable: isRetryableStatus(status) || vendorType === 'overloaded_error' || vendorType === 'rate_limit_error',
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(vendorType === undefined ? {} : { vendorType }),
    // The transport knows the URL; parseError only sees status, headers and body.
    upstream: { url: '', status, headers, body, dialect: dialectName },
  });
}

/** The Anthropic error type for a gateway error code. */
function typeForCode(code: ErrorCode): string {
  switch (code) {
    case 'invalid_request':
      return 'invalid_request_error';
    case 'authentication':
      return 'authentication_error';
    case 'permission':
      return 'permission_error';
    case 'not_found':
      return 'not_found_error';
    case 'request_too_large':
      return 'request_too_large';
    case 'rate_limited':
      return 'rate_limit_error';
    case 'overloaded':
      return 'overloaded_error';
    case 'internal':
    case 'upstream_error':
    case 'upstream_unreachable':
    case 'stream_interrupted':
    case 'upstream_timeout':
    case 'store_unavailable':
      return 'api_error';
    default: {
      const unhandled: never = code;
      throw new Error(`unhandled error code ${String(unhandled)}`);
    }
  }
}

export type WireError = {
  type: 'error';
  error: { type: string; message: string };
};

/**
 * The type word for a caller: an Anthropic upstream's own word passes through (e.g.
 * `billing_error`), anything else is derived from the code.
 */
export function wireError(error: InterlinguaError): WireError {
  const passThrough = error.upstream?.dialect === dialectName && error.vendorType !== undefined;
  const type = passThrough && error.vendorType !== undefined ? error.vendorType : typeForCode(error.code);
  return { type: 'error', error: { type, message: error.message } };
}

export function emitError(error: InterlinguaError): { status: number; body: WireError } {
  const body = wireError(error);
  const status = error.code === 'overloaded' || body.error.type === 'overloaded_error' ? overloadedStatus : error.status;
  return { status, body };
}
