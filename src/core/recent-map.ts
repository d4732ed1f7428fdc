/**
 * A `Map` of at most `limit` entries that forgets the one set longest ago. For state kept by a
 * name a caller can choose: a model may be addressed as `<provider>/<anything>` or through a
 * provider's globs, and what is kept per deployment or per upstream URL must not grow with every
 * name sent. A `Map` keeps insertion order, so setting a key again moves it to the end, and the
 * first key is the one set longest ago.
 */
export class RecentMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size <= this.limit) return;
    const oldest = this.entries.keys().next();
    if (oldest.done !== true) this.entries.delete(oldest.value);
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  keys(): IterableIterator<K> {
    return this.entries.keys();
  }

  clear(): void {
    this.entries.clear();
  }
}
