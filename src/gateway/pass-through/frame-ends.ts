/**
 * Where the frames of a relayed stream end in its raw bytes, so that a relay forwards whole frames
 * only (a frame cut in half by a broken stream never reaches the caller) and one which holds a frame
 * back from the caller can cut exactly that frame out of the bytes and forward the rest untouched.
 * Line ends are ASCII bytes, never part of a multi-byte UTF-8 sequence, so the bytes are scanned
 * without decoding them. The ends agree with the parsers the relay decodes with (SseParser,
 * NdjsonParser): the bytes up to each end hold at most one frame.
 */

export interface FrameEnds {
  /** Offsets just past each frame end found in these bytes (the stream's next bytes). */
  find(bytes: Buffer): FoundEnds;
  /**
   * The offset just past the last frame end in these bytes (the stream's next bytes), 0 when none
   * ends in them: what a relay may forward at once. Carried bytes count as a frame end.
   */
  lastEnd(bytes: Buffer): number;
}

export interface FoundEnds {
  /**
   * Leading bytes that still belong to the frame that ended before these bytes: the `\n` of a
   * `\r\n` whose `\r` closed that frame at the end of the previous chunk. They share its fate.
   */
  carried: number;
  ends: number[];
}

const lineFeed = 10;
const carriageReturn = 13;

/**
 * Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * lines end with `\r\n`, `\n` or `\r`, and an empty line ends an event.
 */
export class SseFrameEnds implements FrameEnds {
  /** The bytes so far end a line (or none came yet): a line end next is an empty line. */
  private atLineStart = true;
  /** The last byte was a `\r`: a `\n` next belongs to it. */
  private afterCarriageReturn = false;
  /** That `\r` ended a frame: its `\n` extends the frame. */
  private carriageReturnEndedFrame = false;

  find(bytes: Buffer): FoundEnds {
    const ends: number[] = [];
    let carried = 0;
    const length = bytes.length;
    // An empty chunk leaves every state as it was (a `\r` may still wait for its `\n`).
    if (length === 0) return { carried, ends };
    let index = 0;
    if (this.afterCarriageReturn && bytes[0] === lineFeed) {
      if (this.carriageReturnEndedFrame) carried = 1;
      index = 1;
    }
    this.afterCarriageReturn = false;
    // Most servers end lines with `\n` only: then native `indexOf` finds each line end.
    if (!bytes.includes(carriageReturn, index)) {
      // A line that began in an earlier chunk and did not end there has content.
      let lineHasContent = !this.atLineStart;
      for (let end = bytes.indexOf(lineFeed, index); end !== -1; end = bytes.indexOf(lineFeed, end + 1)) {
        if (end === index && !lineHasContent) ends.push(end + 1);
        lineHasContent = false;
        index = end + 1;
      }
      this.atLineStart = index === length;
      return { carried, ends };
    }
    for (; index < length; index++) {
      const byte = bytes[index];
      if (byte === lineFeed && this.afterCarriageReturn) {
        // The `\n` of a `\r\n`: the line already ended at the `\r`.
        this.afterCarriageReturn = false;
        if (this.carriageReturnEndedFrame) ends[ends.length - 1] = index + 1;
        continue;
      }
      this.afterCarriageReturn = byte === carriageReturn;
      if (byte === lineFeed || byte === carriageReturn) {
        this.carriageReturnEndedFrame = this.atLineStart && byte === carriageReturn;
        if (this.atLineStart) ends.push(index + 1);
        this.atLineStart = true;
      } else this.atLineStart = false;
    }
    return { carried, ends };
  }

  lastEnd(bytes: Buffer): number {
    const length = bytes.length;
    if (length === 0) return 0;
    // Most servers end lines with `\n` only. Then the last `\n\n` ends the last frame (its second
    // `\n` is an empty line whatever came before it), and no frame ends after it without a `\r`;
    // a chunk without one may still end a frame with its first byte, an empty line after the last.
    if (!this.afterCarriageReturn) {
      const pair = bytes.lastIndexOf('\n\n');
      if (!bytes.includes(carriageReturn, pair === -1 ? 0 : pair)) {
        const leading = this.atLineStart && bytes[0] === lineFeed;
        this.atLineStart = bytes[length - 1] === lineFeed;
        return pair !== -1 ? pair + 2 : leading ? 1 : 0;
      }
    }
    const { carried, ends } = this.find(bytes);
    return ends.length > 0 ? ends[ends.length - 1]! : carried;
  }
}

/** One JSON object per line (Ollama): every `\n` ends a frame. */
export class NdjsonFrameEnds implements FrameEnds {
  find(bytes: Buffer): FoundEnds {
    const ends: number[] = [];
    for (let end = bytes.indexOf(lineFeed); end !== -1; end = bytes.indexOf(lineFeed, end + 1)) ends.push(end + 1);
    return { carried: 0, ends };
  }

  lastEnd(bytes: Buffer): number {
    return bytes.lastIndexOf(lineFeed) + 1;
  }
}
