import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clippedText } from '../../src/core/clipped-text.js';

test('a text within the bound is kept whole; a longer one is cut to the bound, ending in an ellipsis', () => {
  assert.equal(clippedText('abc', 3), 'abc');
  assert.equal(clippedText('abcd', 3), 'ab…');
  assert.equal(clippedText('abcd', 3).length, 3);
});

test('a cut never keeps half of a surrogate pair', () => {
  const clipped = clippedText(`a😀${'b'.repeat(10)}`, 3);
  assert.equal(clipped, 'a…');
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(clipped));
});
