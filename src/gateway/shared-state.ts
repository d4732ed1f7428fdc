import type { GatewayConfig } from '../config/resolved-config.js';
import type { Limiter } from '../limits/limiter.js';
import { MemoryLimiter } from '../limits/memory-limiter.js';
import { OutageTolerantLimiter } from '../limits/outage-tolerant-limiter.js';
import { RedisLimiter } from '../limits/redis-limiter.js';
import { ReplicaCensus } from '../limits/replica-census.js';
import { RedisConnections } from '../store/redis-connections.js';
import type { ChatEngineOptions } from './chat-engine.js';
import { MemoryCacheStore, RedisCacheStore } from './response-cache.js';
import { MemoryHealthStore, type HealthStore } from './routing/health-store.js';
import { OutageTolerantRoutingState } from './routing/outage-tolerant-routing-state.js';
import { RedisRoutingState } from './routing/redis-routing-state.js';
import { MemoryStickyStore, type StickyStore } from './routing/sticky-store.js';

/** What replicas share through Redis (limits, routing state, the cache), or keep in memory without it. */
export interface SharedState {
  limiter: Limiter;
  health: HealthStore;
  sticky: StickyStore;
  cache: ChatEngineOptions['cache'];
  /** Present when `redis:` is configured. */
  redis?: RedisConnections;
  /** The replicas sharing Redis, as last counted; present with Redis. */
  replicas?: () => number;
  /** Waits (at most `timeoutMs`) for Redis to connect, and starts the replica heartbeat. */
  start(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the shared state once. With Redis, every part of it goes on in this process's memory
 * while Redis is away (src/limits/outage-tolerant-limiter.ts says how limits are shared out),
 * and limits keep a connection of their own, so a large cached answer never delays a count.
 */
export function createSharedState(config: GatewayConfig): SharedState {
  const cacheSettings = config.cache;
  const memoryCache = cacheSettings === undefined ? undefined : { store: new MemoryCacheStore(cacheSettings.maxEntries), ttlMs: cacheSettings.ttlMs };
  const settings = config.redis;
  if (settings === undefined) {
    return {
      limiter: new MemoryLimiter(),
      health: new MemoryHealthStore(),
      sticky: new MemoryStickyStore(),
      cache: memoryCache,
      start: async () => {},
      close: async () => {},
    };
  }
  const redis = new RedisConnections(settings.url);
  const census = new ReplicaCensus(redis.commands, `${settings.keyPrefix}replicas`);
  const limiter = new OutageTolerantLimiter(new RedisLimiter(redis.open({}), settings.keyPrefix), redis.availability, () => census.replicas, settings.onOutage);
  const routing = new OutageTolerantRoutingState(new RedisRoutingState(redis.commands, settings.keyPrefix), redis.availability);
  const cache =
    cacheSettings === undefined || cacheSettings.store !== 'redis' ? memoryCache : { store: new RedisCacheStore(redis.commands, settings.keyPrefix, redis.availability), ttlMs: cacheSettings.ttlMs };
  let started = false;
  return {
    limiter,
    health: routing,
    sticky: routing,
    cache,
    redis,
    replicas: () => census.replicas,
    async start(timeoutMs) {
      if (started) return;
      started = true;
      await redis.ready(timeoutMs);
      census.start();
    },
    async close() {
      await census.stop();
      await limiter.close();
      await redis.close();
    },
  };
}
