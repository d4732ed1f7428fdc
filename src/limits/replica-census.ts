import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
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
 *
 * A replica started while Redis is away has seen no count: alone it would take the whole limit
 * while the others take their shares. So each count seen is also kept in `rememberIn` (a small
 * local file), and a start reads it back until Redis answers, counting itself on top: it cannot
 * tell whether the count included its own earlier run, and a share too small keeps the promise.
 */
export class ReplicaCensus {
  private count: number;
  private readonly id = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private readonly redis: ScriptedRedis;
  /** Whether `rememberIn` holds a count of this run's. */
  private remembered = false;

  constructor(
    redis: Redis,
    private readonly setName: string,
    private readonly beatMs = 2_000,
    private readonly ttlMs = 3 * beatMs,
    private readonly rememberIn?: string,
  ) {
    redis.defineCommand('ilReplicaHeartbeat', { numberOfKeys: 1, lua: heartbeatScript });
    this.redis = redis as ScriptedRedis;
    const remembered = rememberIn === undefined ? undefined : readCount(rememberIn);
    this.count = remembered === undefined ? 1 : remembered + 1;
  }

  /** The live replicas last seen, this one included; until Redis has answered once, those remembered from before plus this one (else 1). */
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
      const count = Math.max(1, Number(await this.redis.ilReplicaHeartbeat(this.setName, this.id, this.ttlMs)));
      if (count !== this.count || !this.remembered) this.remember(count);
      this.count = count;
    } catch {
      // Redis is away: the last count stands for the whole outage.
    }
    return this.count;
  }

  private remember(count: number): void {
    if (this.rememberIn === undefined) return;
    try {
      writeFileSync(this.rememberIn, `${count}\n`);
      this.remembered = true;
    } catch {
      // Best effort: without the file a start during an outage counts as before.
    }
  }

  /** Leaves the count at once, so the replicas that stay take over its share without waiting for the TTL. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.zrem(this.setName, this.id).catch(() => {});
  }
}

/** The count kept by an earlier run, if it left a readable one. */
function readCount(file: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const count = Number(text.trim());
  return Number.isInteger(count) && count >= 1 ? count : undefined;
}

/** Where a replica keeps its census: beside its spill file for Redis (`redis.spillFile`), named after it. */
export function censusFileBeside(spillFile: string): string {
  return `${spillFile.replace(/\.jobs-spill\.jsonl$/, '')}.replicas-seen`;
}
