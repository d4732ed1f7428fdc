import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { requestFromChatHub } from '../../../src/grpc/chathub/request-from-chathub.js';

/** A proto `float` carries NaN and ±Infinity; each is refused like an out-of-range value, never dropped or clamped. */
test('non-finite temperature and top_p are refused as invalid', () => {
  const cases: Array<[string, { temperature?: number; top_p?: number }]> = [
    ['temperature', { temperature: Number.NaN }],
    ['temperature', { temperature: Number.POSITIVE_INFINITY }],
    ['top_p', { top_p: Number.NaN }],
    ['top_p', { top_p: Number.POSITIVE_INFINITY }],
  ];
  for (const [param, numbers] of cases) {
    assert.throws(
      () => requestFromChatHub({ prompt: 'Hello', ...numbers }, 'm', false),
      (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && error.param === param,
      JSON.stringify(numbers, (_key, value: unknown) => (typeof value === 'number' ? String(value) : value)),
    );
  }
  assert.deepEqual(requestFromChatHub({ prompt: 'Hello', temperature: 0.5, top_p: 0.75 }, 'm', false).sampling, { temperature: 0.5, topP: 0.75 });
});
