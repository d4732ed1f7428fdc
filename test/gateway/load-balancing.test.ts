/** Strategies, fallback tiers, cooldowns (in one process and across replicas on Redis) and sticky conversations, through the running gateway. */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { Redis } from 'ioredis';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream, type UpstreamReply } from '../support/test-upstream.js';
import { openaiAnswer } from './support/openai-answer.js';

const adminKey = 'admin-key-for-load-balancing';

const serverError: UpstreamReply = { kind: 'json', status: 500, body: { error: { message: 'boom', type: 'server_error' } } };

function configFor(upstreams: Record<string, TestUpstream>, extra: Record<string, unknown> = {}) {
  return resolveConfig({
    providers: Object.fromEntries(Object.entries(upstreams).map(([name, upstream]) => [name, { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'k' }])),
    models: {
      pair: {
        deployments: [
          { provider: 'one', model: 'm1' },
          { provider: 'two', model: 'm2' },
        ],
        routing: { cooldown: { failures: 2, windowMs: 60_000, cooldownMs: 3_600_000 } },
      },
      tiers: [
        { provider: 'two', model: 'backup', priority: 1 },
        { provider: 'one', model: 'main' },
      ],
      spread: { deployments: [{ provider: 'one', model: 'w1', weight: 1 }, { provider: 'two', model: 'w2', weight: 1 }], routing: { strategy: 'weighted', sticky: true, cooldown: false } },
    },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
    adminKey,
    ...extra,
  });
}

async function ask(gateway: string, model: string, content = 'hi', headers: Record<string, string> = {}) {
  const response = await request(`${gateway}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, messages: [{ role: 'user', content }] }),
  });
  const body = (await response.body.json()) as { choices?: Array<{ message: { content: string } }> };
  return { status: response.statusCode, deployment: response.headers['x-interlingua-deployment'], text: body.choices?.[0]?.message.content };
}

async function health(gateway: string) {
  const response = await request(`${gateway}/admin/deployments`, { headers: { authorization: `Bearer ${adminKey}` } });
  assert.equal(response.statusCode, 200);
  return (await response.body.json()) as { deployments: Array<{ name: string; healthy: boolean; cooldownUntil?: number; inFlight: number; latencyMs?: number }> };
}

describe('one replica', () => {
  const upstreams = { one: new TestUpstream(), two: new TestUpstream() };
  let gateway: Gateway;
  let url: string;
  before(async () => {
    await Promise.all(Object.values(upstreams).map((upstream) => upstream.start()));
    gateway = createGateway(configFor(upstreams), { logger: silentLogger });
    url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  });
  after(async () => {
    await gateway.close();
    await Promise.all(Object.values(upstreams).map((upstream) => upstream.stop()));
  });
  beforeEach(() => Object.values(upstreams).forEach((upstream) => upstream.reset()));

  test('a higher priority tier is a fallback, tried only after the lower one failed', async () => {
    upstreams.one.enqueue(openaiAnswer('main'));
    assert.equal((await ask(url, 'tiers')).deployment, 'one/main');
    upstreams.one.enqueue(serverError);
    upstreams.two.enqueue(openaiAnswer('backup'));
    const fellBack = await ask(url, 'tiers');
    assert.equal(fellBack.deployment, 'two/backup');
    assert.equal(fellBack.text, 'backup');
  });

  test('a deployment that keeps failing cools down: skipped while the others are healthy, and shown so', async () => {
    upstreams.one.enqueue(serverError, serverError);
    upstreams.two.enqueue(openaiAnswer('a'), openaiAnswer('b'), openaiAnswer('c'));
    assert.equal((await ask(url, 'pair')).deployment, 'two/m2');
    assert.equal(upstreams.one.requests.length, 1);
    assert.equal((await ask(url, 'pair')).deployment, 'two/m2');
    assert.equal(upstreams.one.requests.length, 2);
    // Two failures within the window: one/m1 is out, so the next request goes straight to two.
    assert.equal((await ask(url, 'pair')).deployment, 'two/m2');
    assert.equal(upstreams.one.requests.length, 2);
    const snapshot = await health(url);
    const one = snapshot.deployments.find((entry) => entry.name === 'one/m1');
    assert.equal(one?.healthy, false);
    assert.ok((one?.cooldownUntil ?? 0) > Date.now() + 3_000_000);
    const two = snapshot.deployments.find((entry) => entry.name === 'two/m2');
    assert.equal(two?.healthy, true);
    assert.equal(two?.inFlight, 0);
    assert.equal(typeof two?.latencyMs, 'number');
  });

  test('a sticky conversation stays on the deployment that first answered it, and moves when that one fails', async () => {
    const served: string[] = [];
    for (let turn = 0; turn < 6; turn++) {
      upstreams.one.enqueue(openaiAnswer('1'));
      upstreams.two.enqueue(openaiAnswer('2'));
      served.push(String((await ask(url, 'spread', 'same beginning')).deployment));
    }
    assert.equal(new Set(served).size, 1, served.join());
    // A caller may name its conversation instead; different names spread by weight.
    const named = new Set<string>();
    for (let conversation = 0; conversation < 16; conversation++) {
      upstreams.one.enqueue(openaiAnswer('1'));
      upstreams.two.enqueue(openaiAnswer('2'));
      named.add(String((await ask(url, 'spread', 'same beginning', { 'x-interlingua-conversation': `c${conversation}` })).deployment));
    }
    assert.equal(named.size, 2);
    // Its deployment fails: the conversation is answered elsewhere and stays there.
    const stuck = served[0] === 'one/w1' ? upstreams.one : upstreams.two;
    const other = served[0] === 'one/w1' ? 'two/w2' : 'one/w1';
    upstreams.one.reset();
    upstreams.two.reset();
    stuck.enqueue(serverError, openaiAnswer('again'));
    (stuck === upstreams.one ? upstreams.two : upstreams.one).enqueue(openaiAnswer('moved'), openaiAnswer('still'));
    assert.equal((await ask(url, 'spread', 'same beginning')).deployment, other);
    assert.equal((await ask(url, 'spread', 'same beginning')).deployment, other);
  });

  test("a sticky conversation is its key's: another key naming it neither finds its deployment nor moves it", async () => {
    const keys = gateway.services.keys;
    const bearer = async (name: string) => ({ authorization: `Bearer ${(await keys.create({ name })).key}` });
    const named = { 'x-interlingua-conversation': 'same-name' };
    const first = { ...(await bearer('sticky-first')), ...named };
    const second = { ...(await bearer('sticky-second')), ...named };
    upstreams.one.enqueue(openaiAnswer('1'));
    upstreams.two.enqueue(openaiAnswer('2'));
    const pinned = String((await ask(url, 'spread', 'hello', first)).deployment);
    // The second key names the same conversation; the first key's deployment fails whatever reaches it.
    const [pinnedUpstream, otherUpstream] = pinned === 'one/w1' ? [upstreams.one, upstreams.two] : [upstreams.two, upstreams.one];
    upstreams.one.reset();
    upstreams.two.reset();
    pinnedUpstream.enqueue(serverError);
    otherUpstream.enqueue(openaiAnswer('elsewhere'));
    await ask(url, 'spread', 'hello', second);
    upstreams.one.reset();
    upstreams.two.reset();
    upstreams.one.enqueue(openaiAnswer('1'));
    upstreams.two.enqueue(openaiAnswer('2'));
    assert.equal((await ask(url, 'spread', 'hello', first)).deployment, pinned, "the first key's conversation stays where it was");
  });

  test('the deployment health route is behind the admin key', async () => {
    const response = await request(`${url}/admin/deployments`);
    assert.equal(response.statusCode, 401);
    await response.body.dump();
  });
});

describe('replicas sharing Redis', () => {
  const upstreams = { one: new TestUpstream(), two: new TestUpstream() };
  const keyPrefix = `interlingua-test:${randomUUID()}:`;
  const gateways: Gateway[] = [];
  const urls: string[] = [];
  before(async () => {
    await Promise.all(Object.values(upstreams).map((upstream) => upstream.start()));
    for (let index = 0; index < 2; index++) {
      const gateway = createGateway(configFor(upstreams, { redis: { url: 'redis://127.0.0.1:6379', keyPrefix } }), { logger: silentLogger });
      gateways.push(gateway);
      urls.push(`http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`);
    }
  });
  after(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await Promise.all(Object.values(upstreams).map((upstream) => upstream.stop()));
    const cleaner = new Redis('redis://127.0.0.1:6379');
    const keys = await cleaner.keys(`${keyPrefix}*`);
    if (keys.length > 0) await cleaner.del(...keys);
    await cleaner.quit();
  });

  test('failures seen by two replicas add up to one cooldown that both respect', async () => {
    const [first, second] = urls as [string, string];
    upstreams.one.enqueue(serverError, serverError);
    upstreams.two.enqueue(openaiAnswer('a'), openaiAnswer('b'), openaiAnswer('c'));
    assert.equal((await ask(first, 'pair')).deployment, 'two/m2');
    assert.equal((await ask(second, 'pair')).deployment, 'two/m2');
    assert.equal(upstreams.one.requests.length, 2);
    // Neither replica saw two failures itself, yet the shared count cooled one/m1 for both.
    assert.equal((await ask(first, 'pair')).deployment, 'two/m2');
    assert.equal(upstreams.one.requests.length, 2);
    assert.equal((await health(second)).deployments.find((entry) => entry.name === 'one/m1')?.healthy, false);
  });
});
