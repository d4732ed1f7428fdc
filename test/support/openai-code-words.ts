/**
 * The `code` an OpenAI-format caller should get for an error the gateway raised itself (no upstream
 * answer behind it): OpenAI's own word where OpenAI has one — `invalid_api_key`
 * (fixtures/recorded/openai-chat/dd-error-401-invalid-api-key.response.json), `rate_limit_exceeded`
 * (recorded/openai-chat/error-429-rate-limit-tokens.from-python-repr.json), `context_length_exceeded`,
 * `server_error` (`ResponseError['code']`, openai-node src/resources/responses/responses.ts) — else the
 * gateway's own code from its error table (README, "Errors").
 */
import type { ErrorCode } from '../../src/interlingua/error.js';

const openaiWords: Partial<Record<ErrorCode, string>> = {
  authentication: 'invalid_api_key',
  rate_limited: 'rate_limit_exceeded',
  context_length_exceeded: 'context_length_exceeded',
  internal: 'server_error',
  upstream_error: 'server_error',
};

export function expectedOpenaiCode(code: ErrorCode): string {
  return openaiWords[code] ?? code;
}
