/**
 * Ollama's error body `{"error": "…"}` (docs/api/errors.mdx; fixtures/ollama/error-body.json)
 * read from an upstream and written for callers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { InterlinguaError, errorTable, type ErrorCode } from '../../../src/interlingua/error.js';
import { readFixtureText } from '../../support/fixtures.js';

test('the documented error body gives its message; the status gives the code (fixtures/ollama/error-body.json)', () => {
  const body = readFixtureText('ollama/error-body.json');
  const error = ollamaDialect.parseError(500, body, { 'content-type': 'application/json; charset=utf-8' });
  assert.ok(error instanceof InterlinguaError);
  assert.equal(error.code, 'upstream_error');
  assert.equal(error.message, 'the model failed to generate a response');
  assert.equal(error.retryable, true);
  assert.deepEqual(error.upstream, { url: '', status: 500, headers: { 'content-type': 'application/json; charset=utf-8' }, body, dialect: 'ollama' });
});

test('statuses Ollama answers with map to the error table (docs/api/errors.mdx)', () => {
  const cases: Array<[number, ErrorCode, boolean]> = [
    [400, 'invalid_request', false],
    [401, 'authentication', false],
    [403, 'permission', false],
    [404, 'not_found', false],
    [429, 'rate_limited', true],
    [500, 'upstream_error', true],
    [502, 'upstream_error', true],
    [503, 'overloaded', true],
  ];
  for (const [status, code, retryable] of cases) {
    const error = ollamaDialect.parseError(status, JSON.stringify({ error: `model "llama9" not found, try pulling it first (${status})` }), {});
    assert.equal(error.code, code, String(status));
    assert.equal(error.retryable, retryable, String(status));
    assert.match(error.message, /not found, try pulling it first/);
  }
});

test('a 4xx the error table gives another status keeps Ollama’s own (402 and 413 from its cloud)', () => {
  for (const status of [402, 413]) {
    const error = ollamaDialect.parseError(status, JSON.stringify({ error: `refused (${status})` }), {});
    assert.equal(error.status, status);
    assert.equal(ollamaDialect.emitError(error).status, status, 'an Ollama caller reads it too');
  }
  assert.equal(ollamaDialect.parseError(400, JSON.stringify({ error: 'the input length exceeds the context length' }), {}).status, 400);
});

test('a body that is not Ollama JSON still gives a clear error', () => {
  const html = ollamaDialect.parseError(502, '<html><body>Bad Gateway</body></html>', {});
  assert.equal(html.code, 'upstream_error');
  assert.equal(html.message, 'Ollama answered HTTP 502: <html><body>Bad Gateway</body></html>');
  const empty = ollamaDialect.parseError(404, '  ', {});
  assert.equal(empty.code, 'not_found');
  assert.equal(empty.message, 'Ollama answered HTTP 404 with an empty body.');
  const otherJson = ollamaDialect.parseError(400, '{"error":{"message":"nested"}}', {});
  assert.match(otherJson.message, /HTTP 400: \{"error":\{"message":"nested"\}\}/);
});

test('retry-after is read in any header case', () => {
  const error = ollamaDialect.parseError(429, '{"error":"too many requests"}', { 'Retry-After': '3' });
  assert.equal(error.retryAfterMs, 3000);
});

test('emitError writes {"error": message} with the table status, for every code', () => {
  for (const code of Object.keys(errorTable) as ErrorCode[]) {
    const { status, body } = ollamaDialect.emitError(new InterlinguaError(code, `failure: ${code}`));
    assert.equal(status, errorTable[code].status);
    assert.deepEqual(body, { error: `failure: ${code}` });
  }
});

test('an upstream error read and written again keeps its message and status', () => {
  const error = ollamaDialect.parseError(404, '{"error":"model \\"x\\" not found"}', {});
  assert.deepEqual(ollamaDialect.emitError(error), { status: 404, body: { error: 'model "x" not found' } });
});
