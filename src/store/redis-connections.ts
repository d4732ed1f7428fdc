import type { Redis, RedisOptions } from 'ioredis';
import { requiredOnFirstUse } from '../core/on-first-use.js';
import { StoreAvailability } from './store-availability.js';
import { StoreLatency } from './store-latency.js';
import { checkConnection, closeConnection, watchHandshake } from './redis-liveness.js';

/** ioredis and its dependencies (some 20 MB) load with the first connection: only with `redis:` configured. */
const ioredis = requiredOnFirstUse<typeof import('ioredis')>('ioredis');

/** How long a command on a fail-fast connection, and a liveness ping on any, may go unanswered. */
export const redisCommandTimeoutMs = 500;

/**
 * Options of every connection a request may wait on (limits, routing state, cache, heartbeat).
 * ioredis by default queues commands while disconnected and retries each up to 20 times, so a
 * request on a dead Redis waited seconds before failing. Here a command fails at once when the
 * connection is down (`enableOfflineQueue: false`, `maxRetriesPerRequest: 0`) and after
 * `commandTimeout` when the server stalls; the connection itself keeps reconnecting with a
 * capped backoff. A command that failed was answered (with its failure), so it is not sent again
 * on the next connection (`autoResendUnfulfilledCommands: false`): a rate-limit count the caller
 * was told failed must not be counted later. Reference: https://github.com/redis/ioredis#auto-reconnect,
 * https://github.com/redis/ioredis#offline-queue
 */
export const failFastOptions: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  commandTimeout: redisCommandTimeoutMs,
  connectTimeout: 2_000,
  autoResendUnfulfilledCommands: false,
  retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
};

/**
 * Options of a connection that waits for Redis rather than failing fast: a subscriber (its
 * `subscribe` is answered once Redis is there, and waits as BullMQ's worker does with
 * `maxRetriesPerRequest: null`, https://docs.bullmq.io/guide/going-to-production#maxretriesperrequest).
 * No `commandTimeout`: a blocking or queued command is not late; a dead socket under one is
 * found by the liveness pings instead.
 */
export const waitingOptions: RedisOptions = {
  enableOfflineQueue: true,
  maxRetriesPerRequest: null,
  commandTimeout: undefined,
  autoResendUnfulfilledCommands: true,
};

export interface RedisConnectionsOptions {
  /** How often every connection is pinged while Redis is there (default 2 s). */
  checkMs?: number;
  /** How often they are pinged while it is away, until all answer (default 500 ms). */
  probeMs?: number;
  /** How long a connection may wait on its ready check before it is dropped and dialled again (default `redisHandshakeTimeoutMs`). */
  handshakeMs?: number;
}

/**
 * How long a connection that reached Redis may wait for the answer to its ready check: the bound
 * ioredis gives the dial before it (`connectTimeout`). redis-liveness.ts `watchHandshake` says why.
 */
export const redisHandshakeTimeoutMs = 2_000;

/**
 * Every Redis connection the gateway opens (BullMQ's queue and worker make their own:
 * plugins/jobs/bullmq-job-queue.ts), made here so that each has its
 * `error` listened to (an unheard one is printed by ioredis on every reconnect attempt), is
 * checked for life, and feeds one availability: a connection closing or a command failing marks
 * Redis away, and the probe finding every connection answering marks it back.
 *
 * Every `checkMs` each connection is pinged; one that holds as ready but does not answer is
 * dropped and dialled again (redis-liveness.ts says why), as is one stuck in its ready check
 * past `handshakeMs`; Redis counts as away until every connection answers. The shared
 * connection's round trips tell health when Redis is slow.
 */
export class RedisConnections {
  readonly availability: StoreAvailability;
  /** Shared by routing state, the cache and the replica heartbeat. */
  readonly commands: Redis;
  private readonly opened: Redis[] = [];
  private readonly checkTimer: NodeJS.Timeout;
  private checking = false;
  private closing = false;
  private readonly handshakeMs: number;

  constructor(
    readonly url: string,
    options: RedisConnectionsOptions = {},
  ) {
    this.handshakeMs = options.handshakeMs ?? redisHandshakeTimeoutMs;
    this.availability = new StoreAvailability('redis', () => this.checkAll(), options.probeMs);
    // Past half the command timeout, a request spends more on each Redis call than most upstreams take to start answering.
    this.availability.latency = new StoreLatency(redisCommandTimeoutMs / 2);
    this.availability.confirmTimeout = () => this.checkAll();
    this.commands = this.open({});
    this.checkTimer = setInterval(() => void this.routineCheck(), options.checkMs ?? 2_000);
    this.checkTimer.unref();
  }

  /** A fail-fast connection, with `overrides` (`waitingOptions` for a subscriber). */
  open(overrides: RedisOptions): Redis {
    const redis = new (ioredis().Redis)(this.url, { ...failFastOptions, ...overrides });
    redis.on('error', (error: unknown) => this.availability.failed(error));
    redis.on('close', () => {
      if (!this.closing) this.availability.failed(new Error('Connection is closed.'));
    });
    // Not marked back on one connection's `ready`: the others may still be dead, and a request
    // would wait on them. The probe marks Redis back once every connection answers (`checkAll`).
    watchHandshake(redis);
    this.opened.push(redis);
    return redis;
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
    clearInterval(this.checkTimer);
    this.availability.close();
    await Promise.all(this.opened.map((redis) => closeConnection(redis, redisCommandTimeoutMs)));
  }

  /** While Redis is there: a connection found dead marks it away, which starts the probe. */
  private async routineCheck(): Promise<void> {
    if (this.checking || this.closing || this.availability.away) return;
    this.checking = true;
    try {
      await this.checkAll();
    } catch (error) {
      this.availability.failed(error);
    } finally {
      this.checking = false;
    }
  }

  /** Pings every open connection at once; throws unless all answered (the probe's test for Redis being back). */
  private async checkAll(): Promise<void> {
    const live = this.opened.filter((redis) => redis.status !== 'end');
    const checks = await Promise.all(live.map((redis) => checkConnection(redis, redisCommandTimeoutMs, this.handshakeMs)));
    const shared = checks[live.indexOf(this.commands)];
    if (shared?.state === 'answered') this.availability.latency?.observe(shared.ms);
    const silent = checks.filter((check) => check.state !== 'answered').length;
    if (silent > 0) throw new Error(`${silent} of ${live.length} Redis connections did not answer`);
  }
}
