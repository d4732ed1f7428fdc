import { InterlinguaError } from '../interlingua/error.js';
import type { GatewayKey } from './gateway-key.js';
import { hashKey } from './key-material.js';
import type { KeyRecords } from './key-records.js';
import type { StoreAvailability } from '../store/store-availability.js';
import { isStoreOutage, StoreAwayError } from '../store/store-outage.js';
import { StoreDeadline } from '../store/store-deadline.js';
import { KeyLookupCache, type KeyLookup } from './key-lookup-cache.js';

/** How long a looked-up key (or its absence) is trusted before the store is asked again. */
const cacheMs = 5_000;
/**
 * How long after it was read a key may still be let in while the database is away. Changes made
 * through a gateway reach every replica at once over Redis (key-change-feed.ts); this bounds
 * what a missed one costs (Redis away too, no Redis, a change made by `interlingua keys`): past
 * it, a key that cannot be checked gets a 503 rather than a guess. Failovers and minor upgrades
 * take well under it; a revoked key stays refused whatever its age.
 */
export const staleKeyMaxMs = 15 * 60_000;

/**
 * Turns a presented key into the gateway key it names. With `required`, a missing, unknown,
 * revoked or expired key is refused (401). Without it the gateway stays open, as a single-user
 * local gateway should: SDKs always send some key, so an unknown one is let through as
 * anonymous; a known key still counts against its own limits and is refused once revoked or
 * expired. Lookups are cached for 5 seconds; a change made through any replica's admin API is
 * applied to this cache at once (`apply`).
 *
 * While the database is away a cached lookup is kept: a revoked key stays refused, and a known
 * key goes on working for up to `staleKeyMaxMs` after it was read. A key this replica has not
 * seen, or one read longer ago, cannot be checked then; it gets a 503 (`store_unavailable`),
 * never a guess.
 */
export class KeyAuthenticator {
  private readonly cache = new KeyLookupCache();
  /** A lookup is on the request's path: given up on after the store's deadline, a stalled database then counting as away. */
  private readonly deadline: StoreDeadline;

  constructor(
    private readonly records: KeyRecords,
    /** `auth.required`; a configuration reload sets it. */
    public required: boolean,
    private readonly availability?: StoreAvailability,
    private readonly clock: () => number = Date.now,
  ) {
    this.deadline = new StoreDeadline(availability);
  }

  async authenticate(presented: string | undefined): Promise<GatewayKey | undefined> {
    if (presented === undefined) {
      if (this.required) throw new InterlinguaError('authentication', 'No API key was sent: send a gateway key as Authorization: Bearer (a Bedrock API key; a SigV4 signature is no key), x-api-key, x-goog-api-key, api-key or ?key=.');
      return undefined;
    }
    const key = await this.lookup(hashKey(presented));
    if (key === undefined) {
      if (this.required) throw new InterlinguaError('authentication', 'The API key is not valid for this gateway.');
      return undefined;
    }
    if (key.revokedAt !== undefined) throw new InterlinguaError('authentication', `The API key "${key.name}" was revoked.`);
    if (key.expiresAt !== undefined && key.expiresAt <= this.clock()) {
      throw new InterlinguaError('authentication', `The API key "${key.name}" expired on ${new Date(key.expiresAt).toISOString()}.`);
    }
    return key;
  }

  /**
   * The key, at once, when this replica looked it up lately and it is still good (neither revoked
   * nor expired); otherwise undefined, and `authenticate` decides. Most requests present a key
   * seen moments before, and need no promise and no turn of the microtask queue to be let in.
   */
  known(presented: string | undefined): GatewayKey | undefined {
    if (presented === undefined) return undefined;
    const cached = this.cache.get(hashKey(presented));
    const now = this.clock();
    const key = cached !== undefined && cached.until > now ? cached.key : undefined;
    if (key === undefined || key.revokedAt !== undefined || (key.expiresAt !== undefined && key.expiresAt <= now)) return undefined;
    return key;
  }

  /**
   * Has every cached lookup asked again, so a key just changed here is read anew at once; the
   * entries are kept to fall back on should the database go away before then.
   */
  forget(): void {
    this.cache.expireAll();
  }

  /** A key's record as it now stands in the store (revoked, its limits changed), by the hash of its key. */
  apply(hash: string, key: GatewayKey): void {
    const now = this.clock();
    this.cache.set(hash, { key, readAt: now, until: now + cacheMs, applied: true });
  }

  private async lookup(hash: string): Promise<GatewayKey | undefined> {
    const now = this.clock();
    const cached = this.cache.get(hash);
    if (cached !== undefined && cached.until > now) return cached.key;
    if (this.availability?.away === true) return this.fallBackOn(cached, now, new StoreAwayError('database'));
    let key: GatewayKey | undefined;
    try {
      key = await this.deadline.run(() => this.records.findByHash(hash));
    } catch (error) {
      if (!isStoreOutage(error)) throw error;
      return this.fallBackOn(cached, this.clock(), error);
    }
    // A change applied while the store was being read is newer than what the read found.
    const current = this.cache.get(hash);
    if (current !== cached && current?.applied === true) return current.key;
    this.cache.set(hash, { key, readAt: now, until: now + cacheMs });
    return key;
  }

  /** What this replica last read of a key, while the store cannot be asked; `outage` when that is too old to let the key in. */
  private fallBackOn(cached: KeyLookup | undefined, now: number, outage: unknown): GatewayKey | undefined {
    if (cached === undefined) throw outage;
    const letsIn = cached.key !== undefined && cached.key.revokedAt === undefined;
    if (letsIn && now - cached.readAt > staleKeyMaxMs) throw outage;
    return cached.key;
  }
}

/** Whether a key may use a model: its list holds the name, or a glob (`gpt-*`) matching it. */
export function keyAllowsModel(key: GatewayKey, model: string): boolean {
  if (key.models === undefined) return true;
  return key.models.some((pattern) => (pattern.includes('*') ? globMatches(pattern, model) : pattern === model));
}

/** Globs of keys' model lists, compiled once: they are checked on every request of a key that has them. */
const compiledGlobs = new Map<string, RegExp>();

function globMatches(pattern: string, value: string): boolean {
  let compiled = compiledGlobs.get(pattern);
  if (compiled === undefined) {
    const expression = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    compiled = new RegExp(`^${expression}$`);
    if (compiledGlobs.size >= 1000) compiledGlobs.clear();
    compiledGlobs.set(pattern, compiled);
  }
  return compiled.test(value);
}
