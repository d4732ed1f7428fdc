/**
 * A Redis connection that reconnects into a black hole: TCP is accepted, but its ready check is
 * never answered, and ioredis gives that check no deadline once TCP is up
 * (https://github.com/redis/ioredis/issues/634; a connection without a command timeout, as a
 * subscriber is, waits on it for good). When the route comes back such a connection stayed stuck,
 * was never pinged (it is not ready), so never dropped, and Redis counted as away for good. And
 * one connection becoming ready marked Redis back while the others were still dead. Through a
 * TcpProxy in front of the machine's Redis: `stall` is the black hole, `halfopen` then lets new
 * connections through while those open stay silent (the route restored, or a failover).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { RedisConnections, waitingOptions } from '../../src/store/redis-connections.js';
import { TcpProxy } from '../replicas/support/tcp-proxy.js';
import { machineRedisPort, until } from '../replicas/support/plugin-jobs.js';

async function stuckSubscriber(t: test.TestContext, handshakeMs: number) {
  const proxy = await new TcpProxy(machineRedisPort).start();
  const connections = new RedisConnections(`redis://${proxy.url}`, { handshakeMs, checkMs: 500 });
  const subscriber = connections.open(waitingOptions);
  t.after(async () => {
    proxy.set('pass');
    await connections.close();
    await proxy.stop();
  });
  await connections.ready(5_000);
  await subscriber.subscribe('interlingua-test-fix-outage-handshake');
  proxy.set('stall');
  await until(() => connections.availability.away, 10_000, 'the stall is seen');
  // Dropped for not answering its ping, the subscriber dials again into the black hole.
  await until(() => subscriber.status === 'connect', 15_000, 'the subscriber waits on its ready check');
  proxy.set('halfopen');
  return { connections, subscriber };
}

test('a connection stuck in its ready check is dialled again, and Redis counts as back', { timeout: 60_000 }, async (t) => {
  const { connections, subscriber } = await stuckSubscriber(t, 1_000);
  await until(() => !connections.availability.away, 15_000, 'Redis counts as back');
  assert.equal(subscriber.status, 'ready');
  assert.equal(connections.commands.status, 'ready');
});

test('Redis is not marked back while one connection is still stuck, though another is ready', { timeout: 60_000 }, async (t) => {
  const { connections, subscriber } = await stuckSubscriber(t, 600_000);
  let seenBack = false;
  const started = Date.now();
  // The shared fail-fast connection dials again through the restored route by itself.
  while (connections.commands.status !== 'ready' && Date.now() - started < 15_000) {
    seenBack ||= !connections.availability.away;
    await sleep(5);
  }
  assert.equal(connections.commands.status, 'ready', 'the shared connection is back');
  for (const until = Date.now() + 1_500; Date.now() < until; await sleep(5)) seenBack ||= !connections.availability.away;
  assert.equal(subscriber.status, 'connect', 'the subscriber is still stuck');
  assert.equal(seenBack, false, 'Redis never counted as back meanwhile');
});
