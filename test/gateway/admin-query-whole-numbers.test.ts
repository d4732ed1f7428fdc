/**
 * The admin routes' counts (`limit`, `offset`, `buckets`) are written in decimal (`100`, `1e2`):
 * `Number` alone read `0x10` as 16, `0b1` as 1 and a blank as 0, none of which a caller means as a count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wholeNumber } from '../../src/gateway/admin-query-values.js';

test('a decimal whole number is a count; hex, binary, blanks and fractions are refused with the range', () => {
  assert.equal(wholeNumber('16', 'limit', 1, 1000), 16);
  assert.equal(wholeNumber('1e2', 'limit', 1, 1000), 100);
  assert.equal(wholeNumber('0', 'offset', 0), 0);
  for (const text of ['0x10', '0b1', '0o7', 'Infinity', '', ' ', '1.5', '+5', '٣']) {
    assert.throws(() => wholeNumber(text, 'limit', 1, 1000), /limit: a whole number from 1 to 1000/, JSON.stringify(text));
  }
});
