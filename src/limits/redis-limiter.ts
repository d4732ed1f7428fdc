import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { windowMs, type Admission, type Limiter } from './limiter.js';

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

/** Limits shared by every replica on one Redis. */
export class RedisLimiter implements Limiter {
  /** The connection is the caller's to make (src/store/redis-connections.ts makes the gateway's fail fast) and to close. */
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'interlingua:',
  ) {
    this.redis.defineCommand('ilAdmitRequest', { numberOfKeys: 1, lua: admitRequestScript });
    this.redis.defineCommand('ilAdmitTokens', { numberOfKeys: 1, lua: admitTokensScript });
    this.redis.defineCommand('ilAddTokens', { numberOfKeys: 1, lua: addTokensScript });
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

  /** The shared ledger, seeded once from the records by whichever replica gets there first. */
  async spent(keyId: string, periodStart: number, recorded: () => Promise<number>): Promise<number> {
    const name = this.ledgerName(keyId, periodStart);
    const value = await this.redis.get(name);
    if (value !== null) return Number(value);
    await this.redis.set(name, String(await recorded()), 'EX', ledgerTtlSeconds, 'NX');
    return Number((await this.redis.get(name)) ?? 0);
  }

  async addSpend(keyId: string, periodStart: number, dollars: number): Promise<void> {
    const name = this.ledgerName(keyId, periodStart);
    // Only a seeded ledger is added to: an unseeded one is seeded from the records, which include this spend.
    if ((await this.redis.exists(name)) === 1) await this.redis.incrbyfloat(name, dollars);
  }

  async close(): Promise<void> {}

  private ledgerName(keyId: string, periodStart: number): string {
    return `${this.prefix}spend:${keyId}:${periodStart}`;
  }

  private call(command: string, ...args: Array<string | number>): Promise<unknown> {
    return (this.redis as unknown as Record<string, (...values: Array<string | number>) => Promise<unknown>>)[command]!(...args);
  }
}
