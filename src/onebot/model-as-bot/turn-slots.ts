import type { Cancellation } from '../../gateway/cancellation.js';

/**
 * At most `limit` turns of one bot answering at once (`maxConcurrentTurns`). Each turn is a model
 * call, and a bot in many busy chats would otherwise start one per chat at the same moment: 300
 * users writing at once were 300 upstream calls at once. Turns past the bound wait, first come
 * first served, and start as others end; none is dropped. Within a chat turns already run one at
 * a time (chat-turns.ts), so waiting here keeps each chat's order.
 */
export class TurnSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  /** Turns answering now and turns waiting for a slot; read-only, for tests and diagnostics. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * Resolves with the release of a slot once one is free, or with `undefined` when `cancellation`
   * aborts first (the turn was stopped while it waited: it leaves the queue and takes no slot).
   */
  take(cancellation: Cancellation): Promise<(() => void) | undefined> {
    if (cancellation.aborted) return Promise.resolve(undefined);
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const start = () => {
        cancellation.off('abort', leave);
        this.running++;
        resolve(this.releaser());
      };
      const leave = () => {
        const index = this.waiting.indexOf(start);
        if (index !== -1) this.waiting.splice(index, 1);
        resolve(undefined);
      };
      this.waiting.push(start);
      cancellation.once('abort', leave);
    });
  }

  /** Frees the slot once, whatever calls it again, and hands it to the turn that waited longest. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.waiting.shift()?.();
    };
  }
}
