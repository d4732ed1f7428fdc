/**
 * Admission under a key with a budget, a token limit and a request limit: on a shared Redis each
 * check is a round trip, and with the three asked one after another a Redis at 400 ms a round
 * trip made every such request take 1.6 s. The budget and the token minute only read, so they
 * are asked together; the request count still comes last, so a request refused for its budget
 * or tokens does not use up a slot.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccessGate } from '../../src/gateway/access-gate.js';
import type { Limiter } from '../../src/limits/limiter.js';
import type { GatewayKey } from '../../src/keys/gateway-key.js';

const key: GatewayKey = { id: 'key-1', name: 'team', prefix: 'sk-il-x', rpm: 60, tpm: 1_000, budget: { usd: 10, period: 'month' }, metadata: {}, createdAt: 0 };

/** A limiter whose budget answer the test releases, recording the order in which it is asked. */
function heldLimiter(): { limiter: Limiter; asked: string[]; releaseBudget: (dollars: number) => void } {
  const asked: string[] = [];
  let releaseBudget: (dollars: number) => void = () => {};
  const budget = new Promise<number>((resolve) => (releaseBudget = resolve));
  const limiter: Limiter = {
    spent: async () => {
      asked.push('budget');
      return budget;
    },
    admitTokens: async () => {
      asked.push('tokens');
      return { allowed: true };
    },
    admitRequest: async () => {
      asked.push('requests');
      return { allowed: true };
    },
    addTokens: async () => {},
    addSpend: async () => {},
    close: async () => {},
  };
  return { limiter, asked, releaseBudget: (dollars) => releaseBudget(dollars) };
}

test('the budget and the token minute are asked together, and the request count after both', async () => {
  const { limiter, asked, releaseBudget } = heldLimiter();
  const gate = new AccessGate(undefined as never, limiter, () => Promise.reject(new Error('no records needed')));
  const admitted = gate.admit(key, 'gpt-4o');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual([...asked].sort(), ['budget', 'tokens'], 'the token minute is asked while the budget is still being read');
  releaseBudget(1);
  await admitted;
  assert.deepEqual(asked.at(-1), 'requests', 'the request is counted last');
});

test('a key over its budget is refused without using up a request slot', async () => {
  const { limiter, asked, releaseBudget } = heldLimiter();
  const gate = new AccessGate(undefined as never, limiter, () => Promise.reject(new Error('no records needed')));
  const admitted = gate.admit(key, 'gpt-4o');
  releaseBudget(10);
  await assert.rejects(Promise.resolve(admitted), /spent its budget/);
  assert.ok(!asked.includes('requests'));
});
