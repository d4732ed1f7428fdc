/**
 * A new key's fields as the admin API and `interlingua keys create` take them (src/keys/key-spec.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKeySpec } from '../../src/keys/key-spec.js';

const now = Date.UTC(2026, 5, 1);

test('an expiry ahead is kept, as a span or a date', () => {
  assert.equal(parseKeySpec({ name: 'ci', expires: '30d' }, now).expiresAt, now + 30 * 86_400_000);
  assert.equal(parseKeySpec({ name: 'ci', expires: '2026-12-31' }, now).expiresAt, Date.UTC(2026, 11, 31));
  assert.equal(parseKeySpec({ name: 'ci', expires: now + 1 }, now).expiresAt, now + 1);
});

test('an expiry that has passed is refused, naming the field: such a key would be refused from its first request', () => {
  assert.throws(() => parseKeySpec({ name: 'ci', expires: '2026-01-01' }, now), { message: "expires: 2026-01-01T00:00:00.000Z has passed; a new key's expiry lies ahead" });
  assert.throws(() => parseKeySpec({ name: 'ci', expires: now }, now), /has passed/);
});
