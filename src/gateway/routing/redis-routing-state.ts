import type { Redis } from 'ioredis';
import type { CooldownSettings } from '../../config/resolved-config.js';
import type { HealthStore } from './health-store.js';
import type { StickyStore } from './sticky-store.js';

/**
 * A sliding window of failures per deployment, in one script so that concurrent replicas count
 * each failure once and start one cooldown. Time comes from Redis, so skewed clocks agree.
 * KEYS: failures (sorted set), cooldown marker. ARGV: failures, window ms, cooldown ms, member.
 */
const recordFailureScript = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'PX', tonumber(ARGV[3]))
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`;

type ScriptedRedis = Redis & { ilRecordFailure(failures: string, cooling: string, ...args: Array<string | number>): Promise<number> };

/** Cooldowns and sticky conversations shared by every replica on one Redis. */
export class RedisRoutingState implements HealthStore, StickyStore {
  private sequence = 0;
  private readonly scripted: ScriptedRedis;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {
    redis.defineCommand('ilRecordFailure', { numberOfKeys: 2, lua: recordFailureScript });
    this.scripted = redis as ScriptedRedis;
  }

  /** The script answers 1 to the one call that started the cooldown; its end is then reckoned on this replica's clock. */
  async recordFailure(name: string, cooldown: CooldownSettings): Promise<number | undefined> {
    const member = `${process.pid}:${this.now()}:${this.sequence++}:${Math.random()}`;
    const started = await this.scripted.ilRecordFailure(this.key('failures', name), this.key('cooling', name), cooldown.failures, cooldown.windowMs, cooldown.cooldownMs, member);
    return started === 1 ? this.now() + cooldown.cooldownMs : undefined;
  }

  async cooling(names: readonly string[]): Promise<Map<string, number>> {
    const cooling = new Map<string, number>();
    if (names.length === 0) return cooling;
    const pipeline = this.scripted.pipeline();
    for (const name of names) pipeline.pttl(this.key('cooling', name));
    const results = (await pipeline.exec()) ?? [];
    const now = this.now();
    names.forEach((name, index) => {
      const [error, left] = results[index] ?? [null, -2];
      if (error === null && typeof left === 'number' && left > 0) cooling.set(name, now + left);
    });
    return cooling;
  }

  async get(conversation: string): Promise<string | undefined> {
    return (await this.scripted.get(this.key('sticky', conversation))) ?? undefined;
  }

  async set(conversation: string, deployment: string, ttlMs: number): Promise<void> {
    await this.scripted.set(this.key('sticky', conversation), deployment, 'PX', ttlMs);
  }

  private key(kind: string, name: string): string {
    return `${this.prefix}${kind}:${name}`;
  }
}
