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
import type { ContextOverflow, ErrorCode } from '../../interlingua/error.js';
import { InterlinguaError, errorCodeForStatus, isRetryableStatus, unlistedClientStatus } from '../../interlingua/error.js';
import { retryAfterMsFromHeaders } from '../../core/retry-after.js';
import { contentFilterFields } from './azure-content-filter.js';
import { namesQuotaExhausted, openaiCodeWord, upstreamOpenaiWords } from './code-words.js';

const wireErrorObjectSchema = z.looseObject({
  message: z.unknown().optional(),
  type: z.string().nullish().catch(undefined),
  param: z.string().nullish().catch(undefined),
  code: z.union([z.string(), z.number()]).nullish().catch(undefined),
});

/** `{error:{message,type,param,code}}`; some compatible servers send `{error:"text"}`. */
export const openaiErrorBodySchema = z.looseObject({ error: z.union([z.string(), wireErrorObjectSchema]) });

/**
 * Mistral answers with the fields at the top level:
 * `{"object":"error","message":"Unexpected role 'user' after role 'tool'","type":"invalid_request_message_order",
 * "param":null,"code":"3230"}` (HTTP 400 from api.mistral.ai, github.com/datapizza-labs/datapizza-ai/issues/98),
 * its `message` an object for a validation failure (github.com/mistralai/platform-docs-public/issues/212).
 */
const flatErrorBodySchema = wireErrorObjectSchema.extend({ object: z.literal('error') });

export type WireOpenaiError = z.output<typeof openaiErrorBodySchema>['error'];

/** What callers get; `innererror` only with Azure's content-filter refusal (azure-content-filter.ts). */
export interface WireOpenaiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null; innererror?: Record<string, unknown> };
}

export const openaiTypeByCode: Readonly<Record<ErrorCode, string>> = {
  invalid_request: 'invalid_request_error',
  context_length_exceeded: 'invalid_request_error',
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
  context_length_exceeded: 'context_length_exceeded',
  // llama.cpp's server (OpenAI-compatible): `{"error":{"code":400,"message":"request (4476 tokens) exceeds the
  // available context size (4096 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":4476,"n_ctx":4096}}`.
  exceed_context_size_error: 'context_length_exceeded',
};

/**
 * Messages that say a prompt overflowed the context window, from OpenAI-format servers that give it
 * another code or none: DeepSeek's `invalid_request_error` with "This model's maximum context length
 * is 131072 tokens. However, you requested 131134 tokens (122942 in the messages, 8192 in the
 * completion)." (evalstate/fast-agent#621), vLLM's the same words, llama.cpp's older "the request
 * exceeds the available context size, try increasing it", OpenAI's Responses "Your input exceeds the
 * context window of this model." (dyad-sh/dyad#1672). OpenAI's own come with `code:
 * "context_length_exceeded"` (chathub-dev/chathub#126: "This model's maximum context length is 4097
 * tokens. However, your messages resulted in 4294 tokens. Please reduce the length of the messages.",
 * `param: "messages"`).
 */
const overflowPhrases = [/maximum context length is \d+ tokens/i, /exceeds the context window/i, /exceeds the available context size/i];

function count(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text)?.[1];
  return match === undefined ? undefined : Number(match);
}

function countField(wire: Record<string, unknown>, name: string): number | undefined {
  const value = wire[name];
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/** The counts an OpenAI-format overflow message gives, when it is one; `undefined` for any other error. */
export function openaiContextOverflow(wire: WireOpenaiError): ContextOverflow | undefined {
  const message = openaiErrorMessage(wire);
  const named = typeof wire !== 'string' && [wire.code, wire.type].some((word) => typeof word === 'string' && openaiCodeByWord[word] === 'context_length_exceeded');
  if (!named && !overflowPhrases.some((phrase) => phrase.test(message))) return undefined;
  const fields = typeof wire === 'string' ? {} : wire;
  const limitTokens = count(message, /maximum context length is (\d+) tokens/i) ?? count(message, /context size \((\d+) tokens\)/i) ?? countField(fields, 'n_ctx');
  const inputTokens =
    count(message, /(\d+) in the messages/i) ??
    count(message, /messages resulted in (\d+) tokens/i) ??
    count(message, /(\d+) in your prompt/i) ??
    count(message, /request \((\d+) tokens\)/i) ??
    countField(fields, 'n_prompt_tokens');
  const outputTokens = count(message, /(\d+) (?:in|for) the completion/i);
  return {
    ...(limitTokens === undefined ? {} : { limitTokens }),
    ...(inputTokens === undefined ? {} : { inputTokens }),
    ...(outputTokens === undefined ? {} : { outputTokens }),
  };
}

/**
 * An overflow from another dialect in OpenAI's words, the ones clients look for (LiteLLM's
 * `is_error_str_context_window_exceeded` matches "this model's maximum context length is"): with the
 * upstream's counts when it gave them, else the message itself when it already says it OpenAI's
 * way, else the Responses API's sentence followed by what the upstream said.
 */
export function openaiContextOverflowMessage(error: InterlinguaError): string {
  const { limitTokens: limit, inputTokens: input, outputTokens: output } = error.contextOverflow ?? {};
  if (limit !== undefined && input !== undefined && output !== undefined) {
    return `This model's maximum context length is ${limit} tokens. However, you requested ${input + output} tokens (${input} in the messages, ${output} in the completion). Please reduce the length of the messages or completion.`;
  }
  if (limit !== undefined && input !== undefined) {
    return `This model's maximum context length is ${limit} tokens. However, your messages resulted in ${input} tokens. Please reduce the length of the messages.`;
  }
  if (overflowPhrases.some((phrase) => phrase.test(error.message))) return error.message;
  return `Your input exceeds the context window of this model. Please adjust your input and try again. (${error.message})`;
}

export function readOpenaiErrorBody(body: string): WireOpenaiError | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = openaiErrorBodySchema.safeParse(json);
  if (parsed.success) return parsed.data.error;
  const flat = flatErrorBodySchema.safeParse(json);
  return flat.success ? flat.data : undefined;
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
  // Only a refusal of the request can be an overflow: not a rate limit, not a server fault.
  const overflow = wire !== undefined && status >= 400 && status < 500 && status !== 429 ? openaiContextOverflow(wire) : undefined;
  const code = overflow === undefined ? errorCodeForStatus(status) : 'context_length_exceeded';
  // DeepSeek's 402 "Insufficient Balance" (https://api-docs.deepseek.com/quick_start/error_codes) stays a 402, a 409 a 409.
  const kept = unlistedClientStatus(code, status);
  return new InterlinguaError(code, message, {
    ...(kept === undefined ? {} : { status: kept }),
    // A billing refusal is not cured by asking the same account again (code-words.ts); another deployment may still be tried.
    retryable: isRetryableStatus(status) && !namesQuotaExhausted(wire),
    ...(namesQuotaExhausted(wire) ? { retryFutile: true } : {}),
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    ...(overflow === undefined ? {} : { contextOverflow: overflow }),
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
  // An overflow is told by its code word or its message, whatever the `type` word says (OpenAI's is `invalid_request_error`).
  const overflow = code === 'invalid_request' || code === 'upstream_error' || code === 'context_length_exceeded' ? openaiContextOverflow(wire) : undefined;
  if (overflow !== undefined) code = 'context_length_exceeded';
  return new InterlinguaError(code, openaiErrorMessage(wire), {
    // A quota refusal met as a stream's first event is not retried on the same account either.
    ...(namesQuotaExhausted(wire) ? { retryable: false, retryFutile: true } : {}),
    ...(overflow === undefined ? {} : { contextOverflow: overflow }),
    ...details(wire),
    upstream: { url: '', status: 200, headers: {}, body, dialect },
  });
}

/**
 * The body callers get. An error from any upstream that speaks OpenAI's format keeps its own `type`
 * and `code` words (`insufficient_quota` stays `insufficient_quota` between Chat and Responses);
 * any other gets OpenAI's words for it (code-words.ts). A context overflow from a dialect not in
 * `ownDialects` is written as OpenAI writes one (`openaiContextOverflowMessage`), naming
 * `overflowParam` (Chat Completions' `messages`) as the parameter at fault. Azure's content-filter
 * refusal keeps Azure's `code: "content_filter"` and its `innererror`, which clients read
 * (azure-content-filter.ts): Azure's callers speak this format, and to an OpenAI caller they are one
 * more code and field it may read. An error the gateway raised with OpenAI's own code word
 * (`vendorCode`) gives that word.
 */
export function openaiErrorBody(error: InterlinguaError, ownDialects: readonly string[], overflowParam?: string): WireOpenaiErrorBody {
  const own = error.upstream !== undefined && ownDialects.includes(error.upstream.dialect);
  // An upstream's overflow always carries `contextOverflow` (if only empty); a message the gateway wrote itself is left as written.
  const restyled = error.code === 'context_length_exceeded' && error.contextOverflow !== undefined && !own;
  const filtered = contentFilterFields(error);
  return {
    error: {
      message: restyled ? openaiContextOverflowMessage(error) : error.message,
      type: upstreamOpenaiWords(error)?.type ?? openaiTypeByCode[error.code],
      // Another dialect's parameter (Responses' `input`) is not the caller's: an overflow names the caller's own.
      param: (restyled ? overflowParam : undefined) ?? error.param ?? null,
      code: filtered?.code ?? openaiCodeWord(error),
      ...(filtered?.innererror === undefined ? {} : { innererror: filtered.innererror }),
    },
  };
}
