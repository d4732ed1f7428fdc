import type { Logger } from '../../gateway/logger.js';
import type { JobSpill } from './job-spill.js';
import type { PluginJob } from './plugin-job.js';
import { withinMs } from './redis-deadline.js';

/**
 * Most jobs one replica holds while Redis is away. Each is small, but a model calling an async
 * plugin in a loop through a long outage would otherwise grow the process without end; past the
 * limit a job is refused, which the model is told ("the tool could not be started") as with any
 * job that cannot start, and the first refusal of an outage is logged as a warning.
 */
export const maxWaitingJobs = 10_000;
/**
 * How long queueing one job may take: BullMQ's `add` has no timeout of its own, and behind a
 * stalled Redis it waits as long as the stall lasts. A job started on a request waits this long
 * at most before it waits here instead; a waiting one is tried again after it.
 */
export const jobAddDeadlineMs = 2_000;
const retryMs = 1_000;

/**
 * Jobs started while Redis was away, queued in order once it is back (`flush`, and every second
 * while any wait). At a shutdown, what still waits goes to the spill file, read back here at the
 * next start; without a spill file, or when it cannot be written, each such job is logged at
 * error level as lost, so none disappears without a word.
 */
export class WaitingJobs {
  private readonly jobs: PluginJob[];
  private retryTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  private refusing = false;
  /** Whether the spill file still holds jobs of an earlier run, to be rewritten as they are queued. */
  private spillHolds: boolean;

  constructor(
    private readonly add: (job: PluginJob) => Promise<unknown>,
    private readonly logger: Logger,
    private readonly spill: JobSpill | undefined,
    private readonly limit = maxWaitingJobs,
  ) {
    this.jobs = readSpill(spill, logger);
    this.spillHolds = this.jobs.length > 0;
    if (this.jobs.length > 0) {
      logger.info('plugin jobs spilled at the last shutdown wait for Redis again', { jobs: this.jobs.length, file: spill?.path });
      this.scheduleRetry();
    }
  }

  get size(): number {
    return this.jobs.length;
  }

  /** Holds a job until Redis takes it; throws when `limit` jobs already wait. */
  push(job: PluginJob): void {
    if (this.jobs.length >= this.limit) {
      if (!this.refusing) this.logger.warn('plugin jobs waiting for Redis reached their limit; more are refused until Redis takes them', { limit: this.limit });
      this.refusing = true;
      throw new Error(`${this.limit} jobs already wait for Redis on this gateway`);
    }
    this.jobs.push(job);
    this.scheduleRetry();
  }

  /** Lets go of a job Redis took after all (an add that outlived its deadline and then went through). */
  forget(jobId: string): void {
    const index = this.jobs.findIndex((job) => job.id === jobId);
    // The first job may be being added right now; that add finds it gone or queues it again (a no-op then).
    if (index >= 0) this.jobs.splice(index, 1);
  }

  /** Queues the waiting jobs in order; stops at the first that fails, to be tried again a second later. */
  flush(): Promise<void> {
    this.flushing ??= this.addInOrder().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Stops retrying; what still waits is written to the spill file, or logged as lost. */
  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const left = this.jobs.splice(0);
    if (this.spill !== undefined) {
      try {
        this.spill.write(left);
        if (left.length > 0) this.logger.warn('plugin jobs still waiting for Redis are kept in the spill file and queued at the next start', { jobs: left.length, file: this.spill.path });
        return;
      } catch (error) {
        this.logger.error('plugin jobs still waiting for Redis could not be written to the spill file', { file: this.spill.path, error: String(error) });
      }
    }
    for (const job of left) {
      this.logger.error('plugin job lost: it was still waiting for Redis when the gateway stopped', { job: job.id, plugin: job.plugin, tool: job.tool, conversation: job.conversationId });
    }
  }

  private async addInOrder(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const before = this.jobs.length;
    while (this.jobs.length > 0 && !this.closed) {
      const job = this.jobs[0] as PluginJob;
      try {
        // BullMQ ignores an add whose job id it still holds (https://docs.bullmq.io/guide/jobs/job-ids),
        // so only a timed-out add that went through and whose job already ran could run twice.
        await withinMs(this.add(job), jobAddDeadlineMs);
        if (this.jobs[0] === job) this.jobs.shift();
      } catch {
        this.scheduleRetry();
        break;
      }
    }
    if (this.jobs.length < this.limit) this.refusing = false;
    // Spilled jobs leave the file as they are queued; those left stay in it, so a crash loses none.
    if (this.spillHolds && !this.closed && this.jobs.length !== before) this.keepSpill();
  }

  private keepSpill(): void {
    try {
      this.spill?.write(this.jobs);
      this.spillHolds = this.jobs.length > 0;
    } catch (error) {
      this.logger.warn('could not update the plugin job spill file', { file: this.spill?.path, error: String(error) });
    }
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer !== undefined) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, retryMs);
    this.retryTimer.unref();
  }
}

function readSpill(spill: JobSpill | undefined, logger: Logger): PluginJob[] {
  if (spill === undefined) return [];
  try {
    return spill.read();
  } catch (error) {
    logger.error('could not read the plugin job spill file', { file: spill.path, error: String(error) });
    return [];
  }
}
