import type { Redis } from 'ioredis';
import { failFastOptions, type RedisConnections } from '../../store/redis-connections.js';
import type { StoreAvailability } from '../../store/store-availability.js';
import { isStoreOutage } from '../../store/store-outage.js';
import type { Queue, Worker } from 'bullmq';
import { requiredOnFirstUse } from '../../core/on-first-use.js';
import type { JobBackend } from '../plugin-service.js';
import type { JobExecutor } from './in-process-queue.js';
import { GatewayShutdown, type PluginJob, type PluginJobQueue, type PluginJobResult } from './plugin-job.js';
import type { ResultInbox } from './result-inbox.js';
import { conversationScope, unreadResultSeconds } from './result-inbox.js';
import { LocalResultBroadcast, type ResultBroadcast } from './result-broadcast.js';

const queueName = 'plugin-jobs';
/** BullMQ (some 190 modules and 25 MB) loads with the queue: only with `redis:` and plugins configured. */
const bullmq = requiredOnFirstUse<typeof import('bullmq')>('bullmq');
/** How long queueing one waiting job may take before it is tried again. */
const addWaitingDeadlineMs = 2_000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Jobs on a BullMQ queue in Redis, shared by every replica with the same `redis.keyPrefix`: a job
 * started on one replica runs on whichever worker takes it, and its result reaches sockets held
 * by any replica over Redis pub/sub. Jobs live in Redis, so they survive a restart; one a
 * stopping gateway was running is taken up again once BullMQ finds it stalled.
 * Reference: https://docs.bullmq.io/guide/workers/stalled-jobs
 */
export function redisJobBackend(connections: RedisConnections, prefix: string): (execute: JobExecutor) => JobBackend {
  return (execute) => {
    // Results are written by jobs, which only run while Redis is there: these may wait for it.
    const commands = connections.open({ maxRetriesPerRequest: null, enableOfflineQueue: true });
    // A subscriber subscribes again by itself after a reconnect (ioredis `autoResubscribe`).
    const subscriber = connections.open({ maxRetriesPerRequest: null, enableOfflineQueue: true });
    const channels = { results: `${prefix}:plugin-results`, cancel: `${prefix}:plugin-cancel` };
    const broadcast = new RedisResultBroadcast(commands, subscriber, channels);
    return { queue: new BullmqJobQueue(connections, prefix, commands, channels.cancel, broadcast, execute), inbox: new RedisResultInbox(connections.commands, prefix, connections.availability), broadcast };
  };
}

class BullmqJobQueue implements PluginJobQueue {
  private readonly queue: Queue<PluginJob>;
  private readonly worker: Worker<PluginJob>;
  private readonly running = new Map<string, AbortController>();
  /** Jobs started while Redis was away, added to the queue once it is back. */
  private readonly waiting: PluginJob[] = [];
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connections: RedisConnections,
    prefix: string,
    private readonly commands: Redis,
    private readonly cancelChannel: string,
    broadcast: RedisResultBroadcast,
    execute: JobExecutor,
  ) {
    // Adding fails at once while Redis is away (https://docs.bullmq.io/patterns/failing-fast-when-redis-is-down);
    // the worker's blocking connection must wait for Redis instead (`maxRetriesPerRequest: null`,
    // https://docs.bullmq.io/guide/going-to-production#maxretriesperrequest).
    const { url } = connections;
    const retryStrategy = failFastOptions.retryStrategy;
    const { Queue, Worker } = bullmq();
    this.queue = new Queue<PluginJob>(queueName, { connection: { url, enableOfflineQueue: false, retryStrategy }, prefix });
    this.queue.on('error', (error) => connections.availability.failed(error));
    this.worker = new Worker<PluginJob>(
      queueName,
      async (job) => {
        const controller = new AbortController();
        this.running.set(job.data.id, controller);
        try {
          await execute(job.data, controller.signal);
        } finally {
          this.running.delete(job.data.id);
        }
      },
      { connection: { url, maxRetriesPerRequest: null, retryStrategy }, prefix, concurrency: 64 },
    );
    this.worker.on('error', (error) => connections.availability.failed(error));
    connections.availability.listen({ changed: (_store, away) => (away ? undefined : void this.addWaiting()) });
    // A cancel may arrive at any replica; the one running the job stops it.
    broadcast.onCancel((jobId) => this.running.get(jobId)?.abort());
  }

  /** Queues a job; while Redis is away it waits here and is queued when Redis returns. */
  async start(job: PluginJob): Promise<void> {
    if (this.connections.availability.away) return this.wait(job);
    try {
      await this.add(job);
    } catch (error) {
      if (!isStoreOutage(error)) throw error;
      this.connections.availability.failed(error);
      this.wait(job);
    }
  }

  private add(job: PluginJob): Promise<unknown> {
    return this.queue.add('run', job, { jobId: job.id, removeOnComplete: true, removeOnFail: 1000 });
  }

  private wait(job: PluginJob): void {
    this.waiting.push(job);
    this.retryTimer ??= setTimeout(() => void this.addWaiting(), 1_000).unref();
  }

  private async addWaiting(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    while (this.waiting.length > 0) {
      const job = this.waiting[0] as PluginJob;
      try {
        // A queue still reconnecting can hold an add indefinitely; give up and try again later.
        // BullMQ ignores an add whose job id it still holds (https://docs.bullmq.io/guide/jobs/job-ids),
        // so only a timed-out add that went through and whose job already ran could run twice.
        await withDeadline(this.add(job), addWaitingDeadlineMs);
        this.waiting.shift();
      } catch {
        this.retryTimer = setTimeout(() => void this.addWaiting(), 1_000).unref();
        return;
      }
    }
  }

  async cancel(jobId: string, scope: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (job === undefined || conversationScope(job.data.keyId, job.data.conversationId) !== scope) return false;
    const state = await job.getState();
    if (state === 'waiting' || state === 'delayed' || state === 'prioritized') {
      await job.remove();
      return true;
    }
    if (state !== 'active') return false;
    await this.commands.publish(this.cancelChannel, jobId);
    return true;
  }

  async close(): Promise<void> {
    clearTimeout(this.retryTimer);
    // Stop at once: jobs left active here stall and run again on another worker or after the restart.
    for (const controller of this.running.values()) controller.abort(new GatewayShutdown('the gateway is shutting down'));
    await this.worker.close(true);
    await this.queue.close();
  }
}

class RedisResultInbox implements ResultInbox {
  constructor(
    private readonly commands: Redis,
    private readonly prefix: string,
    private readonly availability: StoreAvailability,
  ) {}

  async add(scope: string, result: PluginJobResult): Promise<void> {
    const key = this.key(scope);
    await this.commands.multi().rpush(key, JSON.stringify(result)).expire(key, unreadResultSeconds).exec();
  }

  /** The results waiting for a conversation; while Redis is away none, and they stay for a later turn. */
  async take(scope: string): Promise<PluginJobResult[]> {
    if (this.availability.away) return [];
    const key = this.key(scope);
    let replies;
    try {
      replies = await this.commands.multi().lrange(key, 0, -1).del(key).exec();
    } catch (error) {
      if (!isStoreOutage(error)) throw error;
      this.availability.failed(error);
      return [];
    }
    const listed = replies?.[0]?.[1];
    return Array.isArray(listed) ? listed.map((text) => JSON.parse(String(text)) as PluginJobResult) : [];
  }

  async close(): Promise<void> {}

  private key(scope: string): string {
    return `${this.prefix}:plugin-inbox:${scope}`;
  }
}

class RedisResultBroadcast extends LocalResultBroadcast implements ResultBroadcast {
  private readonly subscribed: Promise<unknown>;
  private cancelListener: (jobId: string) => void = () => {};

  constructor(
    private readonly commands: Redis,
    private readonly subscriber: Redis,
    private readonly channels: { results: string; cancel: string },
  ) {
    super();
    this.subscribed = subscriber.subscribe(channels.results, channels.cancel);
    // Keep the rejection handled here; `ready()` reports it to whoever waits.
    this.subscribed.catch(() => {});
    subscriber.on('message', (channel: string, text: string) => {
      if (channel === channels.cancel) return this.cancelListener(text);
      const { scope, result } = JSON.parse(text) as { scope: string; result: PluginJobResult };
      this.deliver(scope, result);
    });
  }

  onCancel(listener: (jobId: string) => void): void {
    this.cancelListener = listener;
  }

  override async ready(): Promise<void> {
    await this.subscribed;
  }

  override async publish(scope: string, result: PluginJobResult): Promise<void> {
    await this.commands.publish(this.channels.results, JSON.stringify({ scope, result }));
  }

  override async close(): Promise<void> {
    await super.close();
    this.subscriber.disconnect();
    await this.commands.quit().catch(() => {});
  }
}
