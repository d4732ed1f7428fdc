/**
 * Redis loses its data (a restart without persistence, an eviction) while two replicas spend
 * under one budget. The ledger is seeded again from the usage records, but each replica writes
 * its records in batches: spend finished just before the seed is in neither (it once stayed
 * out for good: $880 recorded, $814 in the ledger). The seeded ledger is checked against the
 * records once they are written, and must end equal to them. PostgreSQL and Redis are the
 * machine's; the database is this test's own, the Redis keys under a prefix of its own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { openStore, type Store } from '../../src/store/open-store.js';
import { createTestDatabase, type TestDatabase } from '../store/postgres-database.js';
import { BudgetReplica, recordedSpend } from './support/budget-replica.js';
import { machineRedisUrl } from './support/plugin-jobs.js';

const prefix = `interlingua-test-ledger-${randomUUID()}:`;
const checks = { afterMs: 200, forMs: 60_000 };
let database: TestDatabase;
let store: Store;
let redis: Redis;
const replicas: BudgetReplica[] = [];

before(async () => {
  database = await createTestDatabase();
  store = await openStore({ kind: 'postgres', url: database.url });
  redis = new Redis(machineRedisUrl);
});
after(async () => {
  await Promise.all(replicas.map((replica) => replica.close()));
  await dropKeys();
  redis.disconnect();
  await store.close();
  await database.drop();
});

/** Every key of this test's prefix: what a Redis that lost its data no longer holds. */
async function dropKeys(): Promise<void> {
  const names = await redis.keys(`${prefix}*`);
  if (names.length > 0) await redis.del(...names);
}

function replica(): BudgetReplica {
  const made = new BudgetReplica(machineRedisUrl, prefix, store, checks);
  replicas.push(made);
  return made;
}

test('a ledger seeded again after Redis lost its data ends equal to the usage records', { timeout: 30_000 }, async () => {
  const [a, b] = [replica(), replica()];
  await Promise.all([a.ready(), b.ready()]);
  const key = `key-${randomUUID()}`;
  assert.equal(await a.spent(key), 0);
  await a.answer(key, 5);
  await a.usage.flush();
  await a.answer(key, 7); // counted in the ledger, its record not yet written
  assert.equal(await b.spent(key), 12);

  await dropKeys();
  await b.answer(key, 3); // no ledger to add to; its record not yet written either
  assert.equal(await b.spent(key), 5, 'seeded again from what the records held then');

  await Promise.all([a.usage.flush(), b.usage.flush()]);
  const recorded = await recordedSpend(store, key);
  assert.equal(recorded, 15);
  await sleep(checks.afterMs + 50);
  assert.equal(await a.spent(key), recorded, 'the ledger caught up with the records once they were written');

  await b.answer(key, 2);
  await Promise.all([a.usage.flush(), b.usage.flush()]);
  await sleep(checks.afterMs + 50);
  assert.equal(await b.spent(key), await recordedSpend(store, key), 'later spend counted once, and the check does not add it again');
  assert.equal(await a.spent(key), 17);
});
