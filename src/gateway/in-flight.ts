import type { Cancellation } from './cancellation.js';

/**
 * Counts work being handled — HTTP requests, gRPC calls, OneBot turns — so a shutdown can wait
 * for it, and cuts what is still running at the drain deadline. A cut aborts each request's
 * cancellation with reason `shutdown`: the request then ends as if its caller had gone (upstream
 * aborted, usage recorded from what was seen so far), and the shutdown waits for that record
 * before the store closes.
 */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];
  /**
   * Who is told of a cut, as a doubly linked list: every request joins and leaves it, and a
   * `Set` whose entries come and go that often rehashes every few requests.
   */
  private cutListeners: CutListener | undefined;
  private isCut = false;

  begin(): void {
    this.count++;
  }

  end(): void {
    this.count--;
    if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  get size(): number {
    return this.count;
  }

  /** True once `cut` was called: whatever starts now is cut at once. */
  get cutting(): boolean {
    return this.isCut;
  }

  /** Resolves when none is in flight, or after `deadlineMs` whatever remains. */
  drained(deadlineMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, deadlineMs);
      const waiters = this.waiters;
      function done() {
        clearTimeout(timer);
        const index = waiters.indexOf(done);
        if (index !== -1) waiters.splice(index, 1);
        resolve();
      }
      this.waiters.push(done);
    });
  }

  /** Calls `listener` when the in-flight work is cut (at once if it already was); returns the unsubscribe. */
  whenCut(listener: () => void): () => void {
    if (this.isCut) {
      listener();
      return () => {};
    }
    const link: CutListener = { listener, previous: undefined, next: this.cutListeners };
    if (this.cutListeners !== undefined) this.cutListeners.previous = link;
    this.cutListeners = link;
    return () => this.unlink(link);
  }

  private unlink(link: CutListener): void {
    if (link.previous !== undefined) link.previous.next = link.next;
    else if (this.cutListeners === link) this.cutListeners = link.next;
    else return; // already out of the list
    if (link.next !== undefined) link.next.previous = link.previous;
    link.previous = undefined;
    link.next = undefined;
  }

  /** Ties a request's cancellation to the cut; returns the untie, for when the request is over. */
  cancelOnCut(cancellation: Cancellation): () => void {
    return this.whenCut(() => cancellation.abort('shutdown'));
  }

  /** Counts `work` as in flight and cancels it on a cut, until it settles. */
  async run<T>(cancellation: Cancellation, work: () => Promise<T>): Promise<T> {
    this.begin();
    const untie = this.cancelOnCut(cancellation);
    try {
      return await work();
    } finally {
      untie();
      this.end();
    }
  }

  /** The drain deadline passed: cancels everything still running, with reason `shutdown`. */
  cut(): void {
    if (this.isCut) return;
    this.isCut = true;
    const listeners: Array<() => void> = [];
    for (let link = this.cutListeners; link !== undefined; link = link.next) listeners.push(link.listener);
    this.cutListeners = undefined;
    // In the order they joined.
    for (const listener of listeners.reverse()) listener();
  }
}

interface CutListener {
  listener: () => void;
  previous: CutListener | undefined;
  next: CutListener | undefined;
}
