import type { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Queue, Worker } from 'bullmq';
import { requiredOnFirstUse } from '../../core/on-first-use.js';
import type { Logger } from '../../gateway/logger.js';
import { failFastOptions, type RedisConnections } from '../../store/redis-connections.js';
import { isStoreOutage } from '../../store/store-outage.js';
import type { JobExecutor } from './in-process-queue.js';
import type { JobSpill } from './job-spill.js';
import { GatewayShutdown, type PluginJob, type PluginJobQueue } from './plugin-job.js';
import { RedisDeadlineError, withinMs } from './redis-deadline.js';
import { conversationScope } from './result-inbox.js';
import { jobAddDeadlineMs, WaitingJobs } from './waiting-jobs.js';
import { logLateErrors } from './late-connection-errors.js';
import { AcceptedJobs, completedJobSeconds } from './accepted-jobs.js';

const queueName = 'plugin-jobs';
const ignore = (): void => {};
/** A Redis client BullMQ made (its `IRedisClient`). */
type BullmqClient = Awaited<Queue['client']>;
/** BullMQ (some 190 modules and 25 MB) loads with the queue: only with `redis:` and plugins configured. */
const bullmq = requiredOnFirstUse<typeof import('bullmq')>('bullmq');
/** How long each of the worker's and the queue's closing may take at a shutdown. */
export const queueCloseDeadlineMs = 2_000;

/**
 * Jobs on a BullMQ queue in Redis, shared by every replica with the same `redis.keyPrefix`.
 * BullMQ makes its queue's and worker's connections itself, from the URL and the gateway's
 * reconnect strategy (https://docs.bullmq.io/guide/connections). Handed connections of
 * RedisConnections instead (fail-fast, or checked for life and dropped when late), a job started
 * while Redis was away was at times never queued once it was back on a loaded machine (the
 * replicated-jobs test, one run in eight), so they are not, and a half-open fault on BullMQ's own
 * connections is left to BullMQ and the kernel. The same test still lost such a job about once in
 * 50 loaded runs after that: it was queued and run, but its result was written on a connection
 * still reconnecting, and failed (redis-result-inbox.ts says how results wait for Redis now).
 */
export class BullmqJobQueue implements PluginJobQueue {
  private readonly queue: Queue<PluginJob>;
  private readonly worker: Worker<PluginJob>;
  private readonly running = new Map<string, AbortController>();
  /** Jobs started while Redis was away, queued once it is back. */
  private readonly waiting: WaitingJobs;
  /** Jobs accepted here and not yet seen taken by a worker, queued again should Redis lose them. */
  private readonly accepted: AcceptedJobs;
  /** BullMQ's own Redis clients, once each has connected (heardAfterClose). */
  private readonly clients = new Set<BullmqClient>();

  constructor(
    private readonly connections: RedisConnections,
    prefix: string,
    private readonly commands: Redis,
    private readonly cancelChannel: string,
    onCancel: (listener: (jobId: string) => void) => void,
    execute: JobExecutor,
    private readonly logger: Logger,
    spill: JobSpill | undefined,
  ) {
    const { Queue, Worker } = bullmq();
    // Adding fails at once while Redis is away (https://docs.bullmq.io/patterns/failing-fast-when-redis-is-down);
    // when it stalls, nothing ends the add (this connection has no command timeout), so `start` bounds it.
    this.queue = new Queue<PluginJob>(queueName, { connection: { url: connections.url, enableOfflineQueue: false, retryStrategy: failFastOptions.retryStrategy }, prefix });
    this.queue.on('error', (error) => connections.availability.failed(error));
    this.worker = new Worker<PluginJob>(
      queueName,
      async (job) => {
        const controller = new AbortController();
        this.running.set(job.data.id, controller);
        this.accepted.forget(job.data.id);
        try {
          await execute(job.data, controller.signal);
        } finally {
          this.running.delete(job.data.id);
        }
      },
      // BullMQ makes the worker's blocking connection as a copy of this one, and watches it itself.
      { connection: { url: connections.url, maxRetriesPerRequest: null, retryStrategy: failFastOptions.retryStrategy }, prefix, concurrency: 64 },
    );
    this.worker.on('error', (error) => connections.availability.failed(error));
    // BullMQ keeps its connections in protected fields; their late errors must not end the process (late-connection-errors.ts).
    const internals = (owner: object) => owner as { connection?: EventEmitter; blockingConnection?: EventEmitter };
    logLateErrors(internals(this.queue).connection, 'queue', logger);
    logLateErrors(internals(this.worker).connection, 'worker', logger);
    logLateErrors(internals(this.worker).blockingConnection, 'worker (blocking)', logger);
    // A job whose run threw is moved to the failed set and not tried again, having one attempt
    // (https://docs.bullmq.io/guide/retrying-failing-jobs): its caller was told it started, so its
    // end is logged rather than left unseen in Redis.
    this.worker.on('failed', (job, error) => logger.error('plugin job failed; its result was not delivered', { job: job?.id, plugin: job?.data.plugin, tool: job?.data.tool, error: String(error) }));
    for (const client of [this.queue.client, this.worker.client, this.worker.waitUntilReady()]) void client.then((ready) => this.heardAfterClose(ready), ignore);
    this.waiting = new WaitingJobs((job) => this.add(job), logger, spill);
    this.accepted = new AcceptedJobs(connections.commands, (jobId) => `${prefix}:${queueName}:${jobId}`, () => !connections.availability.away, (job) => this.add(job));
    connections.availability.listen({ changed: (_store, away) => (away ? undefined : void this.waiting.flush()) });
    // A cancel may arrive at any replica; the one running the job stops it, the one that accepted it lets it go.
    onCancel((jobId) => {
      this.accepted.forget(jobId);
      this.running.get(jobId)?.abort();
    });
  }

  /**
   * Queues a job; while Redis is away, or when it does not take the job within `jobAddDeadlineMs`
   * (a stall, which held the request for as long as it lasted), the job waits here and is queued
   * when Redis returns. A late add may still go through: the add from here then carries the same
   * job id, which BullMQ ignores while it holds that job (https://docs.bullmq.io/guide/jobs/job-ids,
   * taskforcesh/bullmq#941), and the job leaves this queue once the late add is known to be done.
   */
  async start(job: PluginJob): Promise<void> {
    if (this.connections.availability.away) {
      this.waiting.push(job);
      return this.accepted.hold(job);
    }
    this.accepted.hold(job);
    const adding = this.add(job);
    try {
      await withinMs(adding, jobAddDeadlineMs);
    } catch (error) {
      if (!isStoreOutage(error) && !(error instanceof RedisDeadlineError)) {
        this.accepted.forget(job.id);
        throw error;
      }
      this.connections.availability.failed(error);
      try {
        this.waiting.push(job);
      } catch (refused) {
        this.accepted.forget(job.id);
        throw refused;
      }
      adding.then(() => this.waiting.forget(job.id), ignore);
    }
  }

  async cancel(jobId: string, scope: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (job === undefined || conversationScope(job.data.keyId, job.data.conversationId) !== scope) return false;
    const state = await job.getState();
    if (state === 'waiting' || state === 'delayed' || state === 'prioritized') {
      await job.remove();
      // The replica that accepted it would otherwise queue it again, taking it for lost.
      this.accepted.forget(jobId);
      await this.commands.publish(this.cancelChannel, jobId);
      return true;
    }
    if (state !== 'active') return false;
    await this.commands.publish(this.cancelChannel, jobId);
    return true;
  }

  /**
   * Never throws and never waits long, whatever Redis does: a shutdown while Redis was away
   * rejected here at once (or waited for ever behind a half-open connection), and the gateway
   * skipped closing everything after it. Jobs left active stall and run again on another worker
   * or after the restart; jobs still waiting for Redis are spilled (WaitingJobs).
   */
  async close(): Promise<void> {
    for (const controller of this.running.values()) controller.abort(new GatewayShutdown('the gateway is shutting down'));
    if (!this.connections.availability.away && this.waiting.size > 0) await withinMs(this.waiting.flush(), queueCloseDeadlineMs).catch(() => {});
    this.waiting.close();
    this.accepted.close();
    // A worker closed while its connections are still being set up (Redis just back, a reconnect
    // pending) lets their setup fail afterwards on an emitter whose listeners BullMQ's close
    // removed: an unhandled rejection, which ends a Node process. With Redis there, that setup
    // ends within moments, so it is waited for (bounded); with Redis away it never ends, and never fails.
    if (!this.connections.availability.away) await withinMs(this.worker.waitUntilReady(), queueCloseDeadlineMs).catch(() => {});
    const closing = await Promise.allSettled([
      withinMs(this.worker.close(true), queueCloseDeadlineMs, 'the plugin job worker'),
      withinMs(this.queue.close(), queueCloseDeadlineMs, 'the plugin job queue'),
    ]);
    for (const outcome of closing) {
      if (outcome.status === 'rejected') this.logger.warn('plugin job queue not closed cleanly; its connections are closed with the others', { error: String(outcome.reason) });
    }
    // A close that failed (Redis away: "Stream isn't writeable") leaves a client reconnecting, which
    // keeps the process up past its shutdown.
    for (const client of this.clients) if (client.status !== 'end') client.disconnect();
  }

  /**
   * BullMQ takes its listeners off a client when it closes it, whether or not the close succeeded; a
   * client left connected then reports its next error to nobody (ioredis prints "Unhandled error
   * event"). This listener stays, and the client is ended after the close.
   */
  private heardAfterClose(client: BullmqClient): void {
    if (this.clients.has(client)) return;
    this.clients.add(client);
    client.on('error', ignore);
  }

  private add(job: PluginJob): Promise<unknown> {
    return this.queue.add('run', job, { jobId: job.id, removeOnComplete: { age: completedJobSeconds }, removeOnFail: 1000 });
  }
}
