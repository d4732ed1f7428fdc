import type { Dialect } from '../interlingua/dialect.js';
import { errorOptions, InterlinguaError } from '../interlingua/error.js';
import type { UpstreamResponse } from './upstream-client.js';
import { flattenHeaders } from './upstream-client.js';

/**
 * Whether a successful answer's parsed JSON body is an error object instead: some servers report a
 * failure with HTTP 200 (vLLM on RunPod: runpod-workers/worker-vllm#57; OpenRouter's
 * `{"error":{"code":502,…}}`: langchain-ai/langchain#40380). Only top-level keys are looked at, so an
 * answer costs a few property reads. The shapes:
 * - `{"error": …}`: the OpenAI family (https://platform.openai.com/docs/guides/error-codes), Gemini
 *   (`{"error":{"code","message","status"}}`), Ollama (`{"error":"…"}`). A Responses answer carries
 *   `error` itself (null, or the failure of a `"object":"response"`): that one is an answer, as
 *   dialects/openai-responses/response-parse.ts reads it.
 * - `{"type":"error","error":{…}}`: Anthropic (https://docs.claude.com/en/api/errors).
 * - `{"object":"error","message","code"}`: vLLM's own error object (runpod-workers/worker-vllm#57).
 */
export function isErrorBody(json: unknown): json is Record<string, unknown> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return false;
  const body = json as Record<string, unknown>;
  if (body['type'] === 'error' || body['object'] === 'error') return true;
  return body['error'] != null && body['object'] !== 'response';
}

/**
 * The error such a body says, named after the provider and carrying the exchange, as an error
 * status's body would be (upstream-answer.ts, upstreamFailure). No status tells what it was, which
 * makes it what an error frame in the dialect's stream is: the dialect's stream decoder, which reads
 * those, reads it, so its code (and so whether it is retried, failed over or ends the request) is
 * the one the same words would have mid-stream. vLLM's object names its status in `code`.
 */
export function answerBodyError(dialect: Dialect, body: Record<string, unknown>, text: string, upstream: UpstreamResponse, provider: string): InterlinguaError {
  const headers = flattenHeaders(upstream.headers);
  const found = body['object'] === 'error' ? dialect.parseError(statusNamed(body['code']), text, headers) : (decodedError(dialect, text) ?? dialect.parseError(502, text, headers));
  return new InterlinguaError(found.code, `${provider}: ${found.message}`, {
    ...errorOptions(found),
    upstream: { url: upstream.url ?? '', status: upstream.status, headers, body: text, dialect: dialect.name },
    logFields: { ...found.logFields, upstreamStatus: String(upstream.status) },
  });
}

function decodedError(dialect: Dialect, text: string): InterlinguaError | undefined {
  try {
    const event = dialect.createStreamDecoder().push({ data: text })[0];
    return event?.type === 'error' ? event.error : undefined;
  } catch {
    return undefined;
  }
}

/** An HTTP error status a body names, else 502: the upstream failed without saying how. */
function statusNamed(code: unknown): number {
  const status = typeof code === 'number' ? code : typeof code === 'string' ? Number(code) : Number.NaN;
  return Number.isInteger(status) && status >= 400 && status <= 599 ? status : 502;
}
