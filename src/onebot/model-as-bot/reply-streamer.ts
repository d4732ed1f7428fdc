import type { ReplySender } from './reply-sender.js';
import { SentenceChunker } from './sentence-chunker.js';

/**
 * How a streamed answer reaches a chat on a protocol without streaming:
 * - `whole`: one reply when the model has finished;
 * - `sentences`: each sentence as its own message as soon as it is complete, a typewriter
 *   effect in sentence steps;
 * - `edit`: the first sentence as a message that is then edited to grow, through an
 *   implementation's edit extension action; a message that would pass the length limit
 *   starts a new one.
 */
export type ReplyMode = 'whole' | 'sentences' | 'edit';

export class ReplyStreamer {
  private readonly chunker = new SentenceChunker(8);
  private whole = '';
  private shown: string | undefined;

  constructor(
    private readonly sender: ReplySender,
    private readonly mode: ReplyMode,
    private readonly maxMessageLength: number,
  ) {}

  /** Whether the model has written anything but whitespace so far. */
  get produced(): boolean {
    return this.whole.trim() !== '';
  }

  push(delta: string): void {
    this.whole += delta;
    if (this.mode === 'whole') return;
    for (const sentence of this.chunker.push(delta)) this.emit(sentence);
  }

  /** The whole answer's text, once everything is handed to the sender. */
  end(): string {
    if (this.mode === 'whole') void this.sender.send(this.whole.trim());
    else for (const sentence of this.chunker.end()) this.emit(sentence);
    return this.whole;
  }

  /**
   * The answer broke off: what was held back (the whole answer in `whole` mode, the unfinished
   * sentence otherwise) goes out with `note` after it, so the chat sees where it stopped rather
   * than sentences that look like a complete answer. In `edit` mode too this is a new message.
   */
  fail(note: string): void {
    const held = this.mode === 'whole' ? this.whole.trim() : this.chunker.end().join(' ');
    void this.sender.send(held === '' ? '' : `${held}…`, note);
  }

  private emit(sentence: string): void {
    if (this.mode === 'sentences') {
      void this.sender.send(sentence);
      return;
    }
    const grown = this.shown === undefined ? undefined : `${this.shown} ${sentence}`;
    if (grown !== undefined && Array.from(grown).length <= this.maxMessageLength) {
      this.shown = grown;
      void this.sender.editLast(grown);
    } else {
      this.shown = sentence;
      void this.sender.send(sentence);
    }
  }
}
