import type { Logger } from '../../gateway/logger.js';
import { waitingOptions, type RedisConnections } from '../../store/redis-connections.js';
import type { JobBackend } from '../plugin-service.js';
import { BullmqJobQueue } from './bullmq-job-queue.js';
import type { JobExecutor } from './in-process-queue.js';
import { JobSpill } from './job-spill.js';
import { RedisResultInbox } from './redis-result-inbox.js';
import { RedisResultBroadcast } from './redis-result-broadcast.js';

export interface RedisJobOptions {
  logger: Logger;
  /** Where jobs still waiting for Redis at a shutdown are kept for the next start (`redis.spillFile`). */
  spillFile?: string;
}

/**
 * Jobs on a BullMQ queue in Redis, shared by every replica with the same `redis.keyPrefix`: a job
 * started on one replica runs on whichever worker takes it, and its result reaches sockets held
 * by any replica over Redis pub/sub. Jobs live in Redis, so they survive a restart; one a
 * stopping gateway was running is taken up again once BullMQ finds it stalled.
 * Reference: https://docs.bullmq.io/guide/workers/stalled-jobs
 */
export function redisJobBackend(connections: RedisConnections, prefix: string, options: RedisJobOptions): (execute: JobExecutor) => JobBackend {
  return (execute) => {
    // A cancel is a request's: it may wait a moment (the command timeout), not for an outage.
    const commands = connections.open({ maxRetriesPerRequest: null, enableOfflineQueue: true });
    // A job's result is written and published here, and waits for Redis as long as it takes:
    // BullMQ's connections, not these, decide when a job runs, so one may finish while this
    // connection is still reconnecting, and a write failed then was a result lost (redis-result-inbox.ts).
    const results = connections.open(waitingOptions);
    const subscriber = connections.open(waitingOptions);
    const channels = { results: `${prefix}:plugin-results`, cancel: `${prefix}:plugin-cancel` };
    const broadcast = new RedisResultBroadcast(results, subscriber, channels, connections.availability);
    const spill = options.spillFile === undefined ? undefined : new JobSpill(options.spillFile);
    const queue = new BullmqJobQueue(connections, prefix, commands, channels.cancel, (listener) => broadcast.onCancel(listener), execute, options.logger, spill);
    return { queue, inbox: new RedisResultInbox(connections.commands, prefix, connections.availability, results), broadcast };
  };
}
