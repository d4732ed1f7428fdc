import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorTable, InterlinguaError, type ErrorCode } from '../../../src/interlingua/error.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { readFixtureText } from '../../support/fixtures.js';

test('429 RESOURCE_EXHAUSTED with RetryInfo is rate_limited with the delay (fixtures/gemini/error-429-resource-exhausted-retryinfo.json)', () => {
  const error = geminiDialect.parseError(429, readFixtureText('gemini/error-429-resource-exhausted-retryinfo.json'), {});
  assert.ok(error instanceof InterlinguaError);
  assert.equal(error.code, 'rate_limited');
  assert.equal(error.status, 429);
  assert.equal(error.retryable, true);
  assert.equal(error.retryAfterMs, 34_400);
  assert.equal(error.vendorType, 'RESOURCE_EXHAUSTED');
  assert.equal(error.message, 'You exceeded your current quota, please check your plan.');
});

test('400 INVALID_ARGUMENT, plain and wrapped in an array (fixtures error-400-missing-thought-signature*.json)', () => {
  for (const name of ['error-400-missing-thought-signature.json', 'error-400-missing-thought-signature.stream-array-wrapped.json']) {
    const error = geminiDialect.parseError(400, readFixtureText(`gemini/${name}`), {});
    assert.equal(error.code, 'invalid_request', name);
    assert.equal(error.vendorType, 'INVALID_ARGUMENT', name);
    assert.equal(error.retryable, false, name);
    assert.match(error.message, /^Function call is missing a thought_signature/, name);
  }
});

test('404 NOT_FOUND (fixtures/gemini/pa-error-404-embed-model-not-found.response.json), 503 UNAVAILABLE, retry-after header, a body that is not JSON', () => {
  const notFound = geminiDialect.parseError(404, readFixtureText('gemini/pa-error-404-embed-model-not-found.response.json'), {});
  assert.equal(notFound.code, 'not_found');
  assert.match(notFound.message, /nonexistent-model is not found/);
  const overloaded = geminiDialect.parseError(503, '{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}', { 'Retry-After': '7' });
  assert.equal(overloaded.code, 'overloaded');
  assert.equal(overloaded.retryAfterMs, 7000);
  const html = geminiDialect.parseError(502, '<html>Bad Gateway</html>', {});
  assert.equal(html.code, 'upstream_error');
  assert.equal(html.message, '<html>Bad Gateway</html>');
  assert.equal(html.vendorType, undefined);
});

test('emitError renders every interlingua code as a Google error with the matching status word', () => {
  const words: Record<ErrorCode, string> = {
    invalid_request: 'INVALID_ARGUMENT',
    context_length_exceeded: 'INVALID_ARGUMENT',
    authentication: 'UNAUTHENTICATED',
    permission: 'PERMISSION_DENIED',
    not_found: 'NOT_FOUND',
    request_too_large: 'INVALID_ARGUMENT',
    rate_limited: 'RESOURCE_EXHAUSTED',
    internal: 'INTERNAL',
    upstream_error: 'INTERNAL',
    upstream_unreachable: 'UNAVAILABLE',
    stream_interrupted: 'INTERNAL',
    overloaded: 'UNAVAILABLE',
    upstream_timeout: 'DEADLINE_EXCEEDED',
    store_unavailable: 'UNAVAILABLE',
  };
  for (const code of Object.keys(errorTable) as ErrorCode[]) {
    const rendered = geminiDialect.emitError(new InterlinguaError(code, `failed: ${code}`));
    assert.equal(rendered.status, errorTable[code].status);
    assert.deepEqual(rendered.body, { error: { code: errorTable[code].status, message: `failed: ${code}`, status: words[code] } });
  }
});

test('an upstream Gemini error passes through with its own status word and retry delay', () => {
  const parsed = geminiDialect.parseError(429, readFixtureText('gemini/error-429-resource-exhausted-retryinfo.json'), {});
  assert.deepEqual(geminiDialect.emitError(parsed), {
    status: 429,
    body: {
      error: {
        code: 429,
        message: 'You exceeded your current quota, please check your plan.',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.4s' }],
      },
    },
  });
});
