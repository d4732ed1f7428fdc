import type { StoreAvailability } from '../store/store-availability.js';
import { StoreAwayError } from '../store/store-outage.js';
import { holdFits, type Admission, type HoldAnswer, type Limiter, type SpendHold } from './limiter.js';
import { MemoryLimiter } from './memory-limiter.js';

/** What to do with requests Redis would have counted while it is away. */
export type RedisOutagePolicy = 'degrade' | 'refuse';

/**
 * The shared (Redis) limiter while Redis answers; while it is away, each replica counts alone
 * and takes its share: a limit of N becomes `max(1, floor(N / replicas))` here, `replicas`
 * being the count last seen before the outage. So all replicas together stay within the
 * limit, except that each allows at least one request (or token-minute, or its budget share)
 * when the limit is smaller than the number of replicas, and that the minute in which Redis
 * goes or returns may also hold what Redis had already counted in it.
 *
 * A budget is shared the same way: a replica's own spend during the outage counts `replicas`
 * times against what the records held when it began, and that spend is added to the shared
 * ledger once Redis is back (unless another replica set the ledger from the records since, which
 * hold it then; src/limits/redis-limiter.ts). A replica stopped before then cannot add it, so the replicas that
 * see Redis return also mark every ledger to be checked against the records, which hold that
 * spend (src/limits/redis-limiter.ts). A request's hold on a budget (`reserveSpend`) is taken
 * where its check is: in Redis, or during an outage here, counted `replicas` times like spend, so
 * this replica's requests under way stay within its share. With `refuse`, requests that need a
 * limit get a 503 instead.
 */
export class OutageTolerantLimiter implements Limiter {
  /** Ledgers to be marked for a check since Redis returned, not yet marked (its connection may lag its probe). */
  private markOwed = false;
  private readonly local: MemoryLimiter;
  /** Budget ledgers kept here during an outage: the records' total at its start, and this replica's spend since. */
  private readonly ledgers = new Map<string, { seed: Promise<number>; spent: number }>();
  /** Spend not yet in the shared ledger, by `keyId` and period start, and when (`performance.now()`) the first of it was counted. */
  private readonly unsettled = new Map<string, { keyId: string; periodStart: number; dollars: number; since: number }>();
  /** Holds taken here during an outage, by ledger and then by request. */
  private readonly localHolds = new Map<string, Map<string, number>>();
  /** Where each hold under way was taken, so it is let go of there. */
  private readonly holdPlaces = new Map<string, 'shared' | 'local'>();
  /**
   * Shared holds whose requests ended while Redis could not be told, by hold id, let go of once it
   * is back. Left to their expiry in Redis, they kept the key refused as "spent its budget" for up
   * to the hold's lifetime after the outage. At most the requests under way when Redis went.
   */
  private readonly unreleased = new Map<string, SpendHold>();

  constructor(
    private readonly shared: Limiter,
    private readonly availability: StoreAvailability,
    private readonly replicas: () => number,
    private readonly policy: RedisOutagePolicy,
    clock: () => number = Date.now,
  ) {
    this.local = new MemoryLimiter(clock);
    availability.listen({ changed: (_store, away) => (away ? undefined : void this.settleSpend()) });
  }

  admitRequest(keyId: string, rpm: number): Promise<Admission> {
    return this.either(
      () => this.shared.admitRequest(keyId, rpm),
      () => this.local.admitRequest(keyId, this.share(rpm)),
    );
  }

  admitTokens(keyId: string, tpm: number): Promise<Admission> {
    return this.either(
      () => this.shared.admitTokens(keyId, tpm),
      () => this.local.admitTokens(keyId, this.share(tpm)),
    );
  }

  async addTokens(keyId: string, tokens: number): Promise<void> {
    await this.either(
      () => this.shared.addTokens(keyId, tokens),
      () => this.local.addTokens(keyId, tokens),
      true,
    );
  }

  /**
   * The shared ledger, seeded from the records when Redis has none. The records are the
   * database's: a failure to read them is the database's, and is thrown as it came, without
   * marking Redis away (it once did, so a PostgreSQL outage was reported, logged and counted as a
   * Redis one, and the budget was then counted per replica for no reason).
   */
  async spent(keyId: string, periodStart: number, recorded: () => Promise<number>): Promise<number> {
    const seed = new SeedRead(recorded);
    try {
      return await this.either(
        async () => {
          await this.settleOwed();
          return this.shared.spent(keyId, periodStart, () => seed.read());
        },
        async () => {
          const ledger = this.ledger(keyId, periodStart, recorded);
          return (await ledger.seed) + ledger.spent * this.replicas();
        },
      );
    } catch (error) {
      throw seed.failure(error);
    }
  }

  async addSpend(keyId: string, periodStart: number, dollars: number): Promise<void> {
    await this.either(
      () => this.shared.addSpend(keyId, periodStart, dollars),
      async () => {
        const ledger = this.ledgers.get(`${keyId}:${periodStart}`);
        if (ledger !== undefined) ledger.spent += dollars;
        const name = `${keyId}:${periodStart}`;
        const unsettled = this.unsettled.get(name) ?? { keyId, periodStart, dollars: 0, since: performance.now() };
        unsettled.dollars += dollars;
        this.unsettled.set(name, unsettled);
      },
      true,
    );
  }

  /** The shared limiter holds it while Redis answers (one without holds only checks); else this replica, against its share. */
  async reserveSpend(hold: SpendHold, budget: number, recorded: () => Promise<number>): Promise<HoldAnswer> {
    const seed = new SeedRead(recorded);
    try {
      return await this.either(
        async () => {
          await this.settleOwed();
          const shared = this.shared;
          if (shared.reserveSpend === undefined) {
            const spent = await shared.spent(hold.keyId, hold.periodStart, () => seed.read());
            return spent < budget ? { held: true } : { held: false, spent, heldByOthers: 0 };
          }
          const answer = await shared.reserveSpend(hold, budget, () => seed.read());
          if (answer.held && hold.dollars > 0) this.holdPlaces.set(hold.id, 'shared');
          return answer;
        },
        async () => {
          const name = `${hold.keyId}:${hold.periodStart}`;
          const ledger = this.ledger(hold.keyId, hold.periodStart, recorded);
          const spent = (await ledger.seed) + ledger.spent * this.replicas();
          const held = this.localHolds.get(name) ?? new Map<string, number>();
          let heldHere = 0;
          for (const dollars of held.values()) heldHere += dollars;
          const heldByOthers = heldHere * this.replicas();
          if (!holdFits(spent, heldByOthers, hold.dollars * this.replicas(), budget)) return { held: false, spent, heldByOthers };
          if (hold.dollars === 0) return { held: true };
          held.set(hold.id, hold.dollars);
          this.localHolds.set(name, held);
          this.holdPlaces.set(hold.id, 'local');
          return { held: true };
        },
      );
    } catch (error) {
      throw seed.failure(error);
    }
  }

  /** A shared hold Redis cannot be told to let go of now is let go of when Redis is back. */
  async releaseSpend(hold: SpendHold): Promise<void> {
    const place = this.holdPlaces.get(hold.id);
    this.holdPlaces.delete(hold.id);
    if (place === 'local') {
      const name = `${hold.keyId}:${hold.periodStart}`;
      const held = this.localHolds.get(name);
      held?.delete(hold.id);
      if (held?.size === 0) this.localHolds.delete(name);
    } else if (place === 'shared') {
      await this.either(
        () => this.shared.releaseSpend?.(hold) ?? Promise.resolve(),
        async () => void this.unreleased.set(hold.id, hold),
        true,
      );
    }
  }

  /** Outage spend goes to the shared ledger if Redis is back by now; if not, the replicas that see it return have the ledgers checked. */
  async close(): Promise<void> {
    if ((this.unsettled.size > 0 || this.unreleased.size > 0) && !this.availability.away) await this.settleSpend(false);
    await this.shared.close();
  }

  /** This replica's part of a limit while it counts alone. */
  private share(limit: number): number {
    return Math.max(1, Math.floor(limit / Math.max(1, this.replicas())));
  }

  /**
   * The shared limiter's answer, or the local one when Redis is known to be away or fails now.
   * `bookkeeping` calls (adding what was used) fall back even under `refuse`: the request they
   * count was already answered.
   */
  private either<T>(shared: () => Promise<T>, local: () => Promise<T>, bookkeeping = false): Promise<T> {
    return this.availability.attempt(shared, async () => {
      if (this.policy === 'refuse' && !bookkeeping) throw new StoreAwayError('redis');
      return local();
    });
  }

  private ledger(keyId: string, periodStart: number, recorded: () => Promise<number>): { seed: Promise<number>; spent: number } {
    const name = `${keyId}:${periodStart}`;
    let ledger = this.ledgers.get(name);
    if (ledger === undefined) {
      ledger = { seed: recorded(), spent: 0 };
      ledger.seed.catch(() => this.ledgers.delete(name));
      this.ledgers.set(name, ledger);
    }
    return ledger;
  }

  /** What the return of Redis owes and could not pay at once (outage spend, marked ledgers), paid before a ledger is read. */
  private async settleOwed(): Promise<void> {
    if (this.markOwed || this.unsettled.size > 0 || this.unreleased.size > 0) await this.settleSpend(false);
  }

  /**
   * Once Redis is back: the outage's spend goes into the shared ledgers, the local ones are
   * dropped, the shared holds of requests that ended meanwhile are let go of, and (`mark`) every
   * ledger is marked for a check against the records.
   */
  private async settleSpend(mark = true): Promise<void> {
    await this.releaseOwed();
    const pending = [...this.unsettled.values()];
    this.unsettled.clear();
    this.ledgers.clear();
    for (const entry of pending) {
      try {
        // Another replica may have raised the ledger to records that hold this spend already.
        if (this.shared.addOutageSpend !== undefined) await this.shared.addOutageSpend(entry.keyId, entry.periodStart, entry.dollars, performance.now() - entry.since);
        else await this.shared.addSpend(entry.keyId, entry.periodStart, entry.dollars);
      } catch {
        const name = `${entry.keyId}:${entry.periodStart}`;
        const again = this.unsettled.get(name) ?? { ...entry, dollars: 0 };
        again.dollars += entry.dollars;
        again.since = Math.min(again.since, entry.since);
        this.unsettled.set(name, again);
      }
    }
    if (mark) this.markOwed = true;
    if (!this.markOwed) return;
    try {
      await this.shared.markLedgers?.();
      this.markOwed = false;
    } catch {
      // Redis answered its probe but not this connection yet: the next budget check marks them.
    }
  }

  /**
   * Lets go of the shared holds Redis could not be told of; those it still cannot be told of wait
   * for its next return. All at once: the first budget check after an outage waits for them, and
   * one round trip after another would make it wait as many as requests were under way.
   */
  private async releaseOwed(): Promise<void> {
    const owed = [...this.unreleased.values()];
    this.unreleased.clear();
    await Promise.all(
      owed.map(async (hold) => {
        try {
          await this.shared.releaseSpend?.(hold);
        } catch {
          this.unreleased.set(hold.id, hold);
        }
      }),
    );
  }
}

/** What reading the records failed with, carried through Redis's availability check as no outage of Redis's. */
class SeedReadFailed extends Error {
  constructor(readonly original: unknown) {
    super('reading the usage records failed');
    this.name = 'SeedReadFailed';
  }
}

/** The records read for a ledger's seed, whose failure the availability check must not take for Redis's. */
class SeedRead {
  private failed: SeedReadFailed | undefined;

  constructor(private readonly recorded: () => Promise<number>) {}

  async read(): Promise<number> {
    try {
      return await this.recorded();
    } catch (error) {
      // No `cause`: isStoreOutage follows causes, and this one belongs to the database.
      this.failed = new SeedReadFailed(error);
      throw this.failed;
    }
  }

  /** The records' own error when `error` is their failure; else `error` itself. */
  failure(error: unknown): unknown {
    return error === this.failed && this.failed !== undefined ? this.failed.original : error;
  }
}
