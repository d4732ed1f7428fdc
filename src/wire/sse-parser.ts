import type { StreamFrame } from '../interlingua/dialect.js';

/**
 * Incremental Server-Sent Events parser (https://html.spec.whatwg.org/multipage/server-sent-events.html):
 * text chunks in, complete frames out. Handles `\r\n`, `\r` and `\n` line ends split across
 * chunks, comment lines, multi-line `data`, and ignores `id:` / `retry:`.
 */
export class SseParser {
  private buffer = '';
  private eventName: string | undefined;
  private dataLines: string[] = [];
  /** A `\r` ended the last chunk: a following `\n` belongs to it. */
  private pendingCarriageReturn = false;

  push(chunk: string): StreamFrame[] {
    const frames: StreamFrame[] = [];
    let text = chunk;
    if (this.pendingCarriageReturn && text.charCodeAt(0) === 10) text = text.slice(1);
    this.pendingCarriageReturn = false;
    const buffer = this.buffer + text;
    let start = 0;
    // Line ends are found with indexOf (native, fast); `\r` is rare, so its position is kept
    // and only looked up again once the scan has passed it.
    let carriageReturn = buffer.indexOf('\r');
    for (;;) {
      if (carriageReturn !== -1 && carriageReturn < start) carriageReturn = buffer.indexOf('\r', start);
      const lineFeed = buffer.indexOf('\n', start);
      const isCarriageReturn = carriageReturn !== -1 && (lineFeed === -1 || carriageReturn < lineFeed);
      const end = isCarriageReturn ? carriageReturn : lineFeed;
      if (end === -1) break;
      const line = buffer.slice(start, end);
      if (!isCarriageReturn) start = end + 1;
      else if (end + 1 === buffer.length) {
        this.pendingCarriageReturn = true;
        start = end + 1;
      } else start = end + (buffer.charCodeAt(end + 1) === 10 ? 2 : 1);
      this.takeLine(line, frames);
    }
    this.buffer = start === buffer.length ? '' : buffer.slice(start);
    return frames;
  }

  /** The stream closed: a last frame without its blank line still counts. */
  end(): StreamFrame[] {
    const frames: StreamFrame[] = [];
    if (this.buffer.length > 0) this.takeLine(this.buffer, frames);
    this.buffer = '';
    this.dispatch(frames);
    return frames;
  }

  private takeLine(line: string, frames: StreamFrame[]): void {
    if (line.length === 0) {
      this.dispatch(frames);
      return;
    }
    if (line.charCodeAt(0) === 58 /* ':' comment */) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
  }

  private dispatch(frames: StreamFrame[]): void {
    if (this.dataLines.length > 0) {
      const frame: StreamFrame = { data: this.dataLines.join('\n') };
      if (this.eventName !== undefined && this.eventName !== '') frame.event = this.eventName;
      frames.push(frame);
    }
    this.dataLines = [];
    this.eventName = undefined;
  }
}

/** One SSE frame as wire text. `data` must not contain newlines (JSON.stringify output never does). */
export function formatSseFrame(data: string, event?: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}
