/**
 * Anthropic error bodies ↔ `InterlinguaError` (https://docs.claude.com/en/api/errors).
 * Overload is its own status, 529: the official SDK maps it to its `OverloadedError` class
 * (core/error.ts, STATUS_ERROR_CLASSES), so it is kept when rendering for Anthropic callers.
 */
import { InterlinguaError, errorCodeForStatus, errorTable, isRetryableStatus } from '../../interlingua/error.js';
import type { ContextOverflow, ErrorCode } from '../../interlingua/error.js';
import { retryAfterMsFromHeaders } from '../../core/retry-after.js';
import { errorBodySchema } from './wire-schema.js';
import { dialectName } from './vendor-data.js';
import { namesSpendLimit } from './spend-limit.js';

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

/**
 * A context-window overflow is an `invalid_request_error` whose message gives the counts:
 * "prompt is too long: 200251 tokens > 200000 maximum" (boldsoftware/exe.dev#62,
 * earendil-works/pi#102), or, when the prompt fits but not with the `max_tokens` asked for, "input
 * length and `max_tokens` exceed context limit: 199759 + 8192 > 200000, decrease input length or
 * `max_tokens` and try again" (continuedev/continue#6080, anthropics/claude-code#408).
 */
export function anthropicContextOverflow(message: string): ContextOverflow | undefined {
  const prompt = /prompt is too long: (\d+) tokens > (\d+) maximum/i.exec(message);
  if (prompt !== null) return { inputTokens: Number(prompt[1]), limitTokens: Number(prompt[2]) };
  const withOutput = /exceed context limit: (\d+) \+ (\d+) > (\d+)/i.exec(message);
  if (withOutput !== null) return { inputTokens: Number(withOutput[1]), outputTokens: Number(withOutput[2]), limitTokens: Number(withOutput[3]) };
  if (/prompt is too long/i.test(message) || /exceed context limit/i.test(message)) return {};
  return undefined;
}

/** The code for an Anthropic error type and message: an overflowing `invalid_request_error` is `context_length_exceeded`. */
function codeFor(type: string | undefined, message: string | undefined): { code: ErrorCode | undefined; overflow?: ContextOverflow } {
  const code = type === undefined ? undefined : codeByType[type];
  const overflow = code === 'invalid_request' && message !== undefined ? anthropicContextOverflow(message) : undefined;
  return overflow === undefined ? { code } : { code: 'context_length_exceeded', overflow };
}

/** An in-band error (stream `error` event, or a body whose HTTP status is unknown). */
export function errorFromWire(type: string, message: string | undefined): InterlinguaError {
  const { code, overflow } = codeFor(type, message);
  return new InterlinguaError(code ?? 'upstream_error', message ?? `Anthropic upstream error (${type}).`, {
    vendorType: type,
    ...(overflow === undefined ? {} : { contextOverflow: overflow }),
  });
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
  const classified = codeFor(vendorType, parsed.success ? parsed.data.error.message : undefined);
  const code = classified.code ?? errorCodeForStatus(status);
  const tableStatus = errorTable[code].status;
  const keepStatus = status >= 400 && status < 500 && status !== tableStatus;
  const retryAfterMs = retryAfter(headers);
  const spendCapped = parsed.success && namesSpendLimit(parsed.data.error);
  return new InterlinguaError(code, message, {
    ...(keepStatus ? { status } : {}),
    ...(classified.overflow === undefined ? {} : { contextOverflow: classified.overflow }),
    // The spend cap is no rate limit: waiting minutes does not lift it (spend-limit.ts); another deployment may still serve.
    retryable: !spendCapped && (isRetryableStatus(status) || vendorType === 'overloaded_error' || vendorType === 'rate_limit_error'),
    ...(spendCapped ? { retryFutile: true } : {}),
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
    case 'context_length_exceeded':
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
  // An upstream's overflow always carries `contextOverflow` (if only empty); a message the gateway wrote itself is left as written.
  const message = error.code === 'context_length_exceeded' && error.contextOverflow !== undefined ? contextOverflowMessage(error) : error.message;
  return { type: 'error', error: { type, message } };
}

/**
 * An overflow in Anthropic's words, which clients read (Claude Code, LiteLLM's "exceed context
 * limit"), from whichever upstream: with its counts when it gave them (an Anthropic upstream's own
 * message comes out as it was written, without the provider's name before it), else the message
 * itself when it already says it Anthropic's way, else "prompt is too long: " and what the upstream said.
 */
function contextOverflowMessage(error: InterlinguaError): string {
  const { limitTokens: limit, inputTokens: input, outputTokens: output } = error.contextOverflow ?? {};
  if (limit !== undefined && input !== undefined && output !== undefined && input <= limit) {
    return `input length and \`max_tokens\` exceed context limit: ${input} + ${output} > ${limit}, decrease input length or \`max_tokens\` and try again`;
  }
  if (limit !== undefined && input !== undefined) return `prompt is too long: ${input} tokens > ${limit} maximum`;
  if (anthropicContextOverflow(error.message) !== undefined) return error.message;
  return `prompt is too long: ${error.message}`;
}

export function emitError(error: InterlinguaError): { status: number; body: WireError } {
  const body = wireError(error);
  const status = error.code === 'overloaded' || body.error.type === 'overloaded_error' ? overloadedStatus : error.status;
  return { status, body };
}
