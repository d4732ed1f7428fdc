import type { StreamEncoder } from '../interlingua/dialect.js';
import type { StreamEvent } from '../interlingua/stream-event.js';

/**
 * Gemini's `:streamGenerateContent` without `alt=sse` streams one JSON array whose elements
 * arrive one by one (`[{…}\n,\r\n{…}\n]`, https://ai.google.dev/api/generate-content). This
 * wraps an encoder that writes `data: <json>\n\n` frames and re-frames each payload as the
 * array's next element, so the dialect keeps one encoder for both framings.
 */
export class JsonArrayFraming implements StreamEncoder {
  private opened = false;
  private closed = false;

  constructor(private readonly inner: StreamEncoder) {}

  encode(event: StreamEvent): string {
    if (this.closed) return '';
    let text = '';
    for (const payload of dataPayloads(this.inner.encode(event))) {
      text += this.opened ? `,\r\n${payload}\n` : `[${payload}\n`;
      this.opened = true;
    }
    if (event.type === 'finish' || event.type === 'error') {
      this.closed = true;
      text += this.opened ? ']' : '[]';
    }
    return text;
  }
}

/** The `data:` payloads of SSE text written by an encoder (one line each, as JSON.stringify writes). */
function dataPayloads(sse: string): string[] {
  const payloads: string[] = [];
  for (const line of sse.split('\n')) {
    if (line.startsWith('data: ')) payloads.push(line.slice(6));
  }
  return payloads;
}
