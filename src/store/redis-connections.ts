import type { Redis, RedisOptions } from 'ioredis';
import { requiredOnFirstUse } from '../core/on-first-use.js';
import { StoreAvailability } from './store-availability.js';

/** ioredis and its dependencies (some 20 MB) load with the first connection: only with `redis:` configured. */
const ioredis = requiredOnFirstUse<typeof import('ioredis')>('ioredis');

/**
 * Options of every connection a request may wait on (limits, routing state, cache, heartbeat).
 * ioredis by default queues commands while disconnected and retries each up to 20 times, so a
 * request on a dead Redis waited seconds before failing. Here a command fails at once when the
 * connection is down (`enableOfflineQueue: false`, `maxRetriesPerRequest: 0`) and after
 * `commandTimeout` when the server stalls; the connection itself keeps reconnecting with a
 * capped backoff. Reference: https://github.com/redis/ioredis#auto-reconnect,
 * https://github.com/redis/ioredis#offline-queue
 */
export const failFastOptions: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  commandTimeout: 500,
  connectTimeout: 2_000,
  retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
};

/**
 * Every Redis connection the gateway opens, made here so each has its `error` listened to (an
 * unheard one is printed by ioredis on every reconnect attempt) and feeds one availability:
 * a connection closing or a command failing marks Redis away, a connection becoming ready or
 * a probe answering marks it back.
 */
export class RedisConnections {
  readonly availability: StoreAvailability;
  /** Shared by routing state, the cache and the replica heartbeat. */
  readonly commands: Redis;
  private readonly opened: Redis[] = [];
  private closing = false;

  constructor(readonly url: string) {
    this.availability = new StoreAvailability('redis', async () => {
      await this.commands.ping();
    });
    this.commands = this.open({});
  }

  /** A fail-fast connection, with `overrides` (BullMQ's worker needs `maxRetriesPerRequest: null`). */
  open(overrides: RedisOptions): Redis {
    const redis = new (ioredis().Redis)(this.url, { ...failFastOptions, ...overrides });
    this.watch(redis);
    this.opened.push(redis);
    return redis;
  }

  /** Listens to a connection made elsewhere (BullMQ's own). */
  watch(redis: Redis): void {
    redis.on('error', (error: unknown) => this.availability.failed(error));
    redis.on('close', () => {
      if (!this.closing) this.availability.failed(new Error('Connection is closed.'));
    });
    redis.on('ready', () => this.availability.succeeded());
  }

  /** Resolves once the shared connection is ready, or after `timeoutMs`: a start is never held up by Redis. */
  async ready(timeoutMs: number): Promise<void> {
    if (this.commands.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.commands.once('ready', done);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.availability.close();
    await Promise.all(this.opened.map((redis) => (redis.status === 'ready' ? redis.quit().catch(() => redis.disconnect()) : redis.disconnect())));
  }
}
