import { test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { errorTable, InterlinguaError, type ErrorCode } from '../../src/interlingua/error.js';
import { errorFromStatus, grpcStatusFor, statusForError } from '../../src/grpc/status-codes.js';

test('gateway errors map to the gRPC statuses clients expect', () => {
  assert.equal(grpcStatusFor('rate_limited'), status.RESOURCE_EXHAUSTED);
  assert.equal(grpcStatusFor('invalid_request'), status.INVALID_ARGUMENT);
  assert.equal(grpcStatusFor('not_found'), status.NOT_FOUND);
  assert.equal(grpcStatusFor('authentication'), status.UNAUTHENTICATED);
  assert.equal(grpcStatusFor('upstream_unreachable'), status.UNAVAILABLE);
  assert.equal(grpcStatusFor('overloaded'), status.UNAVAILABLE);
  assert.equal(grpcStatusFor('upstream_error'), status.UNAVAILABLE);
  assert.equal(grpcStatusFor('upstream_timeout'), status.DEADLINE_EXCEEDED);
  for (const code of Object.keys(errorTable) as ErrorCode[]) assert.notEqual(grpcStatusFor(code), status.OK, code);
});

test('the status carries the gateway code and retry-after in its trailers', () => {
  const rendered = statusForError(new InterlinguaError('rate_limited', 'slow down', { retryAfterMs: 1500 }));
  assert.equal(rendered.code, status.RESOURCE_EXHAUSTED);
  assert.equal(rendered.details, 'slow down');
  assert.deepEqual(rendered.metadata?.get('x-interlingua-error-code'), ['rate_limited']);
  assert.deepEqual(rendered.metadata?.get('retry-after-ms'), ['1500']);
});

test('a rate limit pushes back by its wait, a request no retry can fix asks for none, a fault leaves the backoff (gRFC A6)', () => {
  const pushback = (error: InterlinguaError) => statusForError(error).metadata?.get('grpc-retry-pushback-ms');
  assert.deepEqual(pushback(new InterlinguaError('rate_limited', 'slow down', { retryAfterMs: 1500 })), ['1500']);
  assert.deepEqual(pushback(new InterlinguaError('rate_limited', 'over the key limit', { retryAfterMs: 20_000.4, retryable: false })), ['20001']);
  assert.deepEqual(pushback(new InterlinguaError('rate_limited', 'budget spent', { retryable: false })), ['-1']);
  assert.deepEqual(pushback(new InterlinguaError('invalid_request', 'bad')), ['-1']);
  assert.deepEqual(pushback(new InterlinguaError('request_too_large', 'big')), ['-1']);
  assert.deepEqual(pushback(new InterlinguaError('upstream_error', 'broken')), []);
  assert.deepEqual(pushback(new InterlinguaError('upstream_error', 'unreadable tool call', { retryable: false })), []);
  assert.deepEqual(pushback(new InterlinguaError('rate_limited', 'upstream 429 without retry-after')), []);
});

test('an upstream status becomes the gateway error it means, retryable only when transient', () => {
  const limited = errorFromStatus(status.RESOURCE_EXHAUSTED, 'busy', 'glm');
  assert.equal(limited.code, 'rate_limited');
  assert.equal(limited.retryable, true);
  assert.equal(errorFromStatus(status.UNAVAILABLE, 'down', 'glm').retryable, true);
  assert.equal(errorFromStatus(status.INVALID_ARGUMENT, 'bad', 'glm').retryable, false);
  assert.equal(errorFromStatus(status.NOT_FOUND, 'no', 'glm').code, 'not_found');
  assert.match(errorFromStatus(status.INTERNAL, 'boom', 'glm').message, /^glm: boom$/);
});
