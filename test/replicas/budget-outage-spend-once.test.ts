/**
 * Two replicas spend under a budget while Redis is away from both. Redis returns to one first,
 * which has the ledger checked and raised to the records; those already hold the other replica's
 * outage spend (the database stayed up). When Redis returns to the other, its outage spend was
 * then added again: the ledger held $7 against $4 recorded, and the key stayed refused early for
 * the rest of its period. Each replica reaches the machine's Redis through a TcpProxy of its own,
 * under a prefix of this test's own; PostgreSQL is the machine's, in a database of its own.
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

const prefix = `interlingua-test-outage-spend-once-${randomUUID()}:`;
const checks = { afterMs: 200, forMs: 1_500 };
let database: TestDatabase;
let store: Store;
let proxies: TcpProxy[];
const running: BudgetReplica[] = [];

before(async () => {
  database = await createTestDatabase();
  store = await openStore({ kind: 'postgres', url: database.url });
  proxies = await Promise.all([new TcpProxy(machineRedisPort).start(), new TcpProxy(machineRedisPort).start()]);
});
after(async () => {
  for (const proxy of proxies) proxy.set('pass');
  await Promise.all(running.map((replica) => replica.close()));
  const redis = new Redis(machineRedisUrl);
  const names = await redis.keys(`${prefix}*`);
  if (names.length > 0) await redis.del(...names);
  redis.disconnect();
  await Promise.all(proxies.map((proxy) => proxy.stop()));
  await store.close();
  await database.drop();
});

test('outage spend already in the records a ledger was raised to is not added to it again', { timeout: 30_000 }, async () => {
  const [toA, toB] = proxies as [TcpProxy, TcpProxy];
  const a = new BudgetReplica(`redis://${toA.url}`, prefix, store, checks);
  const b = new BudgetReplica(`redis://${toB.url}`, prefix, store, checks);
  running.push(a, b);
  await Promise.all([a.ready(), b.ready()]);
  const key = `key-${randomUUID()}`;
  assert.equal(await a.spent(key), 0);

  toA.set('reset');
  toB.set('reset');
  await until(() => a.redis.availability.away && b.redis.availability.away, 5_000, 'both replicas see Redis away');
  await a.answer(key, 1);
  await b.answer(key, 3);
  await Promise.all([a.usage.flush(), b.usage.flush()]);
  assert.equal(await recordedSpend(store, key), 4);

  toA.set('pass');
  await until(() => !a.redis.availability.away, 5_000, 'replica a sees Redis back');
  let seen = 0;
  await until(async () => (seen = await a.spent(key)) === 4, 5_000, 'replica a has the ledger raised to the records').catch((error: unknown) => {
    throw new Error(`${String(error)}; it held $${seen}`);
  });

  toB.set('pass');
  await until(() => !b.redis.availability.away, 5_000, 'replica b sees Redis back');
  // b's return adds its outage spend (or declines to) before its next budget check is answered.
  assert.equal(await b.spent(key), 4, 'b\'s $3 is counted once');
  await sleep(checks.afterMs * 2);
  assert.equal(await a.spent(key), 4, 'and the ledger stays at the records');
});
