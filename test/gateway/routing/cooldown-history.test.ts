import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { DeploymentBalancer } from '../../../src/gateway/routing/deployment-balancer.js';
import { CooldownHistory } from '../../../src/gateway/routing/cooldown-history.js';
import { MemoryHealthStore } from '../../../src/gateway/routing/health-store.js';
import { MemoryStickyStore } from '../../../src/gateway/routing/sticky-store.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import type { RoutingSettings } from '../../../src/config/resolved-config.js';
import type { Deployment } from '../../../src/gateway/model-router.js';

/** The balancer knows a deployment by its name only. */
const deployment: Deployment = { name: 'an/claude', provider: {} as Deployment['provider'], model: 'claude' };
const cooldown = { failures: 2, windowMs: 60_000, cooldownMs: 300_000 };

function balancer(clock: { now: number }): DeploymentBalancer {
  const now = () => clock.now;
  return new DeploymentBalancer({ health: new MemoryHealthStore(now), sticky: new MemoryStickyStore(), logger: silentLogger, now });
}

/** The balancer records a started cooldown after the store answers; this waits for that. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('the balancer records when a cooldown began, why, for how long, and when an attempt answered again', async () => {
  const clock = { now: 1_000_000 };
  const routing: RoutingSettings = { strategy: 'ordered', sticky: false, stickyMs: 0, cooldown };
  const subject = balancer(clock);
  const rateLimited = new InterlinguaError('rate_limited', 'Rate limit reached for requests', { upstream: { url: 'http://upstream', status: 429, headers: {}, body: '', dialect: 'anthropic' } });
  subject.failed(deployment, rateLimited, routing);
  await settle();
  assert.deepEqual(subject.cooldowns.of(deployment.name), [], 'one failure of two starts nothing');
  clock.now += 1000;
  subject.failed(deployment, rateLimited, routing);
  await settle();
  // A caller's mistake is not the deployment's fault and is not in its history.
  subject.failed(deployment, new InterlinguaError('invalid_request', 'bad'), routing);
  await settle();
  const [started] = subject.cooldowns.of(deployment.name);
  assert.deepEqual(started, { deployment: 'an/claude', startedAt: 1_001_000, endsAt: 1_301_000, status: 429, errorCode: 'rate_limited', message: 'Rate limit reached for requests', failures: 2, windowMs: 60_000 });
  clock.now += 100_000;
  subject.succeeded(deployment, 20, routing, undefined);
  assert.equal(subject.cooldowns.of(deployment.name)[0]?.recoveredAt, undefined, 'an answer during the cooldown (a check, a race) is not the return');
  clock.now = 1_400_000;
  subject.succeeded(deployment, 20, routing, undefined);
  clock.now += 5000;
  subject.succeeded(deployment, 20, routing, undefined);
  assert.equal(subject.cooldowns.of(deployment.name)[0]?.recoveredAt, 1_400_000, 'the first answer after it ended');
  assert.deepEqual(subject.cooldowns.of('oa/gpt-4o'), []);
});

test('the history is a bounded ring, newest first, and cuts long messages', () => {
  const history = new CooldownHistory(3);
  for (let index = 0; index < 5; index++) history.started(index % 2 === 0 ? 'a/x' : 'b/y', { status: 503, code: 'overloaded', message: 'x'.repeat(1000) }, cooldown, index, index + 10);
  const all = history.all();
  assert.deepEqual(all.map((event) => event.startedAt), [4, 3, 2]);
  assert.deepEqual(history.of('a/x').map((event) => event.startedAt), [4, 2]);
  assert.equal(all[0]?.message.length, 300);
  assert.ok(all[0]?.message.endsWith('…'));
});
