/** The response cache: exact-match hits, streamed replays, expiry, and a cache shared by replicas on Redis. */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { Redis } from 'ioredis';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { cacheKey, MemoryCacheStore } from '../../src/gateway/response-cache.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import { TestUpstream } from '../support/test-upstream.js';
import { openaiAnswer } from './support/openai-answer.js';
import { queryUsage } from '../../src/usage/usage-query.js';

const streamText = [
  `data: ${JSON.stringify({ id: 'c2', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'streamed ' }, finish_reason: null }] })}`,
  `data: ${JSON.stringify({ id: 'c2', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'answer' }, finish_reason: 'stop' }] })}`,
  'data: [DONE]',
  '',
].join('\n\n');

function gatewayConfig(upstream: TestUpstream, extra: Record<string, unknown> = {}) {
  return resolveConfig({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'k' } },
    models: { m: [{ provider: 'oa', model: 'gpt-4o' }] },
    cache: { ttlSeconds: 60 },
    ...extra,
  });
}

async function ask(url: string, content: string, options: { stream?: boolean; headers?: Record<string, string> } = {}) {
  const response = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify({ model: 'm', stream: options.stream ?? false, messages: [{ role: 'user', content }] }),
  });
  const text = await response.body.text();
  const answer = options.stream
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data: {'))
        .map((line) => (JSON.parse(line.slice(6)) as { choices?: Array<{ delta?: { content?: string } }> }).choices?.[0]?.delta?.content ?? '')
        .join('')
    : (JSON.parse(text) as { choices?: Array<{ message: { content: string } }> }).choices?.[0]?.message.content;
  return { cache: response.headers['x-interlingua-cache'], answer, done: text.includes('data: [DONE]') };
}

describe('in memory', () => {
  const upstream = new TestUpstream();
  let gateway: Gateway;
  let url: string;
  before(async () => {
    await upstream.start();
    gateway = createGateway(gatewayConfig(upstream), { logger: silentLogger });
    url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  });
  after(async () => {
    await gateway.close();
    await upstream.stop();
  });
  beforeEach(() => upstream.reset());

  test('the same request is answered from the cache, to a whole or a streaming caller', async () => {
    upstream.enqueue(openaiAnswer('cached answer'));
    assert.deepEqual(await ask(url, 'q1'), { cache: 'miss', answer: 'cached answer', done: false });
    assert.deepEqual(await ask(url, 'q1'), { cache: 'hit', answer: 'cached answer', done: false });
    assert.deepEqual(await ask(url, 'q1', { stream: true }), { cache: 'hit', answer: 'cached answer', done: true });
    assert.equal(upstream.requests.length, 1);
    // Another request is another key.
    upstream.enqueue(openaiAnswer('other'));
    assert.deepEqual(await ask(url, 'q2'), { cache: 'miss', answer: 'other', done: false });
  });

  test('a hit is recorded as a request that used and cost nothing', async () => {
    upstream.enqueue(openaiAnswer('metered answer'));
    await ask(url, 'q-metered');
    await ask(url, 'q-metered', { stream: true });
    await gateway.services.usage.flush();
    const records = (await queryUsage(await gateway.services.store.get(), {})).slice(-2);
    assert.ok((records[0]?.inputTokens ?? 0) > 0 && (records[0]?.cost ?? 0) > 0, 'the miss used the upstream');
    assert.deepEqual([records[1]?.status, records[1]?.inputTokens, records[1]?.outputTokens, records[1]?.cost], [200, 0, 0, 0]);
  });

  test('a finished stream is cached; cache-control: no-cache goes to the upstream', async () => {
    upstream.enqueue({ kind: 'stream', text: streamText });
    assert.deepEqual(await ask(url, 'q3', { stream: true }), { cache: 'miss', answer: 'streamed answer', done: true });
    assert.deepEqual(await ask(url, 'q3'), { cache: 'hit', answer: 'streamed answer', done: false });
    upstream.enqueue(openaiAnswer('fresh'));
    const skipped = await ask(url, 'q3', { headers: { 'cache-control': 'no-cache' } });
    assert.deepEqual(skipped, { cache: undefined, answer: 'fresh', done: false });
    assert.equal(upstream.requests.length, 2);
  });

  test('a stream cut before it finished is not cached', async () => {
    upstream.enqueue({ kind: 'stream', text: streamText, cutAfterFrames: 1 });
    assert.equal((await ask(url, 'q4', { stream: true })).cache, 'miss');
    upstream.enqueue(openaiAnswer('whole'));
    assert.deepEqual(await ask(url, 'q4'), { cache: 'miss', answer: 'whole', done: false });
  });
});

describe('between gateway keys', () => {
  /** Asks the same question with two keys, then the first again: what each was told of the cache. */
  async function twoKeys(extra: Record<string, unknown>): Promise<Array<string | string[] | undefined>> {
    const upstream = await new TestUpstream().start();
    let gateway: Gateway | undefined;
    try {
      gateway = createGateway(gatewayConfig(upstream, extra), { logger: silentLogger });
      const url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
      const keys = gateway.services.keys;
      const bearer = async (name: string) => ({ authorization: `Bearer ${(await keys.create({ name })).key}` });
      const [first, second] = [await bearer('first'), await bearer('second')];
      upstream.enqueue(openaiAnswer('for the first key'), openaiAnswer('for the second key'));
      const seen = [(await ask(url, 'same question', { headers: first })).cache, (await ask(url, 'same question', { headers: second })).cache];
      seen.push((await ask(url, 'same question', { headers: first })).cache);
      return seen;
    } finally {
      await gateway?.close();
      await upstream.stop();
    }
  }

  test("one key's answers are not another's: a hit would tell that key what was asked", async () => {
    assert.deepEqual(await twoKeys({}), ['miss', 'miss', 'hit']);
  });

  test('cache.scope: shared shares answers between keys when that is wanted', async () => {
    assert.deepEqual(await twoKeys({ cache: { ttlSeconds: 60, scope: 'shared' } }), ['miss', 'hit', 'hit']);
  });
});

test('entries expire after their time and the least recently used go first', async () => {
  let now = 0;
  const store = new MemoryCacheStore(2, () => now);
  const answer = (text: string) => ({ deployment: 'p/m', response: { id: text, model: 'm', content: [{ type: 'text' as const, text }], finishReason: { unified: 'stop' as const }, usage: {} } });
  await store.set('a', answer('a'), 100);
  await store.set('b', answer('b'), 100);
  assert.equal((await store.get('a'))?.response.id, 'a');
  await store.set('c', answer('c'), 100);
  assert.equal(await store.get('b'), undefined);
  now = 100;
  assert.equal(await store.get('a'), undefined);
});

test('the key ignores only whether the answer is streamed', () => {
  const base: ChatRequest = { model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], sampling: {}, stream: false };
  assert.equal(cacheKey(base), cacheKey({ ...base, stream: true, streamUsage: true }));
  assert.notEqual(cacheKey(base), cacheKey({ ...base, sampling: { temperature: 0.5 } }));
  assert.notEqual(cacheKey(base), cacheKey({ ...base, model: 'n' }));
  assert.notEqual(cacheKey(base, 'key_a'), cacheKey(base), "a key's entries are apart from keyless callers'");
  assert.notEqual(cacheKey(base, 'key_a'), cacheKey(base, 'key_b'));
});

test('with the redis store, an answer cached by one replica is a hit on another', async () => {
  const upstream = await new TestUpstream().start();
  const keyPrefix = `interlingua-test:${randomUUID()}:`;
  const config = () => gatewayConfig(upstream, { cache: { store: 'redis' }, redis: { url: 'redis://127.0.0.1:6379', keyPrefix } });
  const gateways = [createGateway(config(), { logger: silentLogger }), createGateway(config(), { logger: silentLogger })];
  try {
    const [first, second] = await Promise.all(gateways.map(async (gateway) => `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`));
    upstream.enqueue(openaiAnswer('shared'));
    assert.equal((await ask(String(first), 'q5')).cache, 'miss');
    // The write is not awaited by the request; give it its round trip.
    for (let tries = 0; tries < 100 && (await ask(String(second), 'q5', { headers: {} })).cache !== 'hit'; tries++) upstream.enqueue(openaiAnswer('shared'));
    assert.deepEqual(await ask(String(second), 'q5', { stream: true }), { cache: 'hit', answer: 'shared', done: true });
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await upstream.stop();
    const cleaner = new Redis('redis://127.0.0.1:6379');
    const keys = await cleaner.keys(`${keyPrefix}*`);
    if (keys.length > 0) await cleaner.del(...keys);
    await cleaner.quit();
  }
});

test("with scope: key, a caller without a key never hits what a scope: shared replica kept for a key", async () => {
  const upstream = await new TestUpstream().start();
  const keyPrefix = `interlingua-test:${randomUUID()}:`;
  const redis = { url: 'redis://127.0.0.1:6379', keyPrefix };
  // Replicas sharing one Redis cache mid-way through a change of scope (or configured apart).
  const shared = createGateway(gatewayConfig(upstream, { cache: { store: 'redis', scope: 'shared' }, redis }), { logger: silentLogger });
  const perKey = createGateway(gatewayConfig(upstream, { cache: { store: 'redis', scope: 'key' }, redis }), { logger: silentLogger });
  try {
    const [sharedUrl, perKeyUrl] = await Promise.all([shared, perKey].map(async (gateway) => `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`));
    const key = { authorization: `Bearer ${(await shared.services.keys.create({ name: 'writer' })).key}` };
    upstream.enqueue(openaiAnswer('for the key'));
    assert.equal((await ask(String(sharedUrl), 'what the key asked', { headers: key })).cache, 'miss');
    // The write is not awaited by the request; give it its round trip.
    for (let tries = 0; tries < 100 && (await ask(String(sharedUrl), 'what the key asked', { headers: key })).cache !== 'hit'; tries++) upstream.enqueue(openaiAnswer('for the key'));
    upstream.enqueue(openaiAnswer('for the caller without a key'));
    assert.deepEqual(await ask(String(perKeyUrl), 'what the key asked'), { cache: 'miss', answer: 'for the caller without a key', done: false });
  } finally {
    await Promise.all([shared.close(), perKey.close()]);
    await upstream.stop();
    const cleaner = new Redis('redis://127.0.0.1:6379');
    const keys = await cleaner.keys(`${keyPrefix}*`);
    if (keys.length > 0) await cleaner.del(...keys);
    await cleaner.quit();
  }
});
