import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { FinishReason } from '../../interlingua/finish-reason.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { generateId } from '../../core/ids.js';
import { maxAnswerBytes } from '../../wire/size-limits.js';

/** How an answer ended: silence, the deadline or the size bound (cut), a failure, or the caller leaving. */
export type BotAnswerEnd = 'quiet' | 'deadline' | 'too-large' | 'failed' | 'cancelled';

/**
 * One caller's request waiting for a bot application's messages, as interlingua events. OneBot
 * has no end-of-answer marker, so the answer ends after `quietMs` without a new message. The
 * whole answer must be over `timeoutMs` after the request reached the bot: a bot that says nothing
 * by then is a timeout, and one that is still talking (a message each `quietMs` or sooner, for
 * ever) is cut there, with what it said so far and finish reason `length`, as a model that reached
 * its token limit: a chatty bot must not hold the caller's answer, its stream and this memory open.
 * For the same reason an answer is cut, likewise, before a message that would take it past
 * `maxBytes` of text (an HTTP upstream's whole answer is bounded alike: `maxAnswerBytes`).
 */
export class BotAnswer {
  private readonly textId = 'text-0';
  private readonly queued: StreamEvent[][] = [];
  private wake: (() => void) | undefined;
  private opened = false;
  private ended = false;
  private readonly deadline: NodeJS.Timeout;
  private quiet: NodeJS.Timeout | undefined;
  private messages = 0;
  private bytes = 0;

  constructor(
    private readonly model: string,
    private readonly quietMs: number,
    timeoutMs: number,
    private readonly onEnd: (end: BotAnswerEnd) => void,
    private readonly maxBytes = maxAnswerBytes,
  ) {
    this.deadline = setTimeout(() => {
      if (this.messages > 0) return this.finish({ unified: 'length', raw: 'timeout' }, 'deadline');
      this.fail(new InterlinguaError('upstream_timeout', `the bot application ${model} sent no message within ${timeoutMs} ms`, { retryable: true }));
    }, timeoutMs);
  }

  /** One `send_message` of the bot: a delta of the answer. Messages after the first start on a new line. */
  message(text: string): void {
    if (this.ended) return;
    this.bytes += Buffer.byteLength(text) + 1;
    if (this.bytes > this.maxBytes) return this.finish({ unified: 'length', raw: 'size' }, 'too-large');
    const events = this.open();
    const delta = this.messages === 0 ? text : `\n${text}`;
    this.messages++;
    if (delta !== '') events.push({ type: 'text-delta', id: this.textId, delta });
    this.push(events);
    clearTimeout(this.quiet);
    this.quiet = setTimeout(() => this.finish({ unified: 'stop', raw: 'quiet' }, 'quiet'), this.quietMs);
  }

  fail(error: InterlinguaError): void {
    if (this.ended) return;
    const interrupted = this.opened ? new InterlinguaError('stream_interrupted', `The bot application's answer broke off: ${error.message}`, { cause: error }) : error;
    this.close([{ type: 'error', error: interrupted }], 'failed');
  }

  /** The caller went away. */
  cancel(): void {
    this.close([], 'cancelled');
  }

  async *batches(): AsyncGenerator<StreamEvent[], undefined> {
    try {
      for (;;) {
        const batch = this.queued.shift();
        if (batch !== undefined) {
          yield batch;
          continue;
        }
        if (this.ended) return undefined;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      this.cancel();
    }
  }

  private finish(finishReason: FinishReason, end: BotAnswerEnd): void {
    this.close([...this.open(), { type: 'text-end', id: this.textId }, { type: 'finish', finishReason, usage: {} }], end);
  }

  private open(): StreamEvent[] {
    if (this.opened) return [];
    this.opened = true;
    return [{ type: 'response-start', id: generateId('onebot-'), model: this.model }, { type: 'text-start', id: this.textId }];
  }

  private close(events: StreamEvent[], end: BotAnswerEnd): void {
    if (this.ended) return;
    clearTimeout(this.deadline);
    clearTimeout(this.quiet);
    if (events.length > 0) this.push(events);
    this.ended = true;
    this.wake?.();
    this.onEnd(end);
  }

  private push(events: StreamEvent[]): void {
    this.queued.push(events);
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
