/**
 * OpenAI's error shape, `{"error":{"message","type","param","code"}}`, which the Responses API
 * shares with Chat Completions (fixtures/openai-responses/error-*.json), in both directions.
 * In a stream an error arrives as an `error` event and/or a `response.failed` event whose
 * `response.error` is `{code, message}` (fixtures/openai-responses/stream-error-insufficient-quota.data.ndjson,
 * stream-response-failed-rate-limit.data.json).
 * Reference: https://platform.openai.com/docs/guides/error-codes
 */
import type { ErrorCode } from '../../interlingua/error.js';
import { InterlinguaError, errorCodeForStatus, isRetryableStatus } from '../../interlingua/error.js';
import { retryAfterMsFromHeaders } from '../../core/retry-after.js';
import { errorBodySchema, type WireErrorIn } from './response-schema.js';
import { dialectName } from './vendor.js';

export interface WireErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

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

/**
 * An error's `type` or `code` word → code, for errors that come without an HTTP status (in a
 * stream). 429 bodies name the exhausted limit as the type (`tokens`, `requests`,
 * `insufficient_quota`); `response.error.code` uses the words of `ResponseError['code']`.
 */
const codeByWord: Readonly<Record<string, ErrorCode>> = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'authentication',
  permission_error: 'permission',
  not_found_error: 'not_found',
  rate_limit_error: 'rate_limited',
  rate_limit_exceeded: 'rate_limited',
  tokens: 'rate_limited',
  requests: 'rate_limited',
  insufficient_quota: 'rate_limited',
  server_error: 'upstream_error',
  vector_store_timeout: 'upstream_timeout',
  invalid_prompt: 'invalid_request',
  invalid_image: 'invalid_request',
  invalid_image_format: 'invalid_request',
  invalid_base64_image: 'invalid_request',
  invalid_image_url: 'invalid_request',
  image_too_large: 'invalid_request',
  image_too_small: 'invalid_request',
  image_parse_error: 'invalid_request',
  image_content_policy_violation: 'invalid_request',
  invalid_image_mode: 'invalid_request',
  image_file_too_large: 'invalid_request',
  unsupported_image_media_type: 'invalid_request',
  empty_image_file: 'invalid_request',
  failed_to_download_image: 'invalid_request',
  image_file_not_found: 'invalid_request',
};

/** The word for an error inside a `response` object (`ResponseError['code']`). */
const responseCodeByCode: Partial<Record<ErrorCode, string>> = {
  rate_limited: 'rate_limit_exceeded',
  invalid_request: 'invalid_prompt',
};

export function parseError(status: number, body: string, headers: Record<string, string>): InterlinguaError {
  const wire = readErrorBody(body);
  const message =
    wire !== undefined
      ? messageOf(wire)
      : body.trim() === ''
        ? `The upstream answered HTTP ${status} with an empty body.`
        : `The upstream answered HTTP ${status}: ${body.trim().slice(0, 500)}`;
  const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const retryAfter = retryAfterMsFromHeaders(lowerCased);
  return new InterlinguaError(errorCodeForStatus(status), message, {
    retryable: isRetryableStatus(status),
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    ...vendorDetails(wire),
    upstream: { url: '', status, headers, body, dialect: dialectName },
  });
}

/** An error met in a stream or a 200 body: `{type?, code?, message?, param?}` with no HTTP status. */
export function errorFromWire(wire: WireErrorIn, body: string): InterlinguaError {
  let code: ErrorCode = 'upstream_error';
  if (typeof wire !== 'string') {
    const numeric = typeof wire.code === 'number' ? wire.code : undefined;
    if (numeric !== undefined && numeric >= 400 && numeric <= 599) code = errorCodeForStatus(numeric);
    else code = wordCode(wire.type) ?? wordCode(typeof wire.code === 'string' ? wire.code : undefined) ?? 'upstream_error';
  }
  return new InterlinguaError(code, messageOf(wire), {
    ...vendorDetails(wire),
    upstream: { url: '', status: 200, headers: {}, body, dialect: dialectName },
  });
}

function wordCode(word: string | null | undefined): ErrorCode | undefined {
  return word != null && Object.hasOwn(codeByWord, word) ? codeByWord[word] : undefined;
}

export function readErrorBody(body: string): WireErrorIn | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = errorBodySchema.safeParse(json);
  return parsed.success ? parsed.data.error : undefined;
}

/**
 * The body callers get. An error that came from a Responses upstream is passed on as that
 * upstream wrote it (its own `type` and `code` words), since the caller speaks the same dialect.
 */
export function errorBody(error: InterlinguaError): WireErrorBody {
  const own = error.upstream?.dialect === dialectName ? readErrorBody(error.upstream.body) : undefined;
  if (own !== undefined && typeof own !== 'string') {
    return {
      error: {
        message: messageOf(own),
        type: own.type ?? typeByCode[error.code],
        param: own.param ?? null,
        code: own.code == null ? null : String(own.code),
      },
    };
  }
  return { error: { message: error.message, type: typeByCode[error.code], param: error.param ?? null, code: error.code } };
}

export function emitError(error: InterlinguaError): { status: number; body: WireErrorBody } {
  return { status: error.status, body: errorBody(error) };
}

/** `response.error` of a failed response: `{code, message}`. */
export function responseError(error: InterlinguaError): { code: string; message: string } {
  const { error: wire } = errorBody(error);
  const code = error.upstream?.dialect === dialectName && wire.code !== null ? wire.code : (responseCodeByCode[error.code] ?? 'server_error');
  return { code, message: wire.message };
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
