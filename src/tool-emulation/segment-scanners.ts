/**
 * Incremental finders for where a held segment ends, fed the segment's text as it streams in.
 * Each keeps what it learned between pieces (a bracket depth, the last few characters), so a
 * piece costs its own length: rescanning the whole held text on every streamed piece made a long
 * answer cost time quadratic in its length and stalled every other request on the event loop.
 *
 * Offsets are counted from the first character the scanner was fed. `scanned` counts the
 * characters examined, so tests can check the work done per piece.
 */
import type { SegmentScanner } from './tool-format.js';

/** The first occurrence of `needle` starting at or after offset `from`. */
export class NeedleFinder implements SegmentScanner {
  scanned = 0;
  private seen = 0;
  /** The last characters fed (fewer than the needle's length): a needle may straddle two pieces. */
  private tail = '';

  constructor(
    private readonly needle: string,
    private readonly from = 0,
  ) {}

  /** The offset just past the needle once it has arrived. */
  scan(text: string): number | undefined {
    const windowStart = this.seen - this.tail.length;
    const window = this.tail + text;
    const searchFrom = Math.max(0, this.from - windowStart);
    this.seen += text.length;
    this.scanned += Math.max(0, window.length - searchFrom);
    const at = window.indexOf(this.needle, searchFrom);
    if (at !== -1) return windowStart + at + this.needle.length;
    this.tail = window.slice(Math.max(searchFrom, window.length - this.needle.length + 1));
    return undefined;
  }
}

/**
 * The end of the JSON object or array that opens at offset 0, counting brackets outside strings
 * (the model's JSON is parsed only once it is closed).
 */
export class JsonEndScanner implements SegmentScanner {
  scanned = 0;
  private seen = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;

  /** The offset just past the closing bracket once it has arrived. */
  scan(text: string): number | undefined {
    const base = this.seen;
    this.seen += text.length;
    for (let index = 0; index < text.length; index++) {
      this.scanned++;
      const character = text[index];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (character === '\\') this.escaped = true;
        else if (character === '"') this.inString = false;
        continue;
      }
      if (character === '"') this.inString = true;
      else if (character === '{' || character === '[') this.depth++;
      else if (character === '}' || character === ']') {
        this.depth--;
        if (this.depth === 0) return base + index + 1;
      }
    }
    return undefined;
  }
}
