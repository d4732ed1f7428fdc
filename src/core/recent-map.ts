/**
 * A map of at most `limit` entries that forgets those not set for a while. For state kept by a
 * name a caller can choose: a model may be addressed as `<provider>/<anything>` or through a
 * provider's globs, and what is kept per deployment or per upstream URL must not grow with every
 * name sent.
 *
 * Entries live in two generations of `limit / 2`: a set goes to the newer, and when it is full it
 * becomes the older and the older is dropped. So every entry set among the last `limit / 2`
 * distinct keys is kept. A key set again while in the newer generation is updated in place: the
 * names in use on every request (a configured deployment's latency) cost one `Map.set`, where
 * moving them to the end of one ordered map (delete, then set) cost a rehash every few requests.
 */
export class RecentMap<K, V> {
  private newer = new Map<K, V>();
  private older = new Map<K, V>();
  private readonly generation: number;

  constructor(readonly limit: number) {
    this.generation = Math.max(1, Math.floor(limit / 2));
  }

  get size(): number {
    return this.newer.size + this.older.size;
  }

  get(key: K): V | undefined {
    return this.newer.has(key) ? this.newer.get(key) : this.older.get(key);
  }

  has(key: K): boolean {
    return this.newer.has(key) || this.older.has(key);
  }

  set(key: K, value: V): void {
    if (this.newer.has(key)) {
      this.newer.set(key, value);
      return;
    }
    this.older.delete(key);
    this.newer.set(key, value);
    if (this.newer.size < this.generation) return;
    this.older = this.newer;
    this.newer = new Map();
  }

  delete(key: K): boolean {
    const inNewer = this.newer.delete(key);
    return this.older.delete(key) || inNewer;
  }

  /** The keys kept, the older generation's first. */
  *keys(): IterableIterator<K> {
    yield* this.older.keys();
    yield* this.newer.keys();
  }

  clear(): void {
    this.newer.clear();
    this.older.clear();
  }
}
