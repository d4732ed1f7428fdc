import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { OutageTolerantLimiter } from '../../../src/limits/outage-tolerant-limiter.js';
import { RedisLimiter, type LedgerChecks } from '../../../src/limits/redis-limiter.js';
import { RedisConnections } from '../../../src/store/redis-connections.js';
import type { Store } from '../../../src/store/open-store.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { UsageWriter } from '../../../src/usage/usage-writer.js';
import { spentSince } from '../../../src/usage/usage-query.js';
import { until } from './plugin-jobs.js';

/** The period every budget of these tests counts in (a `total` budget starts at 0). */
export const period = 0;

/**
 * A gateway replica's budget bookkeeping, wired as `serve` wires it (src/gateway/shared-state.ts,
 * src/gateway/request-meter.ts): the Redis limiter behind its outage fallback on a fail-fast
 * connection, and a usage writer on the shared database. Its writer flushes only when told
 * (a long interval), so a test decides which records are written when: the records' lag that
 * real batches (every second) leave to chance.
 */
export class BudgetReplica {
  readonly redis: RedisConnections;
  readonly limiter: OutageTolerantLimiter;
  readonly usage: UsageWriter;
  private readonly connection: Redis;

  constructor(
    redisUrl: string,
    prefix: string,
    private readonly store: Store,
    checks: LedgerChecks,
    replicas = 2,
  ) {
    this.redis = new RedisConnections(redisUrl, { probeMs: 50 });
    this.connection = this.redis.open({});
    this.limiter = new OutageTolerantLimiter(new RedisLimiter(this.connection, prefix, checks), this.redis.availability, () => replicas, 'degrade');
    this.usage = new UsageWriter(async () => store, silentLogger, { intervalMs: 3_600_000, batchSize: 10_000 });
  }

  /** Once every connection is up and Redis is not counted away: before then the limiter counts alone. */
  async ready(): Promise<void> {
    await this.redis.ready(5_000);
    await until(() => this.connection.status === 'ready' && !this.redis.availability.away, 5_000, 'the limiter reaches Redis');
  }

  /** The key's spend as a request's budget check sees it. */
  spent(keyId: string): Promise<number> {
    return this.limiter.spent(keyId, period, () => spentSince(this.store, keyId, period));
  }

  /** An answered request that cost `dollars`: its record queued, then its spend counted, in that order. */
  async answer(keyId: string, dollars: number): Promise<void> {
    this.usage.record({ id: randomUUID(), createdAt: Date.now(), keyId, keyName: keyId, model: 'gpt-4o', caller: 'openai-chat', stream: false, status: 200, inputTokens: 1, outputTokens: 1, cachedTokens: 0, reasoningTokens: 0, cost: dollars, latencyMs: 1 });
    await this.limiter.addSpend(keyId, period, dollars);
  }

  /** Stops as `serve` does: usage written, then the limiter and Redis closed. */
  async close(): Promise<void> {
    await this.usage.close();
    await this.limiter.close();
    await this.redis.close();
  }
}

/** What the records say the key spent. */
export function recordedSpend(store: Store, keyId: string): Promise<number> {
  return spentSince(store, keyId, period);
}
