/**
 * OpenAI's error shape, `{"error":{"message","type","param","code"}}`, for the legacy Completions
 * API as for Chat (fixtures/openai-chat/dd-legacy-completions-stream-401.response.json is a
 * /v1/completions 401 in exactly this shape). Read from an upstream's answer or in-stream frame,
 * written for callers; the SDK raises an `APIError` from this object whether it is an HTTP body or
 * a `data:` frame mid-stream (node_modules/openai/core/streaming.js: `if (data && data.error)`).
 * Reference: https://platform.openai.com/docs/guides/error-codes
 */
import type { ErrorCode } from '../../interlingua/error.js';
import { InterlinguaError, errorCodeForStatus, isRetryableStatus } from '../../interlingua/error.js';
import { retryAfterMsFromHeaders } from '../../core/retry-after.js';
import type { WireErrorBody } from './wire-types.js';
import { errorBodySchema, type WireErrorIn } from './response-schema.js';
import { dialectName } from './vendor.js';

const typeByCode: Readonly<Record<ErrorCode, string>> = {
  invalid_request: 'invalid_request_error',
  request_too_large: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  rate_limited: 'rate_limit_error',
  internal: 'server_error',
  upstream_error: 'server_error',
  upstream_unreachable: 'server_error',
  upstream_timeout: 'server_error',
  stream_interrupted: 'server_error',
  overloaded: 'server_error',
};

/** An error `type` word → code, for in-stream errors that come without an HTTP status. */
const codeByType: Readonly<Record<string, ErrorCode>> = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'authentication',
  permission_error: 'permission',
  not_found_error: 'not_found',
  rate_limit_error: 'rate_limited',
  server_error: 'upstream_error',
};

export function parseError(status: number, body: string, headers: Record<string, string>): InterlinguaError {
  const wire = readErrorBody(body);
  const message =
    wire !== undefined
      ? messageOf(wire)
      : body.trim() === ''
        ? `The upstream answered HTTP ${status} with an empty body.`
        : `The upstream answered HTTP ${status}: ${body.trim().slice(0, 500)}`;
  const lowerCaseHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const retryAfter = retryAfterMsFromHeaders(lowerCaseHeaders);
  return new InterlinguaError(errorCodeForStatus(status), message, {
    retryable: isRetryableStatus(status),
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    ...vendorDetails(wire),
    // The URL is the caller's to know; this keeps what came back for logs and pass-through.
    upstream: { url: '', status, headers, body, dialect: dialectName },
  });
}

/** An `error` object found in a 200 body or a stream frame, where no HTTP status says what it was. */
export function errorFromWire(wire: WireErrorIn, body: string): InterlinguaError {
  let code: ErrorCode = 'upstream_error';
  if (typeof wire !== 'string') {
    if (typeof wire.code === 'number' && wire.code >= 400 && wire.code <= 599) code = errorCodeForStatus(wire.code);
    else code = (wire.type == null ? undefined : codeByType[wire.type]) ?? 'upstream_error';
  }
  return new InterlinguaError(code, messageOf(wire), {
    ...vendorDetails(wire),
    upstream: { url: '', status: 200, headers: {}, body, dialect: dialectName },
  });
}

function readErrorBody(body: string): WireErrorIn | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = errorBodySchema.safeParse(json);
  return parsed.success ? parsed.data.error : undefined;
}

/** The body callers get; an error that came from an OpenAI upstream keeps its own `type` word. */
export function errorBody(error: InterlinguaError): WireErrorBody {
  const ownUpstream = error.upstream?.dialect === dialectName || error.upstream?.dialect === 'openai-chat';
  return {
    error: {
      message: error.message,
      type: (ownUpstream ? error.vendorType : undefined) ?? typeByCode[error.code],
      param: error.param ?? null,
      code: error.code,
    },
  };
}

export function emitError(error: InterlinguaError): { status: number; body: WireErrorBody } {
  return { status: error.status, body: errorBody(error) };
}

function messageOf(wire: WireErrorIn): string {
  if (typeof wire === 'string') return wire;
  if (typeof wire.message === 'string' && wire.message !== '') return wire.message;
  if (wire.message !== undefined && wire.message !== null) return JSON.stringify(wire.message);
  return `The upstream reported an error${wire.type == null ? '' : ` of type "${wire.type}"`} without a message.`;
}

function vendorDetails(wire: WireErrorIn | undefined): { vendorType?: string; param?: string } {
  if (wire === undefined || typeof wire === 'string') return {};
  return {
    ...(wire.type == null ? {} : { vendorType: wire.type }),
    ...(wire.param == null ? {} : { param: wire.param }),
  };
}
