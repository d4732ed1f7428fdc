/**
 * A job's result is kept when Redis has just come back. BullMQ's worker runs on connections of
 * its own, which may be back before the gateway's shared fail-fast connection, still waiting out
 * its reconnect backoff. A result written then on the shared connection was refused at once
 * ("Stream isn't writeable and enableOfflineQueue options is false", ioredis `sendCommand`,
 * node_modules/ioredis/built/Redis.js), the job failed, and its caller never heard of it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisConnections } from '../../src/store/redis-connections.js';
import { redisJobBackend } from '../../src/plugins/jobs/redis-job-backend.js';
import { silentLogger } from '../../src/gateway/logger.js';
import type { PluginJobResult } from '../../src/plugins/jobs/plugin-job.js';
import { TcpProxy } from '../replicas/support/tcp-proxy.js';

const redisUrl = 'redis://127.0.0.1:6379';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > ms) assert.fail(`${what} within ${ms} ms`);
    await sleep(10);
  }
}

test('a result written while the shared Redis connection still reconnects is stored and published', { timeout: 30_000 }, async (t) => {
  const prefix = `interlingua-test-${randomUUID()}`;
  const proxy = new TcpProxy(6379);
  const listener = new Redis(redisUrl);
  let connections: RedisConnections | undefined;
  let backend: ReturnType<ReturnType<typeof redisJobBackend>> | undefined;
  t.after(async () => {
    proxy.set('pass');
    await backend?.queue.close();
    await backend?.broadcast.close();
    await connections?.close();
    const keys = await listener.keys(`${prefix}*`);
    if (keys.length > 0) await listener.del(...keys);
    await listener.quit();
    await proxy.stop();
  });
  await proxy.start();
  const subscriber = listener.duplicate();
  t.after(() => subscriber.quit());
  const published = new Promise<string>((resolve) => subscriber.on('message', (_channel: string, text: string) => resolve(text)));
  await subscriber.subscribe(`${prefix}:plugin-results`);
  connections = new RedisConnections(`redis://${proxy.url}`);
  backend = redisJobBackend(connections, prefix, { logger: silentLogger })(async () => {});
  const shared = connections.commands;
  await connections.ready(5_000);

  // Away long enough for the shared connection's backoff to grow past a few hundred ms.
  proxy.set('reset');
  await sleep(1_000);
  await until('the shared connection waits to reconnect', () => shared.status === 'reconnecting');
  proxy.set('pass');
  const scope = '-:outage-trip';
  const result: PluginJobResult = { type: 'plugin.result', job: 'job_outage', plugin: 'ping', tool: 'ping', conversation: 'outage-trip', ok: true, text: 'PING example.net', startedAt: 1, finishedAt: 2 };
  // What a job run by a worker that is already back does with its result, before the shared connection is.
  assert.equal(shared.status, 'reconnecting');
  await backend.inbox.add(scope, result);
  await backend.broadcast.publish(scope, result);

  assert.deepEqual(JSON.parse(await published), { scope, result });
  await until('Redis counts as back', () => shared.status === 'ready' && connections?.availability.away === false);
  assert.deepEqual(await backend.inbox.take(scope), [result]);
});
