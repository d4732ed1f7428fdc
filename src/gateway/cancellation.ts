import { EventEmitter } from 'node:events';

/**
 * Fires once when the caller goes away. undici accepts an EventEmitter as a request's `signal`,
 * and building one costs a fraction of an `AbortController` with its `AbortSignal`, which the
 * profile showed on every request.
 */
export class Cancellation extends EventEmitter {
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
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
}
