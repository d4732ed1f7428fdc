/** UTF-8 byte offsets (Gemini's grounding spans) read as JavaScript string indices, against Node's own UTF-8 encoder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Utf8Offsets } from '../../src/core/utf8-offsets.js';

/** Every byte offset of the text's encoding: the index starting there, or undefined inside a character. */
function expectedIndices(text: string): Map<number, number | undefined> {
  const expected = new Map<number, number | undefined>();
  const total = Buffer.byteLength(text);
  for (let offset = 0; offset <= total + 1; offset++) expected.set(offset, undefined);
  let index = 0;
  for (const character of text) {
    expected.set(Buffer.byteLength(text.slice(0, index)), index);
    index += character.length;
  }
  expected.set(total, text.length);
  return expected;
}

test('each character start is found at its byte offset, an offset inside a character or past the end is not', () => {
  const pieces = fc.constantFrom('a', ' ', 'é', '中', '😀', '\ud800', '\udfff', 'z\u0301', '\n');
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 30 }), (chosen) => {
      const text = chosen.join('');
      const offsets = new Utf8Offsets(text);
      for (const [offset, index] of expectedIndices(text)) assert.equal(offsets.toUtf16(offset), index, `${JSON.stringify(text)} at byte ${offset}`);
      assert.equal(offsets.toUtf16(-1), undefined);
      assert.equal(offsets.toUtf16(0.5), undefined);
    }),
  );
});

test('an ASCII text is its own index, a long one included', () => {
  const text = 'x'.repeat(1_000_000);
  const offsets = new Utf8Offsets(text);
  assert.equal(offsets.toUtf16(999_999), 999_999);
  assert.equal(offsets.toUtf16(1_000_000), 1_000_000);
  assert.equal(offsets.toUtf16(1_000_001), undefined);
});
