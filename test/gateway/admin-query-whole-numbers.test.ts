/**
 * The admin routes' counts (`limit`, `offset`, `buckets`) are written in decimal digits: `Number`
 * alone read `0x10` as 16, `1e3` as 1000 and a blank as 0, none of which a caller means as a count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wholeNumber } from '../../src/gateway/admin-query-values.js';

test('decimal digits are a count; hex, exponents, blanks and fractions are refused with the range', () => {
  assert.equal(wholeNumber('16', 'limit', 1, 1000), 16);
  assert.equal(wholeNumber('0', 'offset', 0), 0);
  for (const text of ['0x10', '1e3', '', ' ', '1.5', '+5', '0b1', '٣']) {
    assert.throws(() => wholeNumber(text, 'limit', 1, 1000), /limit: a whole number from 1 to 1000/, JSON.stringify(text));
  }
});
