/**
 * Errors in OpenAI's shape, `{error:{message,type,param,code}}`, in both directions. The recorded
 * /v1/completions 401 (fixtures/openai-chat/dd-legacy-completions-stream-401.response.json) is the
 * upstream side; every code of the error table is the caller side.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiCompletionsDialect } from '../../../src/dialects/openai-completions/index.js';
import { emitError } from '../../../src/dialects/openai-completions/errors.js';
import { InterlinguaError, errorTable, type ErrorCode } from '../../../src/interlingua/error.js';
import { readFixtureText } from '../../support/fixtures.js';
import { expectedOpenaiCode } from '../../support/openai-code-words.js';
import { legacyCompletionsError } from './helpers.js';

test(`the recorded 401 reads as authentication, and goes back to a caller with its own type and code words (${legacyCompletionsError})`, () => {
  const body = readFixtureText(legacyCompletionsError);
  const error = openaiCompletionsDialect.parseError(401, body, { 'Content-Type': 'application/json' });
  assert.equal(error.code, 'authentication');
  assert.equal(error.status, 401);
  assert.equal(error.retryable, false);
  assert.match(error.message, /^Incorrect API key provided: sk-wrong\*\*\*\*-key\./);
  assert.equal(error.vendorType, 'invalid_request_error');
  assert.equal(error.upstream?.body, body);
  const { status, body: emitted } = openaiCompletionsDialect.emitError(error);
  assert.equal(status, 401);
  assert.deepEqual(emitted, { error: { message: error.message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
});

test('a non-JSON or empty error body still gives a readable message; retry-after is read', () => {
  const html = openaiCompletionsDialect.parseError(502, '<html>Bad gateway</html>', {});
  assert.equal(html.code, 'upstream_error');
  assert.equal(html.retryable, true);
  assert.match(html.message, /HTTP 502: <html>Bad gateway/);
  assert.match(openaiCompletionsDialect.parseError(503, '', {}).message, /empty body/);
  assert.equal(openaiCompletionsDialect.parseError(429, '{"error":"slow down"}', { 'Retry-After': '2' }).retryAfterMs, 2000);
});

for (const code of Object.keys(errorTable) as ErrorCode[]) {
  test(`emitError renders ${code} with its status and an OpenAI type word`, () => {
    const { status, body } = emitError(new InterlinguaError(code, `failure: ${code}`, { param: 'prompt' }));
    assert.equal(status, errorTable[code].status);
    assert.equal(body.error.message, `failure: ${code}`);
    assert.equal(body.error.param, 'prompt');
    assert.equal(body.error.code, expectedOpenaiCode(code));
    assert.match(body.error.type, /^(invalid_request_error|authentication_error|permission_error|not_found_error|rate_limit_error|server_error)$/);
  });
}
