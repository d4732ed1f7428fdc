/**
 * Gemini errors: `{error:{code, message, status, details}}` (https://ai.google.dev/gemini-api/docs/troubleshooting),
 * `status` being the google.rpc.Code word. Without `alt=sse` a stream's error comes wrapped in an
 * array (fixture error-400-missing-thought-signature.stream-array-wrapped.json).
 */
import { errorCodeForStatus, InterlinguaError, type ContextOverflow, type ErrorCode } from '../../interlingua/error.js';
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
  context_length_exceeded: 'INVALID_ARGUMENT',
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
  const overflow = code === 'invalid_request' ? geminiContextOverflow(message) : undefined;
  return new InterlinguaError(overflow === undefined ? code : 'context_length_exceeded', message, {
    status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(word !== undefined ? { vendorType: word } : {}),
    ...(overflow === undefined ? {} : { contextOverflow: overflow }),
  });
}

/**
 * A prompt over the model's window is a 400 `INVALID_ARGUMENT` whose message gives the counts:
 * "The input token count (1200293) exceeds the maximum number of tokens allowed (1048576)."
 * (google-gemini/gemini-cli#6678, #4118; Vertex the same: googleapis/python-genai#2050), on Vertex
 * also "Unable to submit request because the input token count is 1251952 but model only supports
 * up to 1048576. Reduce the input token count and try again. …" (google-gemini/gemini-cli#19727) and
 * "The input token count exceeds the maximum number of tokens allowed 1048576." (warpdotdev/warp#15662).
 */
export function geminiContextOverflow(message: string): ContextOverflow | undefined {
  const api = /input token count \((\d+)\) exceeds the maximum number of tokens allowed \((\d+)\)/i.exec(message);
  if (api !== null) return { inputTokens: Number(api[1]), limitTokens: Number(api[2]) };
  const vertex = /input token count is (\d+) but model only supports up to (\d+)/i.exec(message);
  if (vertex !== null) return { inputTokens: Number(vertex[1]), limitTokens: Number(vertex[2]) };
  const limitOnly = /input token count exceeds the maximum number of tokens allowed \(?(\d+)/i.exec(message);
  if (limitOnly !== null) return { limitTokens: Number(limitOnly[1]) };
  return undefined;
}

/**
 * An overflow in Gemini's words (what LiteLLM's "exceeds the maximum number of tokens allowed" looks
 * for), from whichever upstream: with its counts when it gave them, else the message itself when it
 * already says it Gemini's way, else Gemini's sentence and what the upstream said.
 */
function contextOverflowMessage(error: InterlinguaError): string {
  const { limitTokens: limit, inputTokens: input, outputTokens: output } = error.contextOverflow ?? {};
  if (limit !== undefined && input !== undefined && output !== undefined && input <= limit) {
    return `The input token count (${input}) plus the output tokens asked for (${output}) exceeds the maximum number of tokens allowed (${limit}).`;
  }
  if (limit !== undefined && input !== undefined) return `The input token count (${input}) exceeds the maximum number of tokens allowed (${limit}).`;
  if (geminiContextOverflow(error.message) !== undefined) return error.message;
  return `The input token count exceeds the maximum number of tokens allowed. (${error.message})`;
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
  // An upstream's overflow always carries `contextOverflow` (if only empty); a message the gateway wrote itself is left as written.
  const message = error.code === 'context_length_exceeded' && error.contextOverflow !== undefined ? contextOverflowMessage(error) : error.message;
  const body: Record<string, unknown> = { code: error.status, message, status: word };
  if (error.retryAfterMs !== undefined) {
    body['details'] = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${(error.retryAfterMs / 1000).toFixed(3).replace(/\.?0+$/, '')}s` }];
  }
  return { status: error.status, body: { error: body } };
}
