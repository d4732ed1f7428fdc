/**
 * The gateway's Redis connections when Redis goes away, through a TCP proxy the test controls in
 * front of the Redis every developer machine runs (127.0.0.1:6379): a command on a dead
 * connection fails at once (no offline queue, no retries: ioredis's defaults held each request
 * 2.4 s and then failed it), a stalled one after the command timeout, the outage is seen, and
 * the connection comes back by itself.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { RedisConnections } from '../../src/store/redis-connections.js';
import { isStoreOutage } from '../../src/store/store-outage.js';
import { TcpProxy } from '../replicas/support/tcp-proxy.js';

const redisPort = Number(new URL(process.env['INTERLINGUA_TEST_REDIS'] ?? 'redis://127.0.0.1:6379').port || 6379);
const proxy = await new TcpProxy(redisPort).start();
const connections = new RedisConnections(`redis://${proxy.url}`);
after(async () => {
  await connections.close();
  await proxy.stop();
});

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 400 && !check(); tries++) await sleep(25);
  assert.ok(check(), 'condition not met in time');
}

async function failure(work: Promise<unknown>): Promise<Error> {
  try {
    await work;
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected the command to fail');
}

test('a reset connection fails commands at once, is seen as an outage, and comes back', async () => {
  await connections.ready(10_000);
  assert.equal(await connections.commands.ping(), 'PONG');
  proxy.set('reset');
  await until(() => connections.availability.away);
  const error = await failure(connections.commands.get('interlingua-test:any'));
  assert.match(error.message, /enableOfflineQueue/, 'refused without being queued or retried');
  assert.ok(isStoreOutage(error));
  proxy.set('pass');
  await until(() => !connections.availability.away);
  assert.equal(await connections.commands.ping(), 'PONG');
});

test('a stalled connection fails commands after the command timeout, and a probe finds Redis again', async () => {
  await connections.ready(10_000);
  proxy.set('stall');
  const error = await failure(connections.commands.get('interlingua-test:any'));
  assert.match(error.message, /Command timed out/);
  assert.ok(isStoreOutage(error));
  connections.availability.failed(error);
  // A timeout alone is confirmed by a check of the connections first (the process may have stalled).
  await until(() => connections.availability.away);
  proxy.set('pass');
  await until(() => !connections.availability.away);
});
