import type { ServerResponse } from 'node:http';

/**
 * Sends what is written to a caller within one turn of the event loop in one system call.
 *
 * node:http holds a response's writes until the next tick. A stream's last chunk and its end reach
 * the gateway a tick apart (a readable announces its end on a tick of its own), so the chunked
 * terminator left in a write of its own, and a relayed stream's headers, flushed before its first
 * chunk, in another: three writes, each waking the caller's reader, where a proxy needs one.
 * Holding the socket until the turn's check phase (`setImmediate`) lets them leave together;
 * `response.end()` sends whatever is held at once.
 */
export class TurnWrites {
  private release: NodeJS.Immediate | undefined;

  constructor(private readonly response: ServerResponse) {}

  /** Called before each write: the socket stays corked until this turn ends or the response does. */
  hold(): void {
    if (this.release !== undefined) return;
    this.response.cork();
    this.release = setImmediate(this.uncork);
  }

  /** After `response.end()` nothing is held, and the socket may be corked for its next response: left alone. */
  private readonly uncork = (): void => {
    this.release = undefined;
    if (!this.response.destroyed && !this.response.writableEnded) this.response.uncork();
  };
}
