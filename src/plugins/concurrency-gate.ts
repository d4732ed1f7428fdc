/**
 * At most `limit` holders at once; the rest wait in order. A waiter whose signal fires leaves
 * the queue, so a cancelled call never takes a slot. The limit can change while calls hold slots
 * (a configuration reload): the holders keep theirs, and the new limit counts them.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private limit: number) {}

  get currentLimit(): number {
    return this.limit;
  }

  /** A raised limit lets waiters in at once; a lowered one takes effect as holders leave. */
  setLimit(limit: number): void {
    this.limit = limit;
    while (this.running < this.limit) {
      const next = this.waiting.shift();
      if (next === undefined) break;
      this.running++;
      next();
    }
  }

  async acquire(signal: AbortSignal): Promise<() => void> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          signal.removeEventListener('abort', leave);
          resolve();
        };
        const leave = () => {
          const index = this.waiting.indexOf(turn);
          if (index !== -1) this.waiting.splice(index, 1);
          reject(signal.reason);
        };
        if (signal.aborted) return reject(signal.reason);
        this.waiting.push(turn);
        signal.addEventListener('abort', leave, { once: true });
      });
    } else this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Past a lowered limit, the slot closes rather than passing on.
      const next = this.running > this.limit ? undefined : this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays as it is.
      if (next !== undefined) next();
      else this.running--;
    };
  }
}
