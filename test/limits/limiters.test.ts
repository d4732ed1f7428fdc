/**
 * The per-key limiters: in memory for one process, on Redis (127.0.0.1:6379) for replicas.
 * Both must hold a requests-per-minute limit exactly, also when many requests arrive at once.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { MemoryLimiter } from '../../src/limits/memory-limiter.js';
import { RedisLimiter } from '../../src/limits/redis-limiter.js';
import { Redis } from 'ioredis';
import { periodStart } from '../../src/keys/budget-period.js';

const redisUrl = process.env['INTERLINGUA_TEST_REDIS'] ?? 'redis://127.0.0.1:6379';

describe('memory limiter', () => {
  test('requests per minute slide: a slot frees exactly a minute after it was taken', async () => {
    let now = 1_000_000;
    const limiter = new MemoryLimiter(() => now);
    assert.deepEqual(await limiter.admitRequest('k', 2), { allowed: true });
    now += 10_000;
    assert.deepEqual(await limiter.admitRequest('k', 2), { allowed: true });
    assert.deepEqual(await limiter.admitRequest('k', 2), { allowed: false, retryAfterMs: 50_000 });
    now += 50_000;
    assert.deepEqual(await limiter.admitRequest('k', 2), { allowed: true }, 'the first slot is free again');
    assert.equal((await limiter.admitRequest('other', 2)).allowed, true, 'keys are counted apart');
  });

  test('tokens per minute refuse once a minute is used up, until the next minute', async () => {
    let now = 120_000;
    const limiter = new MemoryLimiter(() => now);
    await limiter.addTokens('k', 90);
    assert.equal((await limiter.admitTokens('k', 100)).allowed, true);
    await limiter.addTokens('k', 20);
    now += 15_000;
    assert.deepEqual(await limiter.admitTokens('k', 100), { allowed: false, retryAfterMs: 45_000 });
    now += 45_000;
    assert.equal((await limiter.admitTokens('k', 100)).allowed, true);
  });

  test('spend is seeded once from the records, then counted', async () => {
    const limiter = new MemoryLimiter();
    let seeded = 0;
    const recorded = async () => {
      seeded++;
      return 1.5;
    };
    assert.equal(await limiter.spent('k', 0, recorded), 1.5);
    await limiter.addSpend('k', 0, 0.25);
    assert.equal(await limiter.spent('k', 0, recorded), 1.75);
    assert.equal(seeded, 1);
  });
});

describe('Redis limiter (shared by replicas)', () => {
  const connections = [new Redis(redisUrl), new Redis(redisUrl)];
  const limiters = connections.map((connection) => new RedisLimiter(connection));
  after(() => Promise.all(connections.map((connection) => connection.quit())));

  test('two limiters on one Redis admit exactly the limit from 60 concurrent requests', async () => {
    const key = `key_${randomUUID()}`;
    const outcomes = await Promise.all(Array.from({ length: 60 }, (_, index) => (limiters[index % 2] as RedisLimiter).admitRequest(key, 20)));
    assert.equal(outcomes.filter((outcome) => outcome.allowed).length, 20);
    for (const outcome of outcomes) if (!outcome.allowed) assert.ok(outcome.retryAfterMs > 0 && outcome.retryAfterMs <= 60_000);
  });

  test('tokens counted by one replica refuse on the other', async () => {
    const key = `key_${randomUUID()}`;
    await (limiters[0] as RedisLimiter).addTokens(key, 150);
    assert.equal((await (limiters[1] as RedisLimiter).admitTokens(key, 100)).allowed, false);
    assert.equal((await (limiters[1] as RedisLimiter).admitTokens(key, 1000)).allowed, true);
  });

  test('the spend ledger is seeded once and shared', async () => {
    const key = `key_${randomUUID()}`;
    const start = periodStart('month', Date.now());
    assert.equal(await (limiters[0] as RedisLimiter).spent(key, start, async () => 2), 2);
    assert.equal(await (limiters[1] as RedisLimiter).spent(key, start, async () => 99), 2, 'the second replica reads the seeded ledger');
    await (limiters[1] as RedisLimiter).addSpend(key, start, 0.5);
    assert.equal(await (limiters[0] as RedisLimiter).spent(key, start, async () => 99), 2.5);
  });
});

test('budget periods begin at UTC midnight, Monday, the first of the month, or never', () => {
  const wednesday = Date.UTC(2026, 10, 18, 15, 30);
  assert.equal(periodStart('day', wednesday), Date.UTC(2026, 10, 18));
  assert.equal(periodStart('week', wednesday), Date.UTC(2026, 10, 16));
  assert.equal(periodStart('week', Date.UTC(2026, 10, 22, 23)), Date.UTC(2026, 10, 16), 'Sunday belongs to the week that began on Monday');
  assert.equal(periodStart('month', wednesday), Date.UTC(2026, 10, 1));
  assert.equal(periodStart('total', wednesday), 0);
});
