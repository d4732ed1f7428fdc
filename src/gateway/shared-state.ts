import type { GatewayConfig } from '../config/resolved-config.js';
import type { Limiter } from '../limits/limiter.js';
import { MemoryLimiter } from '../limits/memory-limiter.js';
import { OutageTolerantLimiter } from '../limits/outage-tolerant-limiter.js';
import { RedisLimiter } from '../limits/redis-limiter.js';
import { censusFileBeside, ReplicaCensus } from '../limits/replica-census.js';
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
 * Without Redis, `localLimiter` holds the limits (the workers of `serve --workers N` ask their primary).
 */
export function createSharedState(config: GatewayConfig, localLimiter: () => Limiter = () => new MemoryLimiter()): SharedState {
  const settings = config.redis;
  if (settings === undefined) {
    const limiter = localLimiter();
    return {
      limiter,
      health: new MemoryHealthStore(),
      sticky: new MemoryStickyStore(),
      cache: responseCache(config, undefined),
      start: async () => {},
      close: () => limiter.close(),
    };
  }
  const redis = new RedisConnections(settings.url);
  const census = new ReplicaCensus(redis.commands, `${settings.keyPrefix}replicas`, undefined, undefined, config.jobSpillFile === undefined ? undefined : censusFileBeside(config.jobSpillFile));
  const limiter = new OutageTolerantLimiter(new RedisLimiter(redis.open({}), settings.keyPrefix), redis.availability, () => census.replicas, settings.onOutage);
  const routing = new OutageTolerantRoutingState(new RedisRoutingState(redis.commands, settings.keyPrefix), redis.availability);
  const cache = responseCache(config, redis);
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

/**
 * The response cache `cache:` asks for: in Redis when it says so and Redis is configured (a miss
 * while Redis is away), else in this process. Built at start and again on a reload that changes it.
 */
export function responseCache(config: GatewayConfig, redis: RedisConnections | undefined): ChatEngineOptions['cache'] {
  const settings = config.cache;
  if (settings === undefined) return undefined;
  const perKey = settings.scope === 'key';
  if (settings.store === 'redis' && redis !== undefined && config.redis !== undefined) {
    return { store: new RedisCacheStore(redis.commands, config.redis.keyPrefix, redis.availability), ttlMs: settings.ttlMs, perKey };
  }
  return { store: new MemoryCacheStore(settings.maxEntries), ttlMs: settings.ttlMs, perKey };
}
