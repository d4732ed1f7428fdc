/**
 * Budget holds on Redis (src/limits/redis-limiter.ts), as two replicas share them: requests
 * admitted together on both hold what they may cost, so together they fit the budget; a hold is
 * let go of when its request ends, and one left by a replica that died expires.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisLimiter } from '../../src/limits/redis-limiter.js';
import { machineRedisUrl, until } from './support/plugin-jobs.js';
import { answerAll, budgetKey, burst, gateOver } from '../limits/support/budget-gates.js';

const prefix = `interlingua-test-holds-${randomUUID()}:`;
const connections: Redis[] = [];

function replica(holdTtlMs?: number): RedisLimiter {
  const redis = new Redis(machineRedisUrl);
  connections.push(redis);
  return new RedisLimiter(redis, prefix, undefined, undefined, holdTtlMs);
}

after(async () => {
  const cleaner = connections[0];
  if (cleaner !== undefined) {
    const names = await cleaner.keys(`${prefix}*`);
    if (names.length > 0) await cleaner.del(...names);
  }
  for (const redis of connections) redis.disconnect();
});

test('two replicas, 20 requests at once against $1, each holding $0.30: 3 admitted in all, their spend within $1', async () => {
  const gates = [gateOver(replica()), gateOver(replica())];
  const key = budgetKey(1);
  const { admitted, refused } = await burst(gates, key, 0.3, 20);
  assert.equal(admitted.length, 3);
  assert.equal(refused, 17);
  await answerAll(admitted, key, 0.25);
  assert.equal((await burst(gates, key, 0.3, 2)).admitted.length, 0, '$0.25 left: no room for $0.30');
  assert.equal((await burst(gates, key, 0.2, 2)).admitted.length, 1, 'room for one $0.20');
});

test('a request that fails lets go of its hold; a hold its replica never let go of expires', async () => {
  const key = budgetKey(1);
  const living = gateOver(replica());
  const failing = await burst([living], key, 0.8, 1);
  assert.equal((await burst([living], key, 0.8, 1)).refused, 1);
  await answerAll(failing.admitted, key, 0);
  const dying = await burst([gateOver(replica(300))], key, 0.8, 1);
  assert.equal(dying.admitted.length, 1, 'the failed request\'s hold was let go of');
  // The replica that took it dies: nothing lets go of it, until it expires.
  assert.equal((await burst([living], key, 0.8, 1)).refused, 1);
  await until(async () => (await burst([living], key, 0.8, 1)).admitted.length === 1, 10_000, 'the dead replica\'s hold expired');
});
