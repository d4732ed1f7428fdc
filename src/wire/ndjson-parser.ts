import type { StreamFrame } from '../interlingua/dialect.js';
import { frameTooLong, maxFrameBytes } from './size-limits.js';

/**
 * Incremental newline-delimited JSON framer: text chunks in, one frame per non-empty line out.
 * As SseParser does, it keeps a line that has not ended in the pieces it came in and searches only
 * new text for its end, so its cost is linear however the lines are cut; a line longer than
 * `maxFrameLength` characters throws an `upstream_error`.
 */
export class NdjsonParser {
  /** The start of a line that has not ended yet, in the pieces it came in; joined once, when it ends. */
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(private readonly maxFrameLength: number = maxFrameBytes) {}

  /** Throws an `upstream_error` once a line grows past `maxFrameLength`. */
  push(chunk: string): StreamFrame[] {
    const frames: StreamFrame[] = [];
    let newline = chunk.indexOf('\n');
    if (newline === -1) {
      this.hold(chunk);
      return frames;
    }
    let start = 0;
    if (this.pendingLength > 0) {
      this.pending.push(chunk.slice(0, newline));
      this.emit(this.takePending(), frames);
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    for (; newline !== -1; newline = chunk.indexOf('\n', start)) {
      this.emit(chunk.slice(start, newline), frames);
      start = newline + 1;
    }
    if (start < chunk.length) this.hold(chunk.slice(start));
    return frames;
  }

  end(): StreamFrame[] {
    const frames: StreamFrame[] = [];
    if (this.pendingLength > 0) this.emit(this.takePending(), frames);
    return frames;
  }

  private emit(text: string, frames: StreamFrame[]): void {
    if (text.length > this.maxFrameLength) throw frameTooLong('line', this.maxFrameLength);
    const line = text.trim();
    if (line.length > 0) frames.push({ data: line });
  }

  private hold(text: string): void {
    if (text.length === 0) return;
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength > this.maxFrameLength) throw frameTooLong('line', this.maxFrameLength);
  }

  private takePending(): string {
    const text = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    return text;
  }
}
