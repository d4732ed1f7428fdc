/**
 * A replica spends under a budget while Redis is away, and is stopped before Redis returns: its
 * outage spend, kept in its memory to be added to the shared ledger once Redis is back, was lost
 * with it ($176 recorded, $66 in the ledger), though its usage records reached the database. The
 * replica still running when Redis returns has every ledger checked against the records, so the
 * ledger must come to equal them. Redis is the machine's, through a TcpProxy that simulates the
 * outage, under a prefix of this test's own; PostgreSQL the machine's, in a database of its own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { openStore, type Store } from '../../src/store/open-store.js';
import { createTestDatabase, type TestDatabase } from '../store/postgres-database.js';
import { BudgetReplica, recordedSpend } from './support/budget-replica.js';
import { machineRedisPort, machineRedisUrl, until } from './support/plugin-jobs.js';
import { TcpProxy } from './support/tcp-proxy.js';

const prefix = `interlingua-test-outage-spend-${randomUUID()}:`;
// Marks last 1.5 s here: the one the first seed leaves is gone before the outage, so only the
// mark left when Redis returns can bring the ledger to the records.
const checks = { afterMs: 200, forMs: 1_500 };
let database: TestDatabase;
let store: Store;
let proxy: TcpProxy;
const running: BudgetReplica[] = [];

before(async () => {
  database = await createTestDatabase();
  store = await openStore({ kind: 'postgres', url: database.url });
  proxy = await new TcpProxy(machineRedisPort).start();
});
after(async () => {
  proxy.set('pass');
  await Promise.all(running.map((replica) => replica.close()));
  const redis = new Redis(machineRedisUrl);
  const names = await redis.keys(`${prefix}*`);
  if (names.length > 0) await redis.del(...names);
  redis.disconnect();
  await proxy.stop();
  await store.close();
  await database.drop();
});

test('outage spend of a replica stopped before Redis returns reaches the shared ledger', { timeout: 30_000 }, async () => {
  const a = new BudgetReplica(`redis://${proxy.url}`, prefix, store, checks);
  const b = new BudgetReplica(`redis://${proxy.url}`, prefix, store, checks);
  running.push(a);
  await Promise.all([a.ready(), b.ready()]);
  const key = `key-${randomUUID()}`;
  assert.equal(await a.spent(key), 0);
  await sleep(checks.forMs + 100);
  await a.answer(key, 4);
  await b.answer(key, 6);
  await Promise.all([a.usage.flush(), b.usage.flush()]);
  const raw = new Redis(machineRedisUrl);
  assert.equal(Number(await raw.get(`${prefix}spend:${key}:0`)), 10, 'the shared ledger holds both replicas\' spend');
  raw.disconnect();

  proxy.set('reset');
  await until(() => a.redis.availability.away && b.redis.availability.away, 5_000, 'both replicas see Redis away');
  assert.equal(await b.spent(key), 10, 'counted alone from the records');
  await b.answer(key, 20);
  await b.answer(key, 20);
  await b.close();
  const recorded = await recordedSpend(store, key);
  assert.equal(recorded, 50, 'the stopped replica wrote its records');

  proxy.set('pass');
  await until(() => !a.redis.availability.away, 5_000, 'the running replica sees Redis back');
  let seen = 0;
  await until(async () => (seen = await a.spent(key)) === recorded, 5_000, `the ledger comes to the records' $${recorded}`).catch((error: unknown) => {
    throw new Error(`${String(error)}; it held $${seen}, Redis away: ${a.redis.availability.away}`);
  });
  await a.answer(key, 1);
  await a.usage.flush();
  assert.equal(await a.spent(key), await recordedSpend(store, key), 'and then goes on counting from there');
});
