/**
 * The `code` word an OpenAI-format caller gets in `{"error":{…,"code"}}`. Clients branch on it, not
 * on the message: Codex CLI stops on `insufficient_quota`, compacts on `context_length_exceeded` and
 * reads the wait of a `rate_limit_exceeded` (openai/codex codex-rs/codex-api/src/sse/responses.rs,
 * `is_quota_exceeded_error`, `is_context_window_error`, `try_parse_retry_after`). So the words are
 * OpenAI's own:
 * - from an upstream that speaks OpenAI's format (Chat, Responses, legacy Completions, Azure's two),
 *   the upstream's word unchanged, whichever of those formats the caller speaks;
 * - from any other upstream, or the gateway itself, OpenAI's word for the same failure where OpenAI
 *   has one, else the gateway's own code (README, "Errors").
 */
import { z } from 'zod';
import type { ErrorCode, InterlinguaError } from '../../interlingua/error.js';
import { readJsonBySchema } from '../../core/json-by-schema.js';

/** The upstream dialects whose error bodies are OpenAI's shape with OpenAI's (or Azure's) words. */
export const openaiFamilyDialects: readonly string[] = ['openai-chat', 'openai-responses', 'openai-completions', 'azure-openai', 'azure-openai-responses'];

/**
 * OpenAI's code words for the gateway's codes, where OpenAI has one: `invalid_api_key` on a 401
 * (test/fixtures/recorded/openai-chat/dd-error-401-invalid-api-key.response.json),
 * `model_not_found` on a 404 (recorded/openai-embeddings/pa-error-404-model-not-found.response.json),
 * `rate_limit_exceeded` on a 429 (recorded/openai-chat/error-429-rate-limit-tokens.from-python-repr.json),
 * `context_length_exceeded` (chathub-dev/chathub#126), `server_error` for a fault on the serving
 * side (`ResponseError['code']` in openai-node src/resources/responses/responses.ts).
 */
const openaiWordByCode: Partial<Record<ErrorCode, string>> = {
  authentication: 'invalid_api_key',
  rate_limited: 'rate_limit_exceeded',
  context_length_exceeded: 'context_length_exceeded',
  internal: 'server_error',
  upstream_error: 'server_error',
};

/**
 * A billing refusal: "You exceeded your current quota, please check your plan and billing details"
 * comes as a 429 with `type` and `code` `insufficient_quota`
 * (test/fixtures/recorded/openai-responses/error-429-insufficient-quota.json). Unlike a rate limit,
 * waiting does not cure it ("You have run out of credits or hit your maximum monthly spend",
 * https://platform.openai.com/docs/guides/error-codes), so the same account is not asked again.
 */
export const quotaExhaustedWord = 'insufficient_quota';

/** Whether an OpenAI-format error object names the billing refusal, by its `type` or its `code`. */
export function namesQuotaExhausted(wire: { type?: unknown; code?: unknown } | string | undefined): boolean {
  return typeof wire === 'object' && (wire.type === quotaExhaustedWord || wire.code === quotaExhaustedWord);
}

const wordField = z.union([z.string(), z.number(), z.null()]).optional().catch(undefined);
/**
 * Where an OpenAI-format upstream puts its words: `error.type` / `error.code` in an HTTP body, a Chat
 * frame or a Responses `error` event; the flat `code` of a Responses `error` event; `response.error.code`
 * of a `response.failed` event (fixtures/openai-responses/stream-error-insufficient-quota.data.ndjson).
 */
const upstreamWordsSchema = z.looseObject({
  error: z.looseObject({ type: wordField, code: wordField }).optional().catch(undefined),
  code: wordField,
  response: z.looseObject({ error: z.looseObject({ code: wordField }).nullish().catch(undefined) }).optional().catch(undefined),
});

/** An OpenAI-format upstream's own words, as written; `code` is `null` when it sent none (OpenAI's 503 says `"code": null`). */
export interface UpstreamOpenaiWords {
  type?: string;
  code: string | null;
}

/**
 * The words of an error that came from an upstream speaking OpenAI's format; undefined for any other
 * error, and for an answer in which that upstream wrote no error object (a proxy's HTML page).
 */
export function upstreamOpenaiWords(error: InterlinguaError): UpstreamOpenaiWords | undefined {
  if (error.upstream === undefined || !openaiFamilyDialects.includes(error.upstream.dialect)) return undefined;
  const body = readJsonBySchema(error.upstream.body, upstreamWordsSchema);
  if (body === undefined || (body.error === undefined && body.code === undefined && body.response?.error == null)) return undefined;
  const code = body?.error?.code ?? body?.code ?? body?.response?.error?.code;
  const type = body?.error?.type;
  return {
    ...(typeof type === 'string' && type !== '' ? { type } : {}),
    code: typeof code === 'string' && code !== '' ? code : null,
  };
}

/**
 * The `code` for an OpenAI-format caller. A context overflow is always `context_length_exceeded`,
 * the word clients compact on, even from a compatible server that gave another (DeepSeek's
 * `invalid_request_error`, evalstate/fast-agent#621) or a number (llama.cpp's server). Otherwise an
 * OpenAI-format upstream's own word passes unchanged, `null` included. A 404 is `model_not_found`
 * when it is about the model: the upstream's answer to a model call, or the gateway's own refusal
 * naming `model`.
 */
export function openaiCodeWord(error: InterlinguaError): string | null {
  if (error.code === 'context_length_exceeded') return 'context_length_exceeded';
  const upstream = upstreamOpenaiWords(error);
  if (upstream !== undefined) return upstream.code;
  if (error.vendorCode !== undefined) return error.vendorCode;
  if (error.code === 'not_found' && (error.upstream !== undefined || error.param === 'model')) return 'model_not_found';
  return openaiWordByCode[error.code] ?? error.code;
}
