/**
 * OpenAI's error shape in both directions, on the recorded error bodies
 * (test/fixtures/recorded/openai-responses/error-*.json, pa-error-400-decimal-below-min.response.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { InterlinguaError, errorTable, type ErrorCode } from '../../../src/interlingua/error.js';
import { readFixtureText } from '../../support/fixtures.js';
import { expectedOpenaiCode } from '../../support/openai-code-words.js';
import { asObject } from './helpers.js';

const cases = [
  ['error-400-unsupported-temperature.json', 400, 'invalid_request', 'invalid_request_error', 'temperature', false],
  ['pa-error-400-decimal-below-min.response.json', 400, 'invalid_request', 'invalid_request_error', 'temperature', false],
  // Out of credit: waiting does not cure it, so it is not retried (https://platform.openai.com/docs/guides/error-codes).
  ['error-429-insufficient-quota.json', 429, 'rate_limited', 'insufficient_quota', undefined, false],
] as const;

for (const [name, status, code, vendorType, param, retryable] of cases) {
  test(`parseError reads ${name}`, () => {
    const body = readFixtureText(`openai-responses/${name}`);
    const error = openaiResponsesDialect.parseError(status, body, {});
    assert.ok(error instanceof InterlinguaError);
    assert.equal(error.code, code);
    assert.equal(error.status, status);
    assert.equal(error.vendorType, vendorType);
    assert.equal(error.param, param);
    assert.equal(error.retryable, retryable);
    assert.equal(error.message, (JSON.parse(body) as { error: { message: string } }).error.message);
    assert.deepEqual(error.upstream, { url: '', status, headers: {}, body, dialect: 'openai-responses' });
    // Passed on to a Responses caller, the body is OpenAI's own.
    const emitted = openaiResponsesDialect.emitError(error);
    assert.equal(emitted.status, status);
    const original = JSON.parse(body) as { error: Record<string, unknown> };
    assert.deepEqual(emitted.body, { error: { message: original.error['message'], type: original.error['type'], param: original.error['param'], code: original.error['code'] } });
  });
}

test('retry-after-ms and retry-after are read, whatever the header case', () => {
  const body = readFixtureText('openai-responses/error-429-insufficient-quota.json');
  assert.equal(openaiResponsesDialect.parseError(429, body, { 'Retry-After-Ms': '1500' }).retryAfterMs, 1500);
  assert.equal(openaiResponsesDialect.parseError(429, body, { 'retry-after': '2' }).retryAfterMs, 2000);
  assert.equal(openaiResponsesDialect.parseError(429, body, {}).retryAfterMs, undefined);
});

test('bodies that are not OpenAI errors still give an error', () => {
  const html = openaiResponsesDialect.parseError(502, '<html>Bad gateway</html>', {});
  assert.equal(html.code, 'upstream_error');
  assert.match(html.message, /HTTP 502: <html>Bad gateway/);
  assert.equal(html.retryable, true);
  assert.match(openaiResponsesDialect.parseError(503, '', {}).message, /empty body/);
  assert.equal(openaiResponsesDialect.parseError(503, '', {}).code, 'overloaded');
  const plain = openaiResponsesDialect.parseError(400, JSON.stringify({ error: 'just text' }), {});
  assert.equal(plain.message, 'just text');
});

for (const code of Object.keys(errorTable) as ErrorCode[]) {
  test(`emitError writes OpenAI's shape for ${code}`, () => {
    const { status, body } = openaiResponsesDialect.emitError(new InterlinguaError(code, `failure ${code}`));
    assert.equal(status, errorTable[code].status);
    const error = asObject(asObject(body)['error']);
    assert.equal(error['message'], `failure ${code}`);
    assert.equal(error['code'], expectedOpenaiCode(code));
    assert.equal(error['param'], null);
    assert.match(String(error['type']), /^(invalid_request_error|authentication_error|permission_error|not_found_error|rate_limit_error|server_error)$/);
  });
}

test('an upstream status overriding the table is kept', () => {
  const { status } = openaiResponsesDialect.emitError(new InterlinguaError('invalid_request', 'Unprocessable.', { status: 422 }));
  assert.equal(status, 422);
});
