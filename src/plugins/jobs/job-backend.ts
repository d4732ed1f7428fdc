import type { GatewayConfig } from '../../config/resolved-config.js';
import type { JobBackend } from '../plugin-service.js';
import { InProcessJobQueue, type JobExecutor } from './in-process-queue.js';
import { MemoryResultInbox } from './result-inbox.js';
import { LocalResultBroadcast } from './result-broadcast.js';
import { redisJobBackend } from './redis-job-backend.js';
import type { RedisConnections } from '../../store/redis-connections.js';
import type { Logger } from '../../gateway/logger.js';

/** Jobs, results and events in this process: the default without Redis. */
export function inProcessJobBackend(execute: JobExecutor, logger?: Logger): JobBackend {
  return { queue: new InProcessJobQueue(execute), inbox: new MemoryResultInbox(Date.now, logger !== undefined ? { logger } : {}), broadcast: new LocalResultBroadcast() };
}

/**
 * In-process without Redis (`local`: this process alone, or the workers of `serve --workers N`
 * through their primary); with `redis:` configured, a BullMQ queue and pub/sub shared by the replicas.
 */
export function jobBackendFor(config: GatewayConfig, connections: RedisConnections | undefined, logger: Logger, local: (execute: JobExecutor, logger: Logger) => JobBackend = inProcessJobBackend): (execute: JobExecutor) => JobBackend {
  // Without plugins no Redis connection is opened for them.
  if (config.redis === undefined || connections === undefined || config.plugins.size === 0) return (execute) => local(execute, logger);
  return redisJobBackend(connections, config.redis.keyPrefix ?? 'interlingua', { logger, ...(config.jobSpillFile !== undefined ? { spillFile: config.jobSpillFile } : {}) });
}
