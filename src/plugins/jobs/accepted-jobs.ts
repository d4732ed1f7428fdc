import type { Redis } from 'ioredis';
import type { PluginJob } from './plugin-job.js';
import { withinMs } from './redis-deadline.js';

/** How often the replica looks for its accepted jobs in Redis. */
export const acceptedJobsCheckMs = 2_000;
/**
 * How long BullMQ keeps a completed job (seconds), so that a job missing from Redis means Redis
 * lost it rather than that it ended between two checks (BullMQ removes old ones only as others end:
 * https://docs.bullmq.io/guide/queues/auto-removal-of-jobs).
 */
export const completedJobSeconds = 300;

/**
 * Jobs this replica told a caller had started, kept until Redis shows them taken by a worker
 * (which then runs on, and writes the result itself, whatever becomes of Redis).
 * A Redis without persistence that restarts comes back empty: a job still queued there was gone
 * without a trace, though its caller was told it would follow. Every `acceptedJobsCheckMs` the
 * replica reads each job it holds from BullMQ's job hash; one taken or finished is let go, one
 * Redis no longer has is queued again under the same id. A job that a worker took in the moment
 * before the restart, unseen, runs twice; one whose replica stopped meanwhile is not kept.
 */
export class AcceptedJobs {
  private readonly accepted = new Map<string, PluginJob>();
  private readonly timer: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly redis: Redis,
    /** BullMQ's key of a job's hash: `<prefix>:<queue>:<id>`. */
    private readonly jobKey: (jobId: string) => string,
    private readonly reachable: () => boolean,
    private readonly add: (job: PluginJob) => Promise<unknown>,
  ) {
    this.timer = setInterval(() => void this.check(), acceptedJobsCheckMs);
    this.timer.unref();
  }

  get size(): number {
    return this.accepted.size;
  }

  hold(job: PluginJob): void {
    this.accepted.set(job.id, job);
  }

  /** A job this process ran, or one cancelled: there is nothing left to keep. */
  forget(jobId: string): void {
    this.accepted.delete(jobId);
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** One look at every held job; errors leave them for the next. */
  async check(): Promise<void> {
    if (this.checking || this.accepted.size === 0 || !this.reachable()) return;
    this.checking = true;
    try {
      const held = [...this.accepted.values()];
      const pipeline = this.redis.pipeline();
      for (const job of held) pipeline.exists(this.jobKey(job.id)).hmget(this.jobKey(job.id), 'processedOn', 'finishedOn');
      const replies = await withinMs(pipeline.exec(), acceptedJobsCheckMs);
      // No answer for each job is no sign of a lost one: they stay held for the next check.
      if (replies === null || replies.length < held.length * 2) return;
      const lost: PluginJob[] = [];
      held.forEach((job, index) => {
        const [existsError, exists] = replies[index * 2] ?? [];
        const [fieldsError, fields] = replies[index * 2 + 1] ?? [];
        if (existsError || fieldsError || this.accepted.get(job.id) !== job) return;
        const taken = ((fields ?? []) as Array<string | null>).some((field) => field !== null);
        if (exists !== 1) lost.push(job);
        else if (taken) this.forget(job.id);
      });
      for (const job of lost) await withinMs(this.add(job), acceptedJobsCheckMs);
    } catch {
      // Redis away or slow: the jobs stay held, and the next check tries again.
    } finally {
      this.checking = false;
    }
  }
}
