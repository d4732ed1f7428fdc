/**
 * parseError on recorded OpenAI error bodies (fixtures/openai-chat/*error*, see MANIFEST.md) and
 * emitError for every gateway error code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { InterlinguaError, errorTable, type ErrorCode } from '../../../src/interlingua/error.js';
import { readFixtureText } from '../../support/fixtures.js';
import { expectedOpenaiCode } from '../../support/openai-code-words.js';

test('401 invalid key, pretty-printed with \\u003c escapes (fixtures/openai-chat/dd-error-401-invalid-api-key.response.json)', () => {
  const body = readFixtureText('openai-chat/dd-error-401-invalid-api-key.response.json');
  const error = openaiChatDialect.parseError(401, body, { 'content-type': 'application/json; charset=utf-8' });
  assert.ok(error instanceof InterlinguaError);
  assert.equal(error.code, 'authentication');
  assert.equal(error.status, 401);
  assert.equal(error.retryable, false);
  assert.match(error.message, /^Incorrect API key provided: <not-a-r\*\*\*\*key>\./);
  assert.equal(error.vendorType, 'invalid_request_error');
  assert.equal(error.param, undefined);
  assert.deepEqual(error.upstream, { url: '', status: 401, headers: { 'content-type': 'application/json; charset=utf-8' }, body, dialect: 'openai-chat' });
});

test('400 with param and code (fixtures/openai-chat/error-400-unsupported-parameter.json)', () => {
  const error = openaiChatDialect.parseError(400, readFixtureText('openai-chat/error-400-unsupported-parameter.json'), {});
  assert.equal(error.code, 'invalid_request');
  assert.equal(error.param, 'max_tokens');
  assert.match(error.message, /Use 'max_completion_tokens' instead/);
});

test('400 with code null (fixtures/openai-chat/pa-error-400-web-search-not-supported.response.json)', () => {
  const error = openaiChatDialect.parseError(400, readFixtureText('openai-chat/pa-error-400-web-search-not-supported.response.json'), {});
  assert.equal(error.code, 'invalid_request');
  assert.equal(error.param, 'web_search_options');
  assert.equal(error.message, 'Web search options not supported with this model.');
});

test('429 with type "tokens" and the retry headers (fixtures/openai-chat/error-429-rate-limit-tokens.from-python-repr.json)', () => {
  const body = readFixtureText('openai-chat/error-429-rate-limit-tokens.from-python-repr.json');
  const withMilliseconds = openaiChatDialect.parseError(429, body, { 'Retry-After-Ms': '232', 'retry-after': '1' });
  assert.equal(withMilliseconds.code, 'rate_limited');
  assert.equal(withMilliseconds.retryable, true);
  assert.equal(withMilliseconds.retryAfterMs, 232, 'retry-after-ms wins, whatever its case');
  assert.equal(withMilliseconds.vendorType, 'tokens');
  assert.equal(openaiChatDialect.parseError(429, body, { 'retry-after': '2' }).retryAfterMs, 2000);
  assert.equal(openaiChatDialect.parseError(429, body, {}).retryAfterMs, undefined);
  // Passing the same error through to an OpenAI caller keeps OpenAI's own type and code words.
  const emitted = openaiChatDialect.emitError(withMilliseconds);
  assert.equal(emitted.status, 429);
  assert.deepEqual(emitted.body, { error: { message: withMilliseconds.message, type: 'tokens', param: null, code: 'rate_limit_exceeded' } });
});

test('a body that is not JSON, or not an OpenAI error, still gives a clear error', () => {
  const gateway = openaiChatDialect.parseError(502, '<html><body>Bad Gateway</body></html>', { 'content-type': 'text/html' });
  assert.equal(gateway.code, 'upstream_error');
  assert.equal(gateway.retryable, true);
  assert.match(gateway.message, /HTTP 502: <html><body>Bad Gateway/);
  const empty = openaiChatDialect.parseError(503, '', {});
  assert.equal(empty.code, 'overloaded');
  assert.match(empty.message, /HTTP 503 with an empty body/);
  assert.equal(openaiChatDialect.parseError(500, '{"error":"model crashed"}', {}).message, 'model crashed');
  assert.match(openaiChatDialect.parseError(500, '{"error":{"type":"server_error"}}', {}).message, /server_error/);
  assert.equal(openaiChatDialect.parseError(409, '{}', {}).retryable, true, 'a conflict is retryable');
});

const expectedType: Record<ErrorCode, string> = {
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

for (const code of Object.keys(errorTable) as ErrorCode[]) {
  test(`emitError renders ${code} in OpenAI's shape`, () => {
    const { status, body } = openaiChatDialect.emitError(new InterlinguaError(code, `message for ${code}`));
    assert.equal(status, errorTable[code].status);
    assert.deepEqual(body, { error: { message: `message for ${code}`, type: expectedType[code], param: null, code: expectedOpenaiCode(code) } });
  });
}

test('emitError keeps the parameter at fault and an overridden status', () => {
  const error = new InterlinguaError('invalid_request', "Invalid value for 'messages[0].role'.", { param: 'messages[0].role', status: 422 });
  assert.deepEqual(openaiChatDialect.emitError(error), {
    status: 422,
    body: { error: { message: "Invalid value for 'messages[0].role'.", type: 'invalid_request_error', param: 'messages[0].role', code: 'invalid_request' } },
  });
});

test('emitError after parseError round-trips status, message and param', () => {
  const parsed = openaiChatDialect.parseError(400, readFixtureText('openai-chat/error-400-unsupported-parameter.json'), {});
  const { status, body } = openaiChatDialect.emitError(parsed);
  assert.equal(status, 400);
  assert.deepEqual(body, {
    error: {
      message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      type: 'invalid_request_error',
      param: 'max_tokens',
      // The upstream's own code word (fixtures/openai-chat/error-400-unsupported-parameter.json).
      code: 'unsupported_parameter',
    },
  });
});
