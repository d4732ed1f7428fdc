/**
 * Byte offsets into a string's UTF-8 encoding, as JavaScript string (UTF-16 code unit) indices.
 * Gemini counts a grounding segment's `startIndex`/`endIndex` in bytes of the part's text;
 * JavaScript, and the clients of every other dialect, index strings by UTF-16 code units.
 */
export class Utf8Offsets {
  private indexByByte: Map<number, number> | undefined;

  constructor(private readonly text: string) {}

  /** The UTF-16 index at a byte offset, or undefined when the offset is past the end or inside a character. */
  toUtf16(byteOffset: number): number | undefined {
    this.indexByByte ??= boundaries(this.text);
    return this.indexByByte.get(byteOffset);
  }
}

/** Every character boundary (and the end), byte offset → UTF-16 index. */
function boundaries(text: string): Map<number, number> {
  const map = new Map<number, number>();
  let bytes = 0;
  let index = 0;
  for (const character of text) {
    map.set(bytes, index);
    const point = character.codePointAt(0) ?? 0;
    bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    index += character.length;
  }
  map.set(bytes, index);
  return map;
}
