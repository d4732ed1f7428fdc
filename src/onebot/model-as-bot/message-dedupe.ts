import { hash } from 'node:crypto';

/** Keys longer than this are kept as their SHA-256 digest. */
const longestKeptKey = 256;

/**
 * Remembers the last message ids seen per bot, so a message delivered again after a reconnect
 * (implementations may replay, and the same message can arrive over two connections) is answered
 * once. Bounded: the oldest ids are forgotten first, and a long id (a peer chooses its ids, and
 * 10,000 ids of 1 MiB each were 10 GB) is kept as its digest.
 */
export class MessageDedupe {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  /** True the first time a (bot, message id) pair is seen. */
  firstTime(botKey: string, messageId: string): boolean {
    const whole = `${botKey}\u0000${messageId}`;
    const key = whole.length <= longestKeptKey ? whole : hash('sha256', whole, 'base64');
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
