/**
 * Gemini errors: `{error:{code, message, status, details}}` (https://ai.google.dev/gemini-api/docs/troubleshooting),
 * `status` being the google.rpc.Code word. Without `alt=sse` a stream's error comes wrapped in an
 * array (fixture error-400-missing-thought-signature.stream-array-wrapped.json).
 */
import { errorCodeForStatus, InterlinguaError, type ErrorCode } from '../../interlingua/error.js';
import { retryAfterMsFromHeaders } from '../../core/retry-after.js';
import { isJsonObject } from './json-value.js';
import { errorBodySchema, type WireErrorObject } from './wire-schema.js';

const codeForStatusWord: Record<string, ErrorCode> = {
  INVALID_ARGUMENT: 'invalid_request',
  FAILED_PRECONDITION: 'invalid_request',
  OUT_OF_RANGE: 'invalid_request',
  UNAUTHENTICATED: 'authentication',
  PERMISSION_DENIED: 'permission',
  NOT_FOUND: 'not_found',
  RESOURCE_EXHAUSTED: 'rate_limited',
  UNAVAILABLE: 'overloaded',
  DEADLINE_EXCEEDED: 'upstream_timeout',
  INTERNAL: 'upstream_error',
  UNKNOWN: 'upstream_error',
};

const statusWordForCode: Record<ErrorCode, string> = {
  invalid_request: 'INVALID_ARGUMENT',
  authentication: 'UNAUTHENTICATED',
  permission: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  request_too_large: 'INVALID_ARGUMENT',
  rate_limited: 'RESOURCE_EXHAUSTED',
  internal: 'INTERNAL',
  upstream_error: 'INTERNAL',
  upstream_unreachable: 'UNAVAILABLE',
  stream_interrupted: 'INTERNAL',
  overloaded: 'UNAVAILABLE',
  upstream_timeout: 'DEADLINE_EXCEEDED',
  store_unavailable: 'UNAVAILABLE',
};

export function parseGeminiError(status: number, body: string, headers: Record<string, string>): InterlinguaError {
  const error = readErrorObject(body);
  const lowerCaseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lowerCaseHeaders[name.toLowerCase()] = value;
  const retryAfterMs = retryDelayMs(error) ?? retryAfterMsFromHeaders(lowerCaseHeaders);
  const message = error?.message ?? (body.trim() === '' ? `Gemini answered HTTP ${status}.` : body.slice(0, 1000));
  return errorFromObject(error ?? {}, status, message, retryAfterMs);
}

/** An `error` object inside a streamed chunk. */
export function streamChunkError(error: WireErrorObject): InterlinguaError {
  const status = typeof error.code === 'number' && error.code >= 400 && error.code < 600 ? error.code : 500;
  return errorFromObject(error, status, error.message ?? 'Gemini reported an error mid-stream.', retryDelayMs(error));
}

function errorFromObject(error: WireErrorObject, status: number, message: string, retryAfterMs: number | undefined): InterlinguaError {
  const word = error.status ?? undefined;
  const code = (word !== undefined ? codeForStatusWord[word] : undefined) ?? errorCodeForStatus(status);
  return new InterlinguaError(code, message, {
    status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(word !== undefined ? { vendorType: word } : {}),
  });
}

function readErrorObject(body: string): WireErrorObject | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return undefined;
  return Array.isArray(parsed.data) ? parsed.data[0]?.error : parsed.data.error;
}

/** `google.rpc.RetryInfo.retryDelay`, a protobuf Duration in JSON: "34.4s" (fixture error-429-resource-exhausted-retryinfo.json). */
function retryDelayMs(error: WireErrorObject | undefined): number | undefined {
  for (const detail of error?.details ?? []) {
    if (!isJsonObject(detail)) continue;
    const delay = detail['retryDelay'];
    const match = typeof delay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(delay) : null;
    if (match?.[1] !== undefined) return Math.round(Number(match[1]) * 1000);
  }
  return undefined;
}

/** The caller-facing Gemini error body; `code` is the HTTP status, as Google sends it. */
export function emitGeminiError(error: InterlinguaError): { status: number; body: unknown } {
  const word = error.vendorType !== undefined && codeForStatusWord[error.vendorType] !== undefined ? error.vendorType : statusWordForCode[error.code];
  const body: Record<string, unknown> = { code: error.status, message: error.message, status: word };
  if (error.retryAfterMs !== undefined) {
    body['details'] = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${(error.retryAfterMs / 1000).toFixed(3).replace(/\.?0+$/, '')}s` }];
  }
  return { status: error.status, body: { error: body } };
}
