/**
 * What the routing keeps per deployment name stays bounded however many names callers send: a
 * model may be addressed as `<provider>/<anything>`, and each such name is a deployment of its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeploymentLoad } from '../../../src/gateway/routing/deployment-load.js';
import { MemoryHealthStore } from '../../../src/gateway/routing/health-store.js';

test('latencies of names sent once are forgotten; a deployment that keeps answering stays', () => {
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

test('failures and cooldowns of names sent once are forgotten, the newest kept', async () => {
  let now = 0;
  const store = new MemoryHealthStore(() => now);
  const cooldown = { failures: 1, windowMs: 60_000, cooldownMs: 60_000 };
  const names = Array.from({ length: 30_000 }, (_, index) => `ge/made-up-${index}`);
  for (const name of names) {
    await store.recordFailure(name, cooldown);
    now += 1;
  }
  const cooling = await store.cooling(names);
  assert.ok(cooling.size <= 10_000, `${cooling.size} kept`);
  assert.equal(cooling.has('ge/made-up-0'), false);
  for (const name of names.slice(-5_000)) assert.equal(cooling.has(name), true, name);
});

test('in-flight counts of names sent once are forgotten; a deployment in use keeps its count', () => {
  const load = new DeploymentLoad();
  load.begin('oa/gpt-4o');
  load.begin('oa/gpt-4o');
  for (let index = 0; index < 5_000; index++) {
    load.begin(`oa/made-up-${index}`);
    load.end(`oa/made-up-${index}`);
    if (index % 100 === 0) {
      load.begin('oa/gpt-4o');
      load.end('oa/gpt-4o');
    }
  }
  assert.equal(load.inFlight('oa/gpt-4o'), 2);
  assert.equal(load.inFlight('oa/made-up-4999'), 0);
  assert.ok(load.names().length <= 1_000);
});
