/**
 * Async plugin results when Redis restarts empty (no persistence): a finished job's result that
 * waited for the conversation's next turn is still there after the restart, a job running across
 * it stores its result once it ends, and a result a turn already took does not come back. On a
 * private Redis server, stopped and started again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { RedisConnections } from '../../src/store/redis-connections.js';
import { redisJobBackend } from '../../src/plugins/jobs/redis-job-backend.js';
import { conversationScope } from '../../src/plugins/jobs/result-inbox.js';
import { keptResultsCheckMs } from '../../src/plugins/jobs/kept-results.js';
import { silentLogger } from '../../src/gateway/logger.js';
import type { PluginJob, PluginJobResult } from '../../src/plugins/jobs/plugin-job.js';
import { PrivateRedis } from './support/private-redis.js';
import { until } from './support/plugin-jobs.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pluginJob(conversationId: string): PluginJob {
  return { id: `job_${randomUUID().replaceAll('-', '')}`, plugin: 'ping', tool: 'ping', args: {}, conversationId, startedAt: Date.now() };
}

test('results survive a Redis restart until a turn takes them, and taken ones stay taken', { timeout: 60_000 }, async (t) => {
  const redis = await PrivateRedis.create();
  const connections = new RedisConnections(redis.url);
  const finished = new Set<string>();
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  type Backend = ReturnType<ReturnType<typeof redisJobBackend>>;
  // What PluginService.runJob does with a job's outcome: store it for the next turn, and publish it.
  const backend: Backend = redisJobBackend(connections, `interlingua-test-${randomUUID()}`, { logger: silentLogger })(async (job) => {
    if (job.conversationId === 'running') await released;
    const result: PluginJobResult = { type: 'plugin.result', job: job.id, plugin: job.plugin, tool: job.tool, conversation: job.conversationId, ok: true, text: `done ${job.id}`, startedAt: job.startedAt, finishedAt: Date.now() };
    const scope = conversationScope(job.keyId, job.conversationId);
    await backend.inbox.add(scope, result);
    await backend.broadcast.publish(scope, result);
    finished.add(job.id);
  });
  t.after(async () => {
    release();
    if (!redis.running) await redis.start();
    await backend.queue.close();
    await backend.inbox.close();
    await backend.broadcast.close();
    await connections.close();
    await redis.stop();
  });
  await connections.ready(5_000);
  const scope = (conversation: string) => conversationScope(undefined, conversation);

  const waiting = pluginJob('waiting');
  const taken = pluginJob('taken');
  const running = pluginJob('running');
  for (const job of [waiting, taken, running]) await backend.queue.start(job);
  await until(() => finished.has(waiting.id) && finished.has(taken.id), 15_000, 'two jobs finish');
  assert.deepEqual((await backend.inbox.take(scope('taken'))).map((result) => result.job), [taken.id]);
  // Long enough for the replica to have seen the taken result gone before Redis goes.
  await sleep(keptResultsCheckMs * 2);

  await redis.stop();
  await redis.start();
  await until(() => !connections.availability.away && connections.commands.status === 'ready', 15_000, 'Redis is seen again');
  release();
  await until(() => finished.has(running.id), 15_000, 'the running job finishes');

  let results: PluginJobResult[] = [];
  await until(async () => (results = [...results, ...(await backend.inbox.take(scope('waiting')))]).length > 0, 15_000, 'the waiting result is there again');
  assert.deepEqual(results.map((result) => result.job), [waiting.id]);
  assert.deepEqual((await backend.inbox.take(scope('running'))).map((result) => result.job), [running.id]);
  await sleep(keptResultsCheckMs * 2);
  assert.deepEqual(await backend.inbox.take(scope('taken')), []);
  assert.deepEqual(await backend.inbox.take(scope('waiting')), []);
});
