import type { EventEmitter } from 'node:events';
import type { Cancellation } from '../../gateway/cancellation.js';
import type { ChatHubReply } from './wire-types.js';

/** What the answer may run ahead of the last reply sent, whatever that reply's length, before the upstream is made to wait. */
const smallestBacklog = 64 * 1024;

/**
 * The replies of a ChatHub `StreamingChat`. Each reply is the whole answer so far (proto/aihub/chat.proto
 * has one `response` field, and the seed's server sends the whole text every time), so a reply not yet
 * sent is worthless once a longer one exists: only the latest text goes out, at most once per turn of
 * the event loop and once per `drain` of a client that fell behind. A client that keeps up still sees
 * every delta that came on its own; one that cannot is sent fewer, longer replies. Sending one reply
 * per delta made traffic and CPU grow with the square of the answer: a 128 KiB answer in 32-byte
 * deltas sent 244 MiB.
 *
 * While the client is behind, the upstream is read on until the text waiting is as long as the last
 * reply sent (and at least `smallestBacklog`); only then does `offer` make the caller wait for `drain`,
 * so a client that reads nothing still holds the upstream back, and the text held meanwhile stays
 * within twice what was sent.
 */
export class LatestReplies {
  /** The latest text, while it has not been sent. */
  private unsent: string | undefined;
  private sentLength = 0;
  /** A send that waits for the end of this turn, or for the client to drain. */
  private sending: Promise<void> | undefined;

  /**
   * `drained` waits for the client to take more; by default for as long as the call lasts, but the
   * service bounds it (stalled-callers.ts), so that a client that stops reading is cut.
   */
  constructor(
    private readonly call: EventEmitter & { write(reply: ChatHubReply): boolean },
    private readonly cancellation: Cancellation,
    private readonly drained: () => Promise<void> = () => cancellation.drained(call),
  ) {}

  /** The answer so far. Resolves at once unless the client is so far behind that the upstream must wait for it. */
  offer(text: string): Promise<void> {
    this.unsent = text;
    if (this.sending === undefined) {
      this.sending = this.sendSoon();
      return Promise.resolve();
    }
    const backlog = text.length - this.sentLength;
    return backlog > Math.max(this.sentLength, smallestBacklog) ? this.sending : Promise.resolve();
  }

  /** Sends the last text, once any send under way is done: the final reply always goes out. */
  async finish(): Promise<void> {
    while (this.sending !== undefined) await this.sending;
    if (this.unsent !== undefined && !this.cancellation.aborted) this.send(this.unsent);
  }

  private async sendSoon(): Promise<void> {
    // The deltas already read from the upstream come in this turn: they go out as one reply.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.unsent !== undefined && !this.cancellation.aborted) {
      if (this.send(this.unsent)) break;
      await this.drained();
    }
    this.sending = undefined;
  }

  private send(text: string): boolean {
    this.unsent = undefined;
    this.sentLength = text.length;
    return this.call.write({ response: text });
  }
}
