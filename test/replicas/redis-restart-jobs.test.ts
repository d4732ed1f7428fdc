/**
 * Async plugin jobs when Redis restarts empty (no persistence): a job this replica accepted and
 * queued, but that no worker had taken yet, is run once Redis is back, and the replica keeps
 * working: jobs started afterwards run. On a private Redis server, stopped and started again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { RedisConnections } from '../../src/store/redis-connections.js';
import { redisJobBackend } from '../../src/plugins/jobs/redis-job-backend.js';
import { silentLogger } from '../../src/gateway/logger.js';
import type { PluginJob } from '../../src/plugins/jobs/plugin-job.js';
import { PrivateRedis } from './support/private-redis.js';
import { until } from './support/plugin-jobs.js';

/** The worker's concurrency (bullmq-job-queue.ts): one more job than this waits in the queue. */
const workerConcurrency = 64;

function pluginJob(name: string): PluginJob {
  return { id: `job_${name}_${randomUUID().replaceAll('-', '')}`, plugin: 'ping', tool: 'ping', args: {}, conversationId: 'restart-trip', startedAt: Date.now() };
}

test('a queued job is run after Redis restarted empty, and jobs started afterwards run', { timeout: 60_000 }, async (t) => {
  const redis = await PrivateRedis.create();
  const connections = new RedisConnections(redis.url);
  const started = new Set<string>();
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const backend = redisJobBackend(connections, `interlingua-test-${randomUUID()}`, { logger: silentLogger })(async (job) => {
    started.add(job.id);
    await released;
  });
  t.after(async () => {
    release();
    if (!redis.running) await redis.start();
    await backend.queue.close();
    await backend.broadcast.close();
    await connections.close();
    await redis.stop();
  });
  await connections.ready(5_000);

  // The worker busy with as many jobs as it runs at once, and one more queued behind them.
  const busy = Array.from({ length: workerConcurrency }, (_, index) => pluginJob(`busy${index}`));
  for (const job of busy) await backend.queue.start(job);
  await until(() => started.size === workerConcurrency, 15_000, 'the worker runs its share');
  const queued = pluginJob('queued');
  await backend.queue.start(queued);
  assert.equal(started.has(queued.id), false);

  await redis.stop();
  await redis.start();
  await until(() => !connections.availability.away && connections.commands.status === 'ready', 15_000, 'Redis is seen again');
  release();

  const later = pluginJob('later');
  await backend.queue.start(later);
  await until(() => started.has(later.id), 20_000, 'a job started after the restart runs');
  await until(() => started.has(queued.id), 20_000, 'the job queued before the restart runs');
});
