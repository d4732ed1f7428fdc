/**
 * What the routing keeps per deployment name stays bounded however many names callers send: a
 * model may be addressed as `<provider>/<anything>`, and each such name is a deployment of its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeploymentLoad } from '../../../src/gateway/routing/deployment-load.js';
import { MemoryHealthStore } from '../../../src/gateway/routing/health-store.js';

test('latencies of names sent once are forgotten oldest first; a deployment that keeps answering stays', () => {
  const load = new DeploymentLoad();
  for (let index = 0; index < 5_000; index++) {
    load.recordLatency(`oa/made-up-${index}`, 10);
    if (index % 100 === 0) load.recordLatency('oa/gpt-4o', 20);
  }
  assert.ok(load.names().length <= 1_000, `${load.names().length} names kept`);
  assert.equal(load.latencyMs('oa/made-up-0'), undefined);
  assert.equal(load.latencyMs('oa/made-up-4999'), 10);
  assert.equal(load.latencyMs('oa/gpt-4o'), 20);
});

test('failures and cooldowns of names sent once are forgotten oldest first', async () => {
  let now = 0;
  const store = new MemoryHealthStore(() => now);
  const cooldown = { failures: 1, windowMs: 60_000, cooldownMs: 60_000 };
  const names = Array.from({ length: 10_001 }, (_, index) => `ge/made-up-${index}`);
  for (const name of names) {
    await store.recordFailure(name, cooldown);
    now += 1;
  }
  const cooling = await store.cooling(names);
  assert.equal(cooling.size, 10_000);
  assert.equal(cooling.has('ge/made-up-0'), false);
  assert.equal(cooling.has('ge/made-up-10000'), true);
});
