import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Each replica's heartbeat in one sorted set, scored by Redis time: add this replica, drop those
 * silent for longer than the TTL, count the rest. One script, so the count is of one moment.
 * KEYS: the set. ARGV: this replica's id, TTL ms.
 */
const heartbeatScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return redis.call('ZCARD', KEYS[1])
`;

type ScriptedRedis = Redis & { ilReplicaHeartbeat(set: string, id: string, ttlMs: number): Promise<number> };

/**
 * How many replicas share this Redis, as last seen. While Redis is away each replica counts its
 * keys' limits alone, taking the limit divided by this count; so the count must be known before
 * the outage, and is kept (not reset) through it. A replica that stops beating drops out of the
 * count after `ttlMs`.
 */
export class ReplicaCensus {
  private count = 1;
  private readonly id = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private readonly redis: ScriptedRedis;

  constructor(
    redis: Redis,
    private readonly setName: string,
    private readonly beatMs = 2_000,
    private readonly ttlMs = 3 * beatMs,
  ) {
    redis.defineCommand('ilReplicaHeartbeat', { numberOfKeys: 1, lua: heartbeatScript });
    this.redis = redis as ScriptedRedis;
  }

  /** The live replicas last seen, this one included; 1 until Redis has answered once. */
  get replicas(): number {
    return this.count;
  }

  start(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.beatMs);
    this.timer.unref();
  }

  /** Beats now; the new count, or the last one when Redis does not answer. */
  async beat(): Promise<number> {
    try {
      this.count = Math.max(1, Number(await this.redis.ilReplicaHeartbeat(this.setName, this.id, this.ttlMs)));
    } catch {
      // Redis is away: the last count stands for the whole outage.
    }
    return this.count;
  }

  /** Leaves the count at once, so the replicas that stay take over its share without waiting for the TTL. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.zrem(this.setName, this.id).catch(() => {});
  }
}
