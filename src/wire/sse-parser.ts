import type { StreamFrame } from '../interlingua/dialect.js';
import { frameTooLong, maxFrameBytes } from './size-limits.js';

/**
 * Incremental Server-Sent Events parser (https://html.spec.whatwg.org/multipage/server-sent-events.html):
 * text chunks in, complete frames out. Handles `\r\n`, `\r` and `\n` line ends split across
 * chunks, comment lines, multi-line `data`, and ignores `id:` / `retry:`.
 *
 * Its cost is linear in the text pushed, however it is cut: a line that has not ended is kept in
 * the pieces it came in and only the new text is searched for its end, so a long line (an image
 * in one event) arriving in many small chunks is neither rescanned nor copied per chunk. A frame
 * (its data lines and the line not ended yet) longer than `maxFrameLength` characters throws an
 * `upstream_error`: the upstream is sending something no decoder could use, and holding it would
 * grow without bound.
 */
export class SseParser {
  /** The start of a line that has not ended yet, in the pieces it came in; joined once, when it ends. */
  private pending: string[] = [];
  private pendingLength = 0;
  private eventName: string | undefined;
  /** The frame's one `data` line, as almost every frame has; more go to `moreData`, joined at dispatch. */
  private data: string | undefined;
  private moreData: string[] | undefined;
  /** Characters of `data` lines in the frame so far. */
  private frameLength = 0;
  /** A `\r` ended the last chunk: a following `\n` belongs to it. */
  private pendingCarriageReturn = false;

  constructor(private readonly maxFrameLength: number = maxFrameBytes) {}

  /** Throws an `upstream_error` once a frame grows past `maxFrameLength`. */
  push(chunk: string): StreamFrame[] {
    const frames: StreamFrame[] = [];
    // An empty chunk (a decoder holding back part of a character) must not lose a pending `\r`.
    if (chunk.length === 0) return frames;
    let text = chunk;
    if (this.pendingCarriageReturn && text.charCodeAt(0) === 10) text = text.slice(1);
    this.pendingCarriageReturn = false;
    let buffer = text;
    // Where line ends may be: the pending start of a line has none.
    let scanFrom = 0;
    if (this.pendingLength > 0) {
      if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) {
        this.hold(text);
        return frames;
      }
      scanFrom = this.pendingLength;
      this.pending.push(text);
      buffer = this.pending.join('');
      this.pending = [];
      this.pendingLength = 0;
    }
    let start = 0;
    // Line ends are found with indexOf (native, fast); `\r` is rare, so its position is kept
    // and only looked up again once the scan has passed it.
    let carriageReturn = buffer.indexOf('\r', scanFrom);
    for (;;) {
      if (carriageReturn !== -1 && carriageReturn < start) carriageReturn = buffer.indexOf('\r', start);
      const lineFeed = buffer.indexOf('\n', start > scanFrom ? start : scanFrom);
      const isCarriageReturn = carriageReturn !== -1 && (lineFeed === -1 || carriageReturn < lineFeed);
      const end = isCarriageReturn ? carriageReturn : lineFeed;
      if (end === -1) break;
      this.takeLine(buffer, start, end, frames);
      if (!isCarriageReturn) start = end + 1;
      else if (end + 1 === buffer.length) {
        this.pendingCarriageReturn = true;
        start = end + 1;
      } else start = end + (buffer.charCodeAt(end + 1) === 10 ? 2 : 1);
    }
    if (start < buffer.length) this.hold(start === 0 ? buffer : buffer.slice(start));
    return frames;
  }

  /** Keeps the start of a line that has not ended; past the frame limit, the stream is refused. */
  private hold(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.frameLength + this.pendingLength > this.maxFrameLength) throw frameTooLong('event', this.maxFrameLength);
  }

  /** The stream closed: a last frame without its blank line still counts. */
  end(): StreamFrame[] {
    const frames: StreamFrame[] = [];
    if (this.pendingLength > 0) {
      const line = this.pending.join('');
      this.pending = [];
      this.pendingLength = 0;
      this.takeLine(line, 0, line.length, frames);
    }
    this.dispatch(frames);
    return frames;
  }

  /**
   * The line `text[start, end)`, read where it lies: a frame's lines are cut out of the chunk once,
   * as the field's value, and no copy of the line or its field name is made.
   */
  private takeLine(text: string, start: number, end: number, frames: StreamFrame[]): void {
    if (start === end) {
      this.dispatch(frames);
      return;
    }
    if (text.charCodeAt(start) === 58 /* ':' comment */) return;
    const fieldEnd = colonOrEnd(text, start, end);
    let valueStart = fieldEnd === end ? end : fieldEnd + 1;
    if (valueStart < end && text.charCodeAt(valueStart) === 32) valueStart += 1;
    if (isField(text, start, fieldEnd, 'data')) this.addData(text.slice(valueStart, end));
    else if (isField(text, start, fieldEnd, 'event')) this.eventName = text.slice(valueStart, end);
  }

  private addData(value: string): void {
    this.frameLength += value.length;
    if (this.frameLength > this.maxFrameLength) throw frameTooLong('event', this.maxFrameLength);
    if (this.data === undefined) this.data = value;
    else (this.moreData ??= []).push(value);
  }

  private dispatch(frames: StreamFrame[]): void {
    if (this.data !== undefined) {
      const frame: StreamFrame = { data: this.moreData === undefined ? this.data : [this.data, ...this.moreData].join('\n') };
      if (this.eventName !== undefined && this.eventName !== '') frame.event = this.eventName;
      frames.push(frame);
    }
    this.data = undefined;
    this.moreData = undefined;
    this.frameLength = 0;
    this.eventName = undefined;
  }
}

/**
 * Where the field name of `text[start, end)` ends: at its first colon, else at the line's end. A
 * loop bounded by the line, not `indexOf`, which would scan on past the line for lines without one.
 */
function colonOrEnd(text: string, start: number, end: number): number {
  for (let index = start; index < end; index++) if (text.charCodeAt(index) === 58) return index;
  return end;
}

/** Whether `text[start, end)` is exactly `name`. */
function isField(text: string, start: number, end: number, name: string): boolean {
  return end - start === name.length && text.startsWith(name, start);
}

/** One SSE frame as wire text. `data` must not contain newlines (JSON.stringify output never does). */
export function formatSseFrame(data: string, event?: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}
