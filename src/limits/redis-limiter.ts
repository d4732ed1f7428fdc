import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { windowMs, type Admission, type HoldAnswer, type Limiter, type SpendHold } from './limiter.js';

/**
 * Sliding-window request count: drop entries older than the window, count, add one if there is
 * room; all in one script, so concurrent replicas cannot both take the last slot. Time comes
 * from Redis, so replicas with skewed clocks agree.
 */
const admitRequestScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

/** This minute's token count (by Redis time): 0 when under the limit, else milliseconds to the next minute. */
const admitTokensScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local minute = now - (now % tonumber(ARGV[1]))
local used = tonumber(redis.call('GET', KEYS[1] .. ':' .. minute) or '0')
if used < tonumber(ARGV[2]) then return 0 end
return minute + tonumber(ARGV[1]) - now
`;

const addTokensScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local minute = now - (now % tonumber(ARGV[1]))
local name = KEYS[1] .. ':' .. minute
redis.call('INCRBY', name, ARGV[2])
redis.call('PEXPIRE', name, tonumber(ARGV[1]) * 2)
return 0
`;

/** How long a budget ledger outlives its last write: long past any period that still matters. */
const ledgerTtlSeconds = 40 * 24 * 3600;

/**
 * A ledger and how long ago it was last marked for a check against the records (-1: not marked).
 * KEYS: the ledger, its mark. ARGV: the mark's lifetime, ms.
 */
const readLedgerScript = `
local value = redis.call('GET', KEYS[1])
local left = redis.call('PTTL', KEYS[2])
if left < 0 then return {value or false, -1} end
return {value or false, tonumber(ARGV[1]) - left}
`;

/**
 * Redis time in ms, stamped beside a ledger whenever it is set from the records (seeded or
 * raised): spend a replica counted alone before that stamp may be in them (`addOutageSpendScript`).
 */
const stampRecordsRead = `
local time = redis.call('TIME')
redis.call('SET', KEYS[#KEYS], tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000), 'EX', ARGV[2])
`;

/** Seeds a ledger no replica has seeded yet, and marks it for a check. KEYS: the ledger, its mark, its stamp. ARGV: dollars, ledger TTL s, mark lifetime ms. */
const seedLedgerScript = `
if redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2], 'NX') then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  ${stampRecordsRead}
end
return redis.call('GET', KEYS[1])
`;

/**
 * Raises a ledger to the records' total when it holds less (never lowers it: spend added since
 * the records were read is in the ledger and not yet in them). KEYS: the ledger, its stamp. ARGV: dollars, ledger TTL s.
 */
const raiseLedgerScript = `
local value = redis.call('GET', KEYS[1])
if not value or tonumber(value) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
  ${stampRecordsRead}
  return ARGV[1]
end
return value
`;

/**
 * Adds a replica's outage spend to a seeded ledger, unless the ledger was set from the records
 * since that spend began: the records, written while Redis was away from this replica only, hold
 * it, and adding it again counted it twice for the rest of the period (the key refused early).
 * Spend the records did not yet hold when they were read is caught by the checks that follow
 * Redis's return (`markLedgers`). KEYS: the ledger, its stamp. ARGV: dollars, ms since the spend began.
 */
const addOutageSpendScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local stamp = tonumber(redis.call('GET', KEYS[2]) or '0')
if stamp >= now - tonumber(ARGV[2]) then return 0 end
redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
return 1
`;

/**
 * Holds a request's most possible cost against a budget, in the same step as the check (see
 * `holdFits` in limiter.ts), so replicas cannot both take the last room. Holds live in a sorted
 * set scored by when they expire (Redis time), as `id|dollars`: one left by a replica that died
 * stops counting at its expiry. KEYS: the ledger, its holds. ARGV: the ledger's value should it be
 * gone, the budget, the hold's dollars, its member, its lifetime in ms.
 */
const reserveSpendScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local spent = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
local held = 0
for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  held = held + tonumber(string.match(member, '[^|]*$'))
end
local budget = tonumber(ARGV[2])
if spent + held >= budget or spent + held + tonumber(ARGV[3]) > budget then
  return {0, tostring(spent), tostring(held)}
end
if tonumber(ARGV[3]) > 0 then
  redis.call('ZADD', KEYS[2], now + tonumber(ARGV[5]), ARGV[4])
  redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[5]))
end
return {1}
`;

/**
 * How long a hold counts if its request never lets go of it (the replica died): past any request
 * the gateway still answers. A request running longer loses its hold early, so its room may be
 * taken by others while it runs.
 */
export const defaultHoldTtlMs = 15 * 60_000;

/** When and for how long a ledger that may have missed spend is checked against the records. */
export interface LedgerChecks {
  /**
   * How long after a ledger is seeded (or Redis returns) its first check waits, and the least
   * time between two checks by one replica: longer than the usage writer takes to write what a
   * replica has queued (batches every second), so the records hold every spend made before the mark.
   */
  afterMs: number;
  /** How long a mark lasts: checks go on until it ends, so a busy key converges at its first quiet moment. */
  forMs: number;
}

const defaultLedgerChecks: LedgerChecks = { afterMs: 3_000, forMs: 60_000 };

/**
 * Limits shared by every replica on one Redis.
 *
 * A budget ledger is seeded from the usage records, then added to as spend comes. The records
 * are the truth, but they lag: each replica writes them in batches (about every second), and a
 * replica's spend during a Redis outage reaches the ledger only if that replica is still running
 * when Redis returns. So a ledger seeded while spend was still unwritten (Redis lost its data), or
 * one Redis returned to after an outage, is marked; while the mark lasts, the ledger is checked
 * against the records at most every `afterMs` per replica, and raised to them when it holds less.
 * It is only ever raised to what the records hold, never lowered (spend counted since they were
 * read is in it and not yet in them); it converges on the records at the first check that finds
 * every spend of the key written.
 */
export class RedisLimiter implements Limiter {
  /** When this replica last checked each marked ledger against the records. */
  private readonly checked = new Map<string, number>();

  /** The connection is the caller's to make (src/store/redis-connections.ts makes the gateway's fail fast) and to close. */
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'interlingua:',
    private readonly checks: LedgerChecks = defaultLedgerChecks,
    private readonly clock: () => number = Date.now,
    private readonly holdTtlMs = defaultHoldTtlMs,
  ) {
    this.redis.defineCommand('ilAdmitRequest', { numberOfKeys: 1, lua: admitRequestScript });
    this.redis.defineCommand('ilAdmitTokens', { numberOfKeys: 1, lua: admitTokensScript });
    this.redis.defineCommand('ilAddTokens', { numberOfKeys: 1, lua: addTokensScript });
    this.redis.defineCommand('ilReadLedger', { numberOfKeys: 2, lua: readLedgerScript });
    this.redis.defineCommand('ilSeedLedger', { numberOfKeys: 3, lua: seedLedgerScript });
    this.redis.defineCommand('ilRaiseLedger', { numberOfKeys: 2, lua: raiseLedgerScript });
    this.redis.defineCommand('ilAddOutageSpend', { numberOfKeys: 2, lua: addOutageSpendScript });
    this.redis.defineCommand('ilReserveSpend', { numberOfKeys: 2, lua: reserveSpendScript });
  }

  async admitRequest(keyId: string, rpm: number): Promise<Admission> {
    const wait = Number(await this.call('ilAdmitRequest', `${this.prefix}rpm:${keyId}`, windowMs, rpm, randomUUID()));
    return wait === 0 ? { allowed: true } : { allowed: false, retryAfterMs: wait };
  }

  async admitTokens(keyId: string, tpm: number): Promise<Admission> {
    const wait = Number(await this.call('ilAdmitTokens', `${this.prefix}tpm:${keyId}`, windowMs, tpm));
    return wait === 0 ? { allowed: true } : { allowed: false, retryAfterMs: wait };
  }

  async addTokens(keyId: string, tokens: number): Promise<void> {
    if (tokens > 0) await this.call('ilAddTokens', `${this.prefix}tpm:${keyId}`, windowMs, Math.round(tokens));
  }

  /**
   * The shared ledger, seeded once from the records by whichever replica gets there first, and
   * checked against them while it is marked (see the class).
   */
  async spent(keyId: string, periodStart: number, recorded: () => Promise<number>): Promise<number> {
    const name = this.ledgerName(keyId, periodStart);
    const mark = this.markName(name);
    const [value, markedMsAgo] = (await this.call('ilReadLedger', name, mark, this.checks.forMs)) as [string | null, number];
    if (value === null) {
      const seeded = await this.call('ilSeedLedger', name, mark, this.stampName(name), String(await recorded()), ledgerTtlSeconds, this.checks.forMs);
      this.checked.set(name, this.clock());
      return Number(seeded ?? 0);
    }
    if (markedMsAgo < 0) {
      this.checked.delete(name);
      return Number(value);
    }
    if (markedMsAgo < this.checks.afterMs) return Number(value);
    const now = this.clock();
    if (now - (this.checked.get(name) ?? -Infinity) < this.checks.afterMs) return Number(value);
    this.checked.set(name, now);
    let records: number;
    try {
      records = await recorded();
    } catch {
      // The database is away or slow: the ledger stands until the next check.
      return Number(value);
    }
    return Number(await this.call('ilRaiseLedger', name, this.stampName(name), String(records), ledgerTtlSeconds));
  }

  /**
   * Only a seeded ledger is added to. An unseeded one is seeded from the records, which will hold
   * this spend once it is written; one seeded before then is marked, and its check adds it.
   */
  async addSpend(keyId: string, periodStart: number, dollars: number): Promise<void> {
    const name = this.ledgerName(keyId, periodStart);
    if ((await this.redis.exists(name)) === 1) await this.redis.incrbyfloat(name, dollars);
  }

  async addOutageSpend(keyId: string, periodStart: number, dollars: number, sinceMs: number): Promise<void> {
    const name = this.ledgerName(keyId, periodStart);
    await this.call('ilAddOutageSpend', name, this.stampName(name), String(dollars), Math.ceil(sinceMs));
  }

  /** The ledger is read (seeded, checked) as for `spent`, then the hold is checked and taken in one script. */
  async reserveSpend(hold: SpendHold, budget: number, recorded: () => Promise<number>): Promise<HoldAnswer> {
    const spent = await this.spent(hold.keyId, hold.periodStart, recorded);
    const name = this.ledgerName(hold.keyId, hold.periodStart);
    const answer = (await this.call('ilReserveSpend', name, this.holdsName(name), String(spent), String(budget), String(hold.dollars), holdMember(hold), this.holdTtlMs)) as [number, string?, string?];
    if (answer[0] === 1) return { held: true };
    return { held: false, spent: Number(answer[1]), heldByOthers: Number(answer[2]) };
  }

  async releaseSpend(hold: SpendHold): Promise<void> {
    await this.redis.zrem(this.holdsName(this.ledgerName(hold.keyId, hold.periodStart)), holdMember(hold));
  }

  /**
   * Marks every ledger for a check against the records: after a Redis outage, replicas that
   * counted spend alone and stopped before Redis returned never added it (their records did reach
   * the database, or their spill file). Ledgers are few (one per key with a budget and period).
   */
  async markLedgers(): Promise<void> {
    let cursor = '0';
    do {
      const [next, names] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}spend:*`, 'COUNT', 500);
      cursor = next;
      if (names.length === 0) continue;
      const marking = this.redis.pipeline();
      for (const name of names) marking.set(this.markName(name), '1', 'PX', this.checks.forMs);
      await marking.exec();
    } while (cursor !== '0');
    this.checked.clear();
  }

  async close(): Promise<void> {}

  private ledgerName(keyId: string, periodStart: number): string {
    return `${this.prefix}spend:${keyId}:${periodStart}`;
  }

  /** The mark beside a ledger; named outside `spend:*`, so a scan for ledgers does not find marks. */
  private markName(ledger: string): string {
    return `${this.prefix}spend-check:${ledger.slice(`${this.prefix}spend:`.length)}`;
  }

  /** When the ledger was last set from the records; named outside `spend:*`, like the mark. */
  private stampName(ledger: string): string {
    return `${this.prefix}spend-read:${ledger.slice(`${this.prefix}spend:`.length)}`;
  }

  /** The holds beside a ledger; named outside `spend:*`, like the mark. */
  private holdsName(ledger: string): string {
    return `${this.prefix}spend-held:${ledger.slice(`${this.prefix}spend:`.length)}`;
  }

  private call(command: string, ...args: Array<string | number>): Promise<unknown> {
    return (this.redis as unknown as Record<string, (...values: Array<string | number>) => Promise<unknown>>)[command]!(...args);
  }
}

/** A hold as a member of its ledger's sorted set: the same string for the same hold, so it can be removed. */
function holdMember(hold: SpendHold): string {
  return `${hold.id}|${hold.dollars}`;
}
