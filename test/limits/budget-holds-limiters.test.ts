/**
 * Budget holds (src/gateway/access-gate.ts) in one process and across `serve --workers` (the
 * primary's counters), and during a Redis outage (each replica against its share): requests
 * admitted together hold what they may cost, so together they fit the budget, and a hold is let
 * go of when its request ends, or its worker exits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryLimiter } from '../../src/limits/memory-limiter.js';
import { ClusterLimitsHost } from '../../src/limits/cluster-limits-host.js';
import { OutageTolerantLimiter } from '../../src/limits/outage-tolerant-limiter.js';
import type { Limiter } from '../../src/limits/limiter.js';
import { StoreAvailability } from '../../src/store/store-availability.js';
import { workerOn, settle } from './support/cluster-channel.js';
import { answerAll, budgetKey, burst, gateOver } from './support/budget-gates.js';

test('in one process: 20 requests at once against $1, each holding $0.30, admit 3; their spend stays within $1', async () => {
  const gate = gateOver(new MemoryLimiter());
  const key = budgetKey(1);
  const { admitted, refused } = await burst([gate], key, 0.3, 20);
  assert.equal(admitted.length, 3);
  assert.equal(refused, 17);
  await answerAll(admitted, key, 0.25);
  // $0.75 spent, $0.25 left: less than one more hold.
  assert.equal((await burst([gate], key, 0.3, 1)).refused, 1);
  assert.equal((await burst([gate], key, 0.2, 1)).admitted.length, 1, 'a smaller one fits');
});

test('across workers: 20 requests at once on two workers admit 3 in all, through the primary', async () => {
  const host = new ClusterLimitsHost(new MemoryLimiter());
  const workers = [workerOn(host), workerOn(host)];
  const gates = workers.map((worker) => gateOver(worker.limiter));
  const key = budgetKey(1);
  const { admitted, refused } = await burst(gates, key, 0.3, 20);
  assert.equal(admitted.length, 3);
  assert.equal(refused, 17);
  await answerAll(admitted, key, 0.3);
  assert.equal((await burst(gates, key, 0.05, 4)).admitted.length, 2, '$0.10 left after $0.90 spent');
});

test('a worker that exits lets go of its holds', async () => {
  const host = new ClusterLimitsHost(new MemoryLimiter());
  const [a, b] = [workerOn(host), workerOn(host)];
  const key = budgetKey(1);
  const held = await burst([gateOver(a.limiter)], key, 0.6, 1);
  assert.equal(held.admitted.length, 1);
  const other = gateOver(b.limiter);
  assert.equal((await burst([other], key, 0.6, 1)).refused, 1, 'the first worker\'s hold leaves no room');
  a.mute();
  a.connection.gone();
  await settle();
  assert.equal((await burst([other], key, 0.6, 1)).admitted.length, 1);
});

test('during a Redis outage two replicas hold against their shares: 20 requests at once admit 4 of $0.20 against $1', async () => {
  // Redis as ioredis fails with the offline queue off while it is down.
  const away = () => Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false"));
  const redis: Limiter = { admitRequest: away, admitTokens: away, addTokens: away, spent: away, addSpend: away, reserveSpend: away, releaseSpend: away, close: async () => {} };
  const availability = new StoreAvailability('redis', away, 60_000);
  const gates = [0, 1].map(() => gateOver(new OutageTolerantLimiter(redis, availability, () => 2, 'degrade')));
  const key = budgetKey(1);
  const { admitted, refused } = await burst(gates, key, 0.2, 20);
  // Each replica's holds count twice (once per replica): two of $0.20 each, $0.80 of $1 as counted.
  assert.equal(admitted.length, 4);
  assert.equal(refused, 16);
  await answerAll(admitted.slice(0, 2), key, 0);
  assert.equal((await burst(gates, key, 0.2, 20)).admitted.length, 2, 'the holds let go of free room again');
});
