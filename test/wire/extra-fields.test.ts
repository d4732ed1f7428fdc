import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extraFields } from '../../src/wire/extra-fields.js';

test('the fields a dialect does not model are kept; none kept is undefined, not an empty object', () => {
  assert.deepEqual(extraFields({ model: 'm', service_tier: 'flex', seed: 3 }, new Set(['model'])), { service_tier: 'flex', seed: 3 });
  assert.equal(extraFields({ model: 'm' }, new Set(['model'])), undefined);
  assert.equal(extraFields({ model: 'm', unset: undefined }, new Set(['model'])), undefined, 'an undefined value is no field');
});

test('an unmodelled "__proto__" key of a wire object is kept as data, never as a prototype', () => {
  const value = JSON.parse('{"model":"m","__proto__":{"polluted":true},"other":1}') as Record<string, unknown>;
  const fields = extraFields(value, new Set(['model'])) as Record<string, unknown>;
  assert.ok(Object.hasOwn(fields, '__proto__'));
  assert.deepEqual(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value, { polluted: true });
  assert.equal(Object.getPrototypeOf(fields), Object.prototype);
  assert.equal(fields['other'], 1);
});
