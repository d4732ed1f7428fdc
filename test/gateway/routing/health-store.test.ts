import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { MemoryHealthStore } from '../../../src/gateway/routing/health-store.js';
import { MemoryStickyStore } from '../../../src/gateway/routing/sticky-store.js';
import { RedisRoutingState } from '../../../src/gateway/routing/redis-routing-state.js';

const cooldown = { failures: 3, windowMs: 1000, cooldownMs: 5000 };

test('failures within the window start a cooldown that ends on time; older failures do not count', async () => {
  let now = 10_000;
  const store = new MemoryHealthStore(() => now);
  await store.recordFailure('p/a', cooldown);
  now += 1500; // the first failure leaves the window
  await store.recordFailure('p/a', cooldown);
  await store.recordFailure('p/a', cooldown);
  assert.equal((await store.cooling(['p/a'])).size, 0);
  assert.equal(await store.recordFailure('p/a', cooldown), now + 5000, 'the failure that starts the cooldown says until when');
  assert.deepEqual([...(await store.cooling(['p/a', 'p/b']))], [['p/a', now + 5000]]);
  assert.equal(await store.recordFailure('p/a', cooldown), undefined, 'a failure during the cooldown starts nothing');
  now += 4999;
  assert.equal((await store.cooling(['p/a'])).size, 1);
  now += 1;
  assert.equal((await store.cooling(['p/a'])).size, 0);
});

test('the sticky map forgets the least recently used conversation and expired ones', async () => {
  let now = 0;
  const sticky = new MemoryStickyStore(2, () => now);
  await sticky.set('one', 'p/a', 100);
  await sticky.set('two', 'p/b', 100);
  assert.equal(await sticky.get('one'), 'p/a'); // one is now the most recent
  await sticky.set('three', 'p/c', 100);
  assert.equal(await sticky.get('two'), undefined);
  assert.equal(await sticky.get('one'), 'p/a');
  now = 100;
  assert.equal(await sticky.get('three'), undefined);
});

const redisUrl = 'redis://127.0.0.1:6379';
const prefix = `interlingua-test:${randomUUID()}:`;
const clients: Redis[] = [];
after(async () => {
  const cleaner = new Redis(redisUrl);
  const keys = await cleaner.keys(`${prefix}*`);
  if (keys.length > 0) await cleaner.del(...keys);
  await cleaner.quit();
  await Promise.all(clients.map((client) => client.quit()));
});

function replica(): RedisRoutingState {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  clients.push(client);
  return new RedisRoutingState(client, prefix);
}

test('with Redis, failures seen by two replicas add up and both see the cooldown', async () => {
  const first = replica();
  const second = replica();
  const long = { failures: 3, windowMs: 60_000, cooldownMs: 3_600_000 };
  assert.equal(await first.recordFailure('p/a', long), undefined);
  assert.equal(await second.recordFailure('p/a', long), undefined);
  assert.equal((await first.cooling(['p/a'])).size, 0);
  const tipped = await first.recordFailure('p/a', long);
  assert.ok(tipped !== undefined && tipped > Date.now() + 3_500_000, 'the replica whose failure started the cooldown learns until when');
  assert.equal(await second.recordFailure('p/a', long), undefined, 'the other replica starts no second one');
  const before = Date.now();
  for (const state of [first, second]) {
    const until = (await state.cooling(['p/a', 'p/b'])).get('p/a');
    assert.ok(until !== undefined && until > before + 3_500_000 && until <= Date.now() + 3_600_000, `cooling until ${until}`);
    assert.equal((await state.cooling(['p/b'])).size, 0);
  }
});

test('with Redis, a conversation stuck by one replica is stuck for another', async () => {
  const first = replica();
  const second = replica();
  await first.set('conversation', 'p/b', 60_000);
  assert.equal(await second.get('conversation'), 'p/b');
  assert.equal(await second.get('other'), undefined);
});
