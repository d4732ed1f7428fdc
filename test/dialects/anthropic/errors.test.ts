/**
 * Error bodies (https://docs.claude.com/en/api/errors): recorded ones parsed
 * (dd-error-*, pa-error-400-*, error-529-overloaded; doc-format-error-404-not-found written from
 * the documented shape), and rendered
 * ones checked against the error classes the official SDK raises for each status.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ContentTooLargeError,
  InternalServerError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { InterlinguaError, errorTable } from '../../../src/interlingua/error.js';
import type { ErrorCode } from '../../../src/interlingua/error.js';
import { readFixtureText } from '../../support/fixtures.js';
import { sdkClient } from './support.js';

const recorded: Array<{ fixture: string; status: number; code: ErrorCode; vendorType: string; message: RegExp; retryable: boolean }> = [
  { fixture: 'dd-error-400.response.json', status: 400, code: 'invalid_request', vendorType: 'invalid_request_error', message: /^messages\.0: Input does not match/, retryable: false },
  { fixture: 'dd-error-401-authentication.response.json', status: 401, code: 'authentication', vendorType: 'authentication_error', message: /^invalid x-api-key$/, retryable: false },
  { fixture: 'pa-error-400-invalid-request.response.json', status: 400, code: 'invalid_request', vendorType: 'invalid_request_error', message: /effort level 'xhigh'/, retryable: false },
  { fixture: 'error-529-overloaded.json', status: 529, code: 'overloaded', vendorType: 'overloaded_error', message: /^Overloaded$/, retryable: true },
  { fixture: 'doc-format-error-404-not-found.json', status: 404, code: 'not_found', vendorType: 'not_found_error', message: /could be found/, retryable: false },
];

for (const { fixture, status, code, vendorType, message, retryable } of recorded) {
  test(`parseError reads ${fixture}`, () => {
    const body = readFixtureText(`anthropic/${fixture}`);
    const error = anthropicDialect.parseError(status, body, { 'content-type': 'application/json' });
    assert.ok(error instanceof InterlinguaError);
    assert.equal(error.code, code);
    assert.equal(error.vendorType, vendorType);
    assert.match(error.message, message);
    assert.equal(error.retryable, retryable);
    assert.deepEqual(error.upstream, { url: '', status, headers: { 'content-type': 'application/json' }, body, dialect: 'anthropic' });
    // Rendered again for an Anthropic caller, the body and status are what the upstream sent.
    const rendered = anthropicDialect.emitError(error);
    assert.equal(rendered.status, status);
    assert.deepEqual(rendered.body, { type: 'error', error: { type: vendorType, message: error.message } });
  });
}

test('an overloaded 529 is a retryable overloaded error with the gateway status 503 for other dialects', () => {
  const error = anthropicDialect.parseError(529, readFixtureText('anthropic/error-529-overloaded.json'), {});
  assert.equal(error.status, errorTable.overloaded.status);
  assert.equal(error.retryable, true);
});

test('retry-after in seconds, as an HTTP date, and retry-after-ms', () => {
  const body = '{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}';
  const seconds = anthropicDialect.parseError(429, body, { 'Retry-After': '7' });
  assert.equal(seconds.code, 'rate_limited');
  assert.equal(seconds.retryAfterMs, 7000);
  assert.equal(seconds.retryable, true);
  const date = anthropicDialect.parseError(429, body, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() });
  assert.ok(date.retryAfterMs !== undefined && date.retryAfterMs > 55_000 && date.retryAfterMs <= 60_000);
  assert.equal(anthropicDialect.parseError(429, body, { 'retry-after-ms': '1500', 'retry-after': '9' }).retryAfterMs, 1500);
  assert.equal(anthropicDialect.parseError(429, body, { 'retry-after': 'soon' }).retryAfterMs, undefined);
});

test('a body that is not JSON still gives a clear error by status', () => {
  const html = '<html><body>502 Bad Gateway</body></html>';
  const error = anthropicDialect.parseError(502, html, {});
  assert.equal(error.code, 'upstream_error');
  assert.equal(error.retryable, true);
  assert.match(error.message, /HTTP 502 .*not an Anthropic error: <html><body>502 Bad Gateway/);
  assert.equal(error.vendorType, undefined);
  assert.match(anthropicDialect.parseError(400, '', {}).message, /\(empty\)/);
  assert.equal(anthropicDialect.parseError(529, 'overloaded', {}).code, 'overloaded');
});

test('a 4xx outside the error table keeps its status and passes through with its own type', () => {
  const error = anthropicDialect.parseError(402, '{"type":"error","error":{"type":"billing_error","message":"Add credits."}}', {});
  assert.equal(error.code, 'invalid_request');
  assert.equal(error.status, 402);
  assert.deepEqual(anthropicDialect.emitError(error), { status: 402, body: { type: 'error', error: { type: 'billing_error', message: 'Add credits.' } } });
  assert.equal(anthropicDialect.parseError(409, '{"type":"error","error":{"type":"conflict_error","message":"busy"}}', {}).retryable, true);
});

const rendered: Array<[ErrorCode, number, string, new (...args: never[]) => APIError]> = [
  ['invalid_request', 400, 'invalid_request_error', BadRequestError],
  ['context_length_exceeded', 400, 'invalid_request_error', BadRequestError],
  ['authentication', 401, 'authentication_error', AuthenticationError],
  ['permission', 403, 'permission_error', PermissionDeniedError],
  ['not_found', 404, 'not_found_error', NotFoundError],
  ['request_too_large', 413, 'request_too_large', ContentTooLargeError],
  ['rate_limited', 429, 'rate_limit_error', RateLimitError],
  ['internal', 500, 'api_error', InternalServerError],
  ['upstream_error', 502, 'api_error', InternalServerError],
  ['upstream_unreachable', 502, 'api_error', InternalServerError],
  ['stream_interrupted', 502, 'api_error', InternalServerError],
  ['upstream_timeout', 504, 'api_error', InternalServerError],
  ['store_unavailable', 503, 'api_error', InternalServerError],
  ['overloaded', 529, 'overloaded_error', OverloadedError],
];

test('every error code is rendered', () => {
  assert.deepEqual(rendered.map(([code]) => code).sort(), Object.keys(errorTable).sort());
});

for (const [code, status, type, sdkClass] of rendered) {
  test(`emitError(${code}) is ${status} ${type}, raised by the SDK as ${sdkClass.name}`, async () => {
    const { status: emittedStatus, body } = anthropicDialect.emitError(new InterlinguaError(code, `about ${code}`));
    assert.equal(emittedStatus, status);
    assert.deepEqual(body, { type: 'error', error: { type, message: `about ${code}` } });
    const client = sdkClient(() => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
    await assert.rejects(client.messages.create({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }), (error: unknown) => {
      assert.ok(error instanceof sdkClass, `got ${String(error)}`);
      assert.equal(error.type, type);
      assert.equal(error.apiMessage, `about ${code}`);
      return true;
    });
  });
}
