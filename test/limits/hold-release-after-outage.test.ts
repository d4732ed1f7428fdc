/**
 * A budget hold taken in Redis before an outage, whose request ends while Redis is away: Redis
 * cannot be told to let go of it then, and it once stayed there until its expiry, so the key was
 * refused as having "spent its budget" for up to that long after Redis returned, with nothing
 * under way. The release now waits on the replica and is made once Redis is back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutageTolerantLimiter } from '../../src/limits/outage-tolerant-limiter.js';
import { MemoryLimiter } from '../../src/limits/memory-limiter.js';
import type { Limiter, SpendHold } from '../../src/limits/limiter.js';
import { StoreAvailability } from '../../src/store/store-availability.js';

/** A shared limiter with budget holds that fails as ioredis does with the offline queue off while Redis is down. */
function sharedLimiter(): { limiter: Limiter; down: boolean } {
  const inner = new MemoryLimiter();
  const state = { down: false, limiter: undefined as unknown as Limiter };
  const guard = <T>(work: () => Promise<T>) => (state.down ? Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false")) : work());
  state.limiter = {
    admitRequest: (key, rpm) => guard(() => inner.admitRequest(key, rpm)),
    admitTokens: (key, tpm) => guard(() => inner.admitTokens(key, tpm)),
    addTokens: (key, tokens) => guard(() => inner.addTokens(key, tokens)),
    spent: (key, start, recorded) => guard(() => inner.spent(key, start, recorded)),
    addSpend: (key, start, dollars) => guard(() => inner.addSpend(key, start, dollars)),
    reserveSpend: (hold, budget, recorded) => guard(() => inner.reserveSpend(hold, budget, recorded)),
    releaseSpend: (hold) => guard(() => inner.releaseSpend(hold)),
    close: async () => {},
  };
  return state;
}

test('a shared hold whose request ended during the outage is let go of once Redis is back', async (t) => {
  const shared = sharedLimiter();
  const availability = new StoreAvailability('redis', async () => {
    if (shared.down) throw new Error('still down');
  }, 10);
  t.after(() => availability.close());
  const limiter = new OutageTolerantLimiter(shared.limiter, availability, () => 2, 'degrade');
  const hold = (id: string): SpendHold => ({ id, keyId: 'key', periodStart: 0, dollars: 0.405 });
  const nothingSpent = async () => 0;

  assert.deepEqual(await limiter.reserveSpend?.(hold('before'), 0.7, nothingSpent), { held: true }, 'held in Redis');
  shared.down = true;
  // The request ends during the outage: its cost is counted here, its hold cannot be let go of in Redis.
  await limiter.addSpend('key', 0, 0.015);
  await limiter.releaseSpend?.(hold('before'));
  assert.equal(availability.away, true);

  shared.down = false;
  while (availability.away) await new Promise((resolve) => setTimeout(resolve, 5));
  const answer = await limiter.reserveSpend?.(hold('after'), 0.7, nothingSpent);
  assert.deepEqual(answer, { held: true }, `nothing is under way, so $0.405 fits in what is left of $0.70 (${JSON.stringify(answer)})`);
});
