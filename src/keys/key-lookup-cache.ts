import type { GatewayKey } from './gateway-key.js';

/** One looked-up hash: the key it names (undefined: none), when it was read, and until when it is trusted without asking again. */
export interface KeyLookup {
  key: GatewayKey | undefined;
  readAt: number;
  until: number;
  /** Set by a change told to this replica (not read from the store): a read begun before it does not replace it. */
  applied?: boolean;
}

/** Most keys the store holds that are kept (revoked ones included: what a flood of made-up keys cannot grow). */
export const knownKeysLimit = 10_000;
/** Most hashes that named no key: any caller can make up as many as it likes, so they have a bound of their own. */
export const unknownKeysLimit = 1_000;

/**
 * Key lookups by hash, least recently looked up first out, in two bounds: hashes of keys the
 * store holds, and hashes that named none. A flood of made-up bearer tokens once filled one
 * cache of 10,000 and cleared it whole, taking every valid key with it; the next database
 * outage then refused every caller (503). Now made-up tokens only push out one another.
 *
 * Order is kept by `Map`'s insertion order: an entry is moved to the end when it is stored
 * (each look-up, every few seconds for a key in use), not on each read, so the hot path stays a
 * single `get`.
 */
export class KeyLookupCache {
  private readonly known = new Map<string, KeyLookup>();
  private readonly unknown = new Map<string, KeyLookup>();

  constructor(
    private readonly knownLimit = knownKeysLimit,
    private readonly unknownLimit = unknownKeysLimit,
  ) {}

  get(hash: string): KeyLookup | undefined {
    return this.known.get(hash) ?? this.unknown.get(hash);
  }

  set(hash: string, lookup: KeyLookup): void {
    this.known.delete(hash);
    this.unknown.delete(hash);
    const [entries, limit] = lookup.key === undefined ? [this.unknown, this.unknownLimit] : [this.known, this.knownLimit];
    entries.set(hash, lookup);
    if (entries.size > limit) {
      const oldest = entries.keys().next();
      if (oldest.done !== true) entries.delete(oldest.value);
    }
  }

  /** Every entry is to be looked up again, but kept to fall back on while the store is away. */
  expireAll(): void {
    for (const entries of [this.known, this.unknown]) for (const lookup of entries.values()) lookup.until = 0;
  }

  get size(): { known: number; unknown: number } {
    return { known: this.known.size, unknown: this.unknown.size };
  }
}
