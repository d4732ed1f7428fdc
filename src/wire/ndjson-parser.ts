import type { StreamFrame } from '../interlingua/dialect.js';

/** Incremental newline-delimited JSON framer: text chunks in, one frame per non-empty line out. */
export class NdjsonParser {
  private buffer = '';

  push(chunk: string): StreamFrame[] {
    this.buffer += chunk;
    const frames: StreamFrame[] = [];
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline).trim();
      if (line.length > 0) frames.push({ data: line });
      this.buffer = this.buffer.slice(newline + 1);
      newline = this.buffer.indexOf('\n');
    }
    return frames;
  }

  end(): StreamFrame[] {
    const line = this.buffer.trim();
    this.buffer = '';
    return line.length > 0 ? [{ data: line }] : [];
  }
}
