/**
 * OpenAI's error shape, `{"error":{"message","type","param","code"}}`, shared by every OpenAI
 * wire format (Chat Completions, Responses, legacy Completions): read from an upstream's answer
 * or an in-stream frame, written for callers. The SDK raises an `APIError` from exactly this
 * object, as an HTTP body or a `data:` frame mid-stream
 * (node_modules/openai/core/streaming.js: `if (data && data.error) throw new APIError(…)`).
 * One wire convention, so one codec; each dialect wraps it with its own name and extras.
 * Reference: https://platform.openai.com/docs/guides/error-codes
 */
import { z } from 'zod';
import type { ErrorCode } from '../../interlingua/error.js';
import { InterlinguaError, errorCodeForStatus, isRetryableStatus } from '../../interlingua/error.js';
import { retryAfterMsFromHeaders } from '../../core/retry-after.js';

/** `{error:{message,type,param,code}}`; some compatible servers send `{error:"text"}`. */
export const openaiErrorBodySchema = z.looseObject({
  error: z.union([
    z.string(),
    z.looseObject({
      message: z.unknown().optional(),
      type: z.string().nullish().catch(undefined),
      param: z.string().nullish().catch(undefined),
      code: z.union([z.string(), z.number()]).nullish().catch(undefined),
    }),
  ]),
});

export type WireOpenaiError = z.output<typeof openaiErrorBodySchema>['error'];

/** What callers get. */
export interface WireOpenaiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export const openaiTypeByCode: Readonly<Record<ErrorCode, string>> = {
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
  store_unavailable: 'server_error',
};

/** An error `type` (or `code`) word → code, for errors that come without an HTTP status. */
export const openaiCodeByWord: Readonly<Record<string, ErrorCode>> = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'authentication',
  permission_error: 'permission',
  not_found_error: 'not_found',
  rate_limit_error: 'rate_limited',
  rate_limit_exceeded: 'rate_limited',
  // 429 bodies carry the limit that was hit as the type (fixtures/openai-chat/error-429-rate-limit-tokens.from-python-repr.json).
  tokens: 'rate_limited',
  requests: 'rate_limited',
  insufficient_quota: 'rate_limited',
  server_error: 'upstream_error',
};

export function readOpenaiErrorBody(body: string): WireOpenaiError | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = openaiErrorBodySchema.safeParse(json);
  return parsed.success ? parsed.data.error : undefined;
}

export function openaiErrorMessage(wire: WireOpenaiError): string {
  if (typeof wire === 'string') return wire;
  if (typeof wire.message === 'string' && wire.message !== '') return wire.message;
  if (wire.message !== undefined && wire.message !== null) return JSON.stringify(wire.message);
  return `The upstream reported an error${wire.type == null ? '' : ` of type "${wire.type}"`} without a message.`;
}

function details(wire: WireOpenaiError | undefined): { vendorType?: string; param?: string } {
  if (wire === undefined || typeof wire === 'string') return {};
  return {
    ...(wire.type == null ? {} : { vendorType: wire.type }),
    ...(wire.param == null ? {} : { param: wire.param }),
  };
}

/** An upstream's HTTP error answer. */
export function parseOpenaiHttpError(status: number, body: string, headers: Record<string, string>, dialect: string): InterlinguaError {
  const wire = readOpenaiErrorBody(body);
  const message =
    wire !== undefined
      ? openaiErrorMessage(wire)
      : body.trim() === ''
        ? `The upstream answered HTTP ${status} with an empty body.`
        : `The upstream answered HTTP ${status}: ${body.trim().slice(0, 500)}`;
  // The core reader expects lower-case names; an upstream's headers may come in any case.
  const retryAfter = retryAfterMsFromHeaders(Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])));
  return new InterlinguaError(errorCodeForStatus(status), message, {
    retryable: isRetryableStatus(status),
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    ...details(wire),
    // The URL is the gateway's to know; this keeps what came back for logs and pass-through.
    upstream: { url: '', status, headers, body, dialect },
  });
}

/** An `error` object found in a 200 body or a stream frame, where no HTTP status says what it was. */
export function openaiErrorFromWire(wire: WireOpenaiError, body: string, dialect: string, codeByWord: Readonly<Record<string, ErrorCode>> = openaiCodeByWord): InterlinguaError {
  let code: ErrorCode = 'upstream_error';
  if (typeof wire !== 'string') {
    const word = (value: unknown) => (typeof value === 'string' && Object.hasOwn(codeByWord, value) ? codeByWord[value] : undefined);
    if (typeof wire.code === 'number' && wire.code >= 400 && wire.code <= 599) code = errorCodeForStatus(wire.code);
    else code = word(wire.type) ?? word(wire.code) ?? 'upstream_error';
  }
  return new InterlinguaError(code, openaiErrorMessage(wire), {
    ...details(wire),
    upstream: { url: '', status: 200, headers: {}, body, dialect },
  });
}

/** The body callers get; an error from an upstream of one of `ownDialects` keeps its own `type` word. */
export function openaiErrorBody(error: InterlinguaError, ownDialects: readonly string[]): WireOpenaiErrorBody {
  const own = error.upstream !== undefined && ownDialects.includes(error.upstream.dialect);
  return {
    error: {
      message: error.message,
      type: (own ? error.vendorType : undefined) ?? openaiTypeByCode[error.code],
      param: error.param ?? null,
      code: error.code,
    },
  };
}
