/**
 * Limits while Redis is away: each replica counts alone and takes its share of the limit (the
 * limit divided by the replicas last seen), so all replicas together stay within it; a budget's
 * outage spend counts once per replica and reaches the shared ledger when Redis returns; with
 * `refuse`, requests that need a limit get a 503 instead.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutageTolerantLimiter } from '../../src/limits/outage-tolerant-limiter.js';
import { MemoryLimiter } from '../../src/limits/memory-limiter.js';
import type { Limiter } from '../../src/limits/limiter.js';
import { StoreAvailability } from '../../src/store/store-availability.js';
import { toInterlinguaError } from '../../src/gateway/http-io.js';

/** A shared limiter that fails as ioredis does with the offline queue off while Redis is down. */
function sharedLimiter(): { limiter: Limiter; down: boolean; calls: number; spendAdded: number } {
  const inner = new MemoryLimiter();
  const state = { down: false, calls: 0, spendAdded: 0, limiter: undefined as unknown as Limiter };
  const guard = <T>(work: () => Promise<T>) => {
    state.calls++;
    return state.down ? Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false")) : work();
  };
  state.limiter = {
    admitRequest: (key, rpm) => guard(() => inner.admitRequest(key, rpm)),
    admitTokens: (key, tpm) => guard(() => inner.admitTokens(key, tpm)),
    addTokens: (key, tokens) => guard(() => inner.addTokens(key, tokens)),
    spent: (key, start, recorded) => guard(() => inner.spent(key, start, recorded)),
    addSpend: (key, start, dollars) =>
      guard(async () => {
        state.spendAdded += dollars;
        await inner.addSpend(key, start, dollars);
      }),
    close: async () => {},
  };
  return state;
}

function replicas(count: number, policy: 'degrade' | 'refuse' = 'degrade') {
  const shared = sharedLimiter();
  const availability = new StoreAvailability('redis', async () => {
    if (shared.down) throw new Error('still down');
  }, 10);
  const limiters = Array.from({ length: count }, () => new OutageTolerantLimiter(shared.limiter, availability, () => count, policy));
  return { shared, availability, limiters };
}

test('three replicas without Redis allow at most the limit together, each its share', async () => {
  const { shared, availability, limiters } = replicas(3);
  shared.down = true;
  const firstOutcome = await (limiters[0] as Limiter).admitRequest('key', 10);
  const outcomes = [firstOutcome, ...(await Promise.all(Array.from({ length: 59 }, (_, index) => (limiters[(index + 1) % 3] as Limiter).admitRequest('key', 10))))];
  const allowed = outcomes.filter((outcome) => outcome.allowed).length;
  assert.equal(allowed, 9, 'floor(10 / 3) = 3 per replica');
  assert.equal(availability.away, true);
  assert.equal(shared.calls, 1, `once Redis is known to be away it is not asked again (${shared.calls} calls)`);
  availability.close();
});

test('a limit smaller than the replica count still lets one request through per replica (the documented margin)', async () => {
  const { shared, availability, limiters } = replicas(4);
  shared.down = true;
  const outcomes = await Promise.all(limiters.flatMap((limiter) => [limiter.admitRequest('key', 2), limiter.admitRequest('key', 2)]));
  assert.equal(outcomes.filter((outcome) => outcome.allowed).length, 4);
  availability.close();
});

test('outage spend counts once per replica against the budget, and reaches the shared ledger when Redis returns', async () => {
  const { shared, availability, limiters } = replicas(2);
  const first = limiters[0] as Limiter;
  assert.equal(await first.spent('key', 0, async () => 1), 1);
  shared.down = true;
  assert.equal(await first.spent('key', 0, async () => 1), 1, 'seeded from the records at the outage');
  await first.addSpend('key', 0, 0.25);
  assert.equal(await first.spent('key', 0, async () => 1), 1.5, 'this replica spends for both');
  shared.down = false;
  while (availability.away) await new Promise((resolve) => setTimeout(resolve, 5));
  while (shared.spendAdded === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(await first.spent('key', 0, async () => 99), 1.25, 'the shared ledger has the outage spend');
  availability.close();
});

test('with onOutage: refuse, a request that needs a limit gets a 503 while Redis is away', async () => {
  const { shared, availability, limiters } = replicas(2, 'refuse');
  shared.down = true;
  const error = await (limiters[0] as Limiter).admitRequest('key', 10).then(
    () => undefined,
    (caught: unknown) => toInterlinguaError(caught),
  );
  assert.equal(error?.code, 'store_unavailable');
  assert.equal(error?.status, 503);
  await (limiters[0] as Limiter).addTokens('key', 10);
  availability.close();
});

test('a database failure while a budget ledger is seeded is the database\'s: Redis is not marked away', async () => {
  const { shared, availability, limiters } = replicas(2);
  // What node-postgres raises when PostgreSQL goes away under a query: an outage, but of the database.
  const databaseGone = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  const failure = await (limiters[0] as Limiter).spent('budgeted', 0, () => Promise.reject(databaseGone)).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  assert.equal(failure, databaseGone, 'the records\' own error reaches the caller (a 503 for the database)');
  assert.equal(availability.away, false, 'Redis answered, so it is not away');
  assert.equal(shared.calls, 1);
  // The next request finds Redis as it was and seeds the ledger once the records can be read.
  assert.equal(await (limiters[0] as Limiter).spent('budgeted', 0, async () => 3), 3);
  availability.close();
});
