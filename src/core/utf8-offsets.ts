/**
 * Byte offsets into a string's UTF-8 encoding, as JavaScript string (UTF-16 code unit) indices.
 * Gemini counts a grounding segment's `startIndex`/`endIndex` in bytes of the part's text;
 * JavaScript, and the clients of every other dialect, index strings by UTF-16 code units.
 *
 * An ASCII text's offsets are its indices. Otherwise each index's byte offset is kept in one typed
 * array, 4 bytes a code unit, and looked up by binary search: a Map entry per character took some
 * 80 bytes of heap per byte of a long answer.
 */
export class Utf8Offsets {
  private bytesBefore: Uint32Array | undefined;
  private ascii: boolean | undefined;

  constructor(private readonly text: string) {}

  /** The UTF-16 index at a byte offset, or undefined when the offset is past the end or inside a character. */
  toUtf16(byteOffset: number): number | undefined {
    if (!Number.isInteger(byteOffset) || byteOffset < 0) return undefined;
    this.ascii ??= !/[^\x00-\x7f]/.test(this.text);
    if (this.ascii) return byteOffset <= this.text.length ? byteOffset : undefined;
    const bytes = (this.bytesBefore ??= bytesBeforeEachIndex(this.text));
    // The first index with at least that many bytes before it: a character's start when it has exactly that many.
    let low = 0;
    let high = bytes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (bytes[middle]! < byteOffset) low = middle + 1;
      else high = middle;
    }
    return low < bytes.length && bytes[low] === byteOffset ? low : undefined;
  }
}

/**
 * For each UTF-16 index (and the end), the UTF-8 bytes before it. The second half of a surrogate
 * pair repeats the first half's count, so only the pair's start is found for it; a lone
 * surrogate counts as the 3 bytes of the replacement character it is encoded as.
 */
function bytesBeforeEachIndex(text: string): Uint32Array {
  const bytes = new Uint32Array(text.length + 1);
  let total = 0;
  for (let index = 0; index < text.length; index++) {
    bytes[index] = total;
    const unit = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      bytes[index + 1] = total;
      total += 4;
      index++;
      continue;
    }
    total += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
  }
  bytes[text.length] = total;
  return bytes;
}
