import type { Writable } from 'node:stream';

/**
 * A command's standard output when it may be piped into a reader that stops early
 * (`interlingua usage --json | head -1`). Writing to a pipe whose reader has closed fails with
 * EPIPE, emitted as an `error` event on stdout; unheard, it ends Node with a stack trace and exit
 * code 1 ("If no listener is registered, the error will be thrown":
 * https://nodejs.org/api/events.html#error-events; "EPIPE (Broken pipe): A write on a pipe, socket,
 * or FIFO for which there is no process to read the data":
 * https://nodejs.org/api/errors.html#common-system-errors). Unix tools stop quietly then, so the
 * command ends with what it has written, exit 0. Any other write error (a full disk under
 * `> file`) is the command's failure and is thrown.
 *
 * The stream's `errored` is read as well as its `error` event: the stream records the error at
 * once but emits it on a later tick, and a loop whose reads resolve as microtasks would otherwise
 * write on long after the reader left. `write` waits for `drain` when the buffer is full, so a
 * slow reader holds the command back instead of its output piling up in memory
 * (https://nodejs.org/api/stream.html#event-drain).
 */
export class PipedOutput {
  private failure: Error | undefined;
  private readerGone = false;

  constructor(private readonly out: Writable) {
    out.on('error', (error: Error) => this.settle(error));
  }

  /** Whether the reader has gone: nothing more is worth writing. */
  get closed(): boolean {
    this.check();
    return this.readerGone;
  }

  /** Writes `text`, waiting while the buffer is full; false once the reader has gone. */
  async write(text: string): Promise<boolean> {
    if (this.closed) return false;
    if (!this.out.write(text) && !this.closed) await this.drained();
    return !this.closed;
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.out.off('drain', done).off('close', done).off('error', done);
        resolve();
      };
      this.out.on('drain', done).on('close', done).on('error', done);
    });
  }

  /** Takes in an error the stream holds, and throws it unless it says the reader has gone. */
  private check(): void {
    const errored = this.out.errored;
    if (errored !== null && errored !== undefined) this.settle(errored);
    if (this.failure !== undefined) throw this.failure;
  }

  private settle(error: Error): void {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') this.readerGone = true;
    else this.failure ??= error;
  }
}
