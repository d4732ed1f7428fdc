import type { AssistantPart } from '../interlingua/content.js';
import type { StreamEvent } from '../interlingua/stream-event.js';

/**
 * The text a model wrote, as far as it came: what its output tokens are estimated from when the
 * upstream never said how many there were. `scale` (1 unless given) stands for text that was seen
 * but not kept, as a multiple of the text given.
 */
export interface OutputSoFar {
  texts: readonly string[];
  scale?: number;
}

/** Adds what an event wrote (text, reasoning, a tool's name and arguments) to `texts`. */
export function collectOutputText(event: StreamEvent, texts: string[]): void {
  switch (event.type) {
    case 'text-delta':
    case 'reasoning-delta':
    case 'tool-call-delta':
      texts.push(event.delta);
      return;
    case 'tool-call-start':
      texts.push(event.name);
      return;
    default:
      return;
  }
}

/**
 * Text written so far, kept up to `limit` characters (a long answer's worth: estimating needs no
 * more, and a stream's text must not all stay in memory while it lasts); what comes after is
 * only measured, and stands in `scale`.
 */
export class KeptText {
  private readonly texts: string[] = [];
  private kept = 0;
  private unkept = 0;

  constructor(private readonly limit = 256 * 1024) {}

  /** Keeps what an event wrote (collectOutputText). */
  observe(event: StreamEvent): void {
    if (this.kept >= this.limit) {
      const before = this.texts.length;
      collectOutputText(event, this.texts);
      for (const text of this.texts.splice(before)) this.unkept += text.length;
      return;
    }
    const before = this.texts.length;
    collectOutputText(event, this.texts);
    for (let index = before; index < this.texts.length; index += 1) this.kept += this.texts[index]!.length;
  }

  soFar(): OutputSoFar {
    return { texts: this.texts, scale: this.kept === 0 ? 1 : (this.kept + this.unkept) / this.kept };
  }
}

/** The text of a whole answer's parts. */
export function outputTextOf(parts: readonly AssistantPart[]): OutputSoFar {
  const texts: string[] = [];
  for (const part of parts) {
    if (part.type === 'text' || part.type === 'reasoning') texts.push(part.text);
    else if (part.type === 'tool-call') texts.push(part.name, part.arguments);
  }
  return { texts };
}
