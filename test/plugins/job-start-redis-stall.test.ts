/**
 * Starting an async plugin job while Redis stalls (a frozen server, a black-holed route): BullMQ's
 * `add` has no timeout of its own, so the request that started the job waited for as long as the
 * stall lasted. The start now gives up on Redis after a bound, marks it away, and keeps the job
 * waiting on this replica until Redis returns; the job then runs once, since BullMQ ignores an add
 * whose job id it still holds (https://docs.bullmq.io/guide/jobs/job-ids, taskforcesh/bullmq#941).
 * Through a TcpProxy in front of the machine's Redis, under a key prefix of this run's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisConnections } from '../../src/store/redis-connections.js';
import { redisJobBackend } from '../../src/plugins/jobs/redis-job-backend.js';
import { jobAddDeadlineMs } from '../../src/plugins/jobs/waiting-jobs.js';
import { silentLogger } from '../../src/gateway/logger.js';
import type { PluginJob } from '../../src/plugins/jobs/plugin-job.js';
import { TcpProxy } from '../replicas/support/tcp-proxy.js';
import { machineRedisPort, machineRedisUrl, until } from '../replicas/support/plugin-jobs.js';

function pingJob(): PluginJob {
  return { id: `job_${randomUUID().replaceAll('-', '')}`, plugin: 'ping', tool: 'ping', args: {}, conversationId: 'stall-trip', startedAt: Date.now() };
}

test('a job started while Redis stalls is answered within the add deadline, waits here, and runs once when Redis returns', { timeout: 60_000 }, async (t) => {
  const prefix = `interlingua-test-fix-outage-${randomUUID()}`;
  const proxy = await new TcpProxy(machineRedisPort).start();
  const connections = new RedisConnections(`redis://${proxy.url}`);
  const ran: string[] = [];
  const backend = redisJobBackend(connections, prefix, { logger: silentLogger })(async (job) => {
    ran.push(job.id);
  });
  t.after(async () => {
    proxy.set('pass');
    await backend.queue.close();
    await backend.broadcast.close();
    await connections.close();
    const cleaner = new Redis(machineRedisUrl);
    const keys = await cleaner.keys(`${prefix}*`);
    if (keys.length > 0) await cleaner.del(...keys);
    await cleaner.quit();
    await proxy.stop();
  });
  await connections.ready(5_000);
  const warm = pingJob();
  await backend.queue.start(warm);
  await until(() => ran.includes(warm.id), 10_000, 'a job runs while Redis answers');

  proxy.set('stall');
  const stalled = pingJob();
  const started = Date.now();
  const outcome = await Promise.race([
    backend.queue.start(stalled).then(() => 'started'),
    new Promise((resolve) => setTimeout(resolve, jobAddDeadlineMs + 3_000, 'still waiting')),
  ]);
  assert.equal(outcome, 'started', 'the start does not wait for the stall to end');
  assert.ok(Date.now() - started < jobAddDeadlineMs + 1_000, `answered in ${Date.now() - started} ms`);
  assert.equal(connections.availability.away, true, 'Redis counts as away');

  proxy.set('pass');
  await until(() => ran.includes(stalled.id), 20_000, 'the job runs once Redis is back');
  // Both the late add and the one from the waiting queue reach Redis; the job still runs once.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  assert.equal(ran.filter((id) => id === stalled.id).length, 1);
});
