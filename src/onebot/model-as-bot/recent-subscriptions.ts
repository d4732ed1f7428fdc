/**
 * Subscriptions held for the chats that spoke last, at most `limit`, each ended when its chat is
 * forgotten. A bot listens for the later results (async plugins) of every chat it answers, and
 * the chats are whoever writes to it, so holding one listener per chat forever would grow the
 * result broadcast with every new sender.
 *
 * Kept as `RecentMap` keeps its entries (src/core/recent-map.ts): two generations of `limit / 2`;
 * a chat kept again moves to the newer, and when that is full the older is dropped, here with
 * every subscription in it ended. So every chat answered among the last `limit / 2` distinct
 * chats is listening. A forgotten chat's results are not lost: the inbox keeps them for its next
 * turn, which also subscribes it again.
 */
export class RecentSubscriptions {
  private newer = new Map<string, () => void>();
  private older = new Map<string, () => void>();
  private readonly generation: number;

  constructor(readonly limit: number) {
    this.generation = Math.max(1, Math.floor(limit / 2));
  }

  get size(): number {
    return this.newer.size + this.older.size;
  }

  /** Keeps `key` among the recent, subscribing through `subscribe` (which returns the unsubscribe) when it holds none. */
  keep(key: string, subscribe: () => () => void): void {
    if (this.newer.has(key)) return;
    const held = this.older.get(key);
    this.older.delete(key);
    this.newer.set(key, held ?? subscribe());
    if (this.newer.size < this.generation) return;
    for (const unsubscribe of this.older.values()) unsubscribe();
    this.older = this.newer;
    this.newer = new Map();
  }

  /** Ends every subscription. */
  clear(): void {
    for (const unsubscribe of this.older.values()) unsubscribe();
    for (const unsubscribe of this.newer.values()) unsubscribe();
    this.older.clear();
    this.newer.clear();
  }
}
