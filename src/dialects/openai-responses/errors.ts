/**
 * Responses errors: OpenAI's shared error shape (../openai-family/error-codec.ts,
 * fixtures/openai-responses/error-*.json). In a stream an error arrives as an `error` event and/or
 * a `response.failed` event whose `response.error` is `{code, message}`
 * (fixtures/openai-responses/stream-error-insufficient-quota.data.ndjson,
 * stream-response-failed-rate-limit.data.json); those `code` words are read here too.
 */
import type { ErrorCode, InterlinguaError } from '../../interlingua/error.js';
import {
  openaiCodeByWord,
  openaiErrorBody,
  openaiErrorFromWire,
  openaiErrorMessage,
  openaiTypeByCode,
  parseOpenaiHttpError,
  readOpenaiErrorBody,
  type WireOpenaiError,
  type WireOpenaiErrorBody,
} from '../openai-family/error-codec.js';
import { upstreamOpenaiWords } from '../openai-family/code-words.js';
import { dialectName } from './vendor.js';

export type WireErrorBody = WireOpenaiErrorBody;

/** The shared words plus the `code` words of `ResponseError` (the SDK's types). */
const codeByWord: Readonly<Record<string, ErrorCode>> = {
  ...openaiCodeByWord,
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

/**
 * The word for an error inside a `response` object (`ResponseError['code']`). OpenAI fails an
 * overflowing stream with `context_length_exceeded`, the word Codex CLI looks for in
 * `response.failed` to compact (codex-rs/codex-api/src/sse/responses.rs, `is_context_window_error`;
 * its test `context_window_error_is_fatal` records the event).
 */
const responseCodeByCode: Partial<Record<ErrorCode, string>> = {
  rate_limited: 'rate_limit_exceeded',
  invalid_request: 'invalid_prompt',
  context_length_exceeded: 'context_length_exceeded',
};

export function parseError(status: number, body: string, headers: Record<string, string>): InterlinguaError {
  return parseOpenaiHttpError(status, body, headers, dialectName);
}

/** An error met in a stream or a 200 body: `{type?, code?, message?, param?}` with no HTTP status. */
export function errorFromWire(wire: WireOpenaiError, body: string): InterlinguaError {
  return openaiErrorFromWire(wire, body, dialectName, codeByWord);
}

export const readErrorBody = readOpenaiErrorBody;

/**
 * The body callers get. An error that came from a Responses upstream is passed on as that
 * upstream wrote it (its own `type` and `code` words), since the caller speaks the same dialect.
 */
export function errorBody(error: InterlinguaError): WireOpenaiErrorBody {
  const own = error.upstream?.dialect === dialectName ? readOpenaiErrorBody(error.upstream.body) : undefined;
  if (own !== undefined && typeof own !== 'string') {
    return {
      error: {
        message: openaiErrorMessage(own),
        type: own.type ?? openaiTypeByCode[error.code],
        param: own.param ?? null,
        code: own.code == null ? null : String(own.code),
      },
    };
  }
  // A context overflow names `input`, as OpenAI's does (dyad-sh/dyad#1672: `"code":"context_length_exceeded",…,"param":"input"`).
  return openaiErrorBody(error, [dialectName], 'input');
}

export function emitError(error: InterlinguaError): { status: number; body: WireOpenaiErrorBody } {
  return { status: error.status, body: errorBody(error) };
}

/**
 * `response.error` of a failed response: `{code, message}`. The code an upstream of OpenAI's format
 * wrote passes unchanged (a Chat upstream's `insufficient_quota`, which Codex CLI stops on rather
 * than retrying: codex-rs/codex-api/src/sse/responses.rs, `is_quota_exceeded_error`).
 */
export function responseError(error: InterlinguaError): { code: string; message: string } {
  const { error: wire } = errorBody(error);
  // An overflow keeps the word Codex compacts on, whatever a compatible server called it.
  const upstream = error.code === 'context_length_exceeded' ? undefined : upstreamOpenaiWords(error)?.code;
  const code = upstream ?? responseCodeByCode[error.code] ?? 'server_error';
  return { code, message: wire.message };
}
