import { EventEmitter } from 'node:events';

/**
 * Why a request was cancelled: its caller went away, or the gateway cut it at the shutdown
 * drain deadline. Both take the same path (upstream aborted, usage recorded); the record says which.
 */
export type CancelReason = 'caller' | 'shutdown';

/**
 * Fires once when the caller goes away (or the gateway cuts the request at shutdown). undici accepts an EventEmitter as a request's `signal`,
 * and building one costs a fraction of an `AbortController` with its `AbortSignal`, which the
 * profile showed on every request.
 */
export class Cancellation extends EventEmitter {
  aborted = false;
  /** Set by the first `abort`; later ones change nothing. */
  reason: CancelReason | undefined;

  abort(reason: CancelReason = 'caller'): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }

  /** Waits `milliseconds`, or less if cancelled meanwhile. */
  sleep(milliseconds: number): Promise<void> {
    if (this.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.off('abort', done);
        resolve();
      };
      const timer = setTimeout(done, milliseconds);
      this.once('abort', done);
    });
  }

  /**
   * Waits until `writable` drains, or less if cancelled meanwhile. Both listeners go when either
   * fires: a stream waits for drain many times, and a listener left on each wait would pile up.
   */
  drained(writable: EventEmitter): Promise<void> {
    if (this.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        writable.off('drain', done);
        this.off('abort', done);
        resolve();
      };
      writable.once('drain', done);
      this.once('abort', done);
    });
  }
}
