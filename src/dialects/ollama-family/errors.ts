/**
 * Ollama's error shape, `{"error": "…"}` (docs/api/errors.mdx; fixtures/ollama/error-body.json),
 * in both directions, the same for `/api/chat` and `/api/generate`. The HTTP status says what went wrong (404 for an unknown model, 400 for a
 * bad request, 500 for a failed model run); mid-stream there is no status, only the message.
 * The official client raises `ResponseError(message, status)` from exactly this body when the
 * answer is JSON (node_modules/ollama/src/utils.ts `checkOk`).
 */
import { InterlinguaError, errorCodeForStatus, isRetryableStatus, unlistedClientStatus, type ContextOverflow } from '../../interlingua/error.js';
import { retryAfterMsFromHeaders } from '../../core/retry-after.js';
import { wireErrorBodySchema } from './wire-schema.js';
import type { WireErrorBody } from './wire-types.js';

/** `dialect` names which Ollama API answered, for the error's upstream record. */
export function parseOllamaError(status: number, body: string, headers: Record<string, string>, dialect: string): InterlinguaError {
  const wireMessage = readErrorMessage(body);
  const trimmed = body.trim();
  const message =
    wireMessage ??
    (trimmed === '' ? `Ollama answered HTTP ${status} with an empty body.` : `Ollama answered HTTP ${status}: ${trimmed.slice(0, 500)}`);
  const lowerCaseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lowerCaseHeaders[name.toLowerCase()] = value;
  const retryAfterMs = retryAfterMsFromHeaders(lowerCaseHeaders);
  const code = errorCodeForStatus(status);
  const overflow = code === 'invalid_request' && wireMessage !== undefined ? ollamaContextOverflow(wireMessage) : undefined;
  // Ollama's cloud also answers 402 (payment required) and 413 (request too large) beside the
  // documented statuses (https://www.w3cschool.cn/ollamadocs/ollamadocs-api-errors.html): the
  // upstream's own 4xx is passed on, as the other dialects' parsers do.
  const kept = overflow === undefined ? unlistedClientStatus(code, status) : undefined;
  return new InterlinguaError(overflow === undefined ? code : 'context_length_exceeded', message, {
    ...(kept === undefined ? {} : { status: kept }),
    retryable: isRetryableStatus(status),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(overflow === undefined ? {} : { contextOverflow: overflow }),
    // The URL is the caller's to know; this keeps what came back for logs and pass-through.
    upstream: { url: '', status, headers, body, dialect },
  });
}

/** An `error` line inside a stream: the model run failed after the 200 was sent. */
export function streamLineError(error: unknown): InterlinguaError {
  const message = typeof error === 'string' && error !== '' ? error : `Ollama reported an error mid-stream: ${JSON.stringify(error)}`;
  const overflow = ollamaContextOverflow(message);
  return new InterlinguaError(overflow === undefined ? 'upstream_error' : 'context_length_exceeded', message, overflow === undefined ? {} : { contextOverflow: overflow });
}

/**
 * Ollama cuts a prompt over `num_ctx` down without a word unless asked not to (`truncate: false`);
 * then, and for embeddings, it refuses with a 400 `{"error":"the input length exceeds the context
 * length"}` (nano-step/nano-brain#208). Newer releases pass on llama.cpp's server error as the text:
 * `{"error":"{\"error\":{\"code\":400,\"message\":\"request (2622 tokens) exceeds the available context
 * size (512 tokens), try increasing it\",\"type\":\"exceed_context_size_error\",…}}"}` (llama.cpp's
 * `exceed_context_size_error`), whose counts are read.
 */
export function ollamaContextOverflow(message: string): ContextOverflow | undefined {
  const sized = /request \((\d+) tokens\) exceeds the available context size \((\d+) tokens\)/i.exec(message);
  if (sized !== null) return { inputTokens: Number(sized[1]), limitTokens: Number(sized[2]) };
  if (/input length exceeds the context length|exceeds the available context size|exceed_context_size_error/i.test(message)) return {};
  return undefined;
}

function readErrorMessage(body: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = wireErrorBodySchema.safeParse(json);
  return parsed.success && parsed.data.error !== '' ? parsed.data.error : undefined;
}

/**
 * An overflow from another dialect keeps its own words after Ollama's ("the input length exceeds
 * the context length: …"), so a client matching Ollama's sentence finds it and the counts stay.
 */
export function emitOllamaError(error: InterlinguaError): { status: number; body: WireErrorBody } {
  const restyled = error.code === 'context_length_exceeded' && error.contextOverflow !== undefined && ollamaContextOverflow(error.message) === undefined;
  return { status: error.status, body: { error: restyled ? `the input length exceeds the context length: ${error.message}` : error.message } };
}
