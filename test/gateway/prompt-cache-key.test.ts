/**
 * OpenAI and Azure take a `prompt_cache_key` of at most 64 characters (test/support/vendor-rules/
 * openai-family/prompt-cache-key.ts); agents build longer ones by joining ids. A longer key reaches
 * Chat Completions and Responses as a digest of it, the same for every request with that key, so
 * the requests that share it still share a cache. The callers are the official openai SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let harness: Harness;
let client: OpenAI;
before(async () => {
  harness = await startHarness();
  client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => harness.close());
beforeEach(() => harness.reset());

const longKey = `thread-${'a'.repeat(36)}:sub:${'b'.repeat(36)}`;

function sentKey(upstream: 'openai-chat' | 'openai-responses', index: number): unknown {
  return (harness.upstreams[upstream].requests[index]?.body as { prompt_cache_key?: unknown }).prompt_cache_key;
}

test('Chat Completions: a key over 64 characters goes as the same digest each time; a shorter one as it is', async () => {
  const chat = harness.upstreams['openai-chat'];
  for (let index = 0; index < 3; index++) chat.enqueue(upstreamScenarios['openai-chat'].text.reply);
  const ask = (key: string) => client.chat.completions.create({ model: modelFor('openai-chat'), prompt_cache_key: key, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  const { response } = await ask(longKey);
  await ask(longKey);
  await ask('session-1');
  const digest = sentKey('openai-chat', 0);
  assert.ok(typeof digest === 'string' && digest.length <= 64 && digest !== longKey.slice(0, 64), String(digest));
  assert.equal(sentKey('openai-chat', 1), digest);
  assert.equal(sentKey('openai-chat', 2), 'session-1');
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /prompt_cache_key/);
});

test('Responses: a key over 64 characters goes as a digest, from a Responses caller and from a Chat caller alike', async () => {
  const responses = harness.upstreams['openai-responses'];
  responses.enqueue(upstreamScenarios['openai-responses'].text.reply);
  responses.enqueue(upstreamScenarios['openai-responses'].text.reply);
  await client.responses.create({ model: modelFor('openai-responses'), prompt_cache_key: longKey, input: 'Hi' });
  await client.chat.completions.create({ model: modelFor('openai-responses'), prompt_cache_key: longKey, messages: [{ role: 'user', content: 'Hi' }] });
  const digest = sentKey('openai-responses', 0);
  assert.ok(typeof digest === 'string' && digest.length <= 64, String(digest));
  assert.equal(sentKey('openai-responses', 1), digest);
});
