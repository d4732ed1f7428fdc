/**
 * OpenAI's `prompt_cache_retention` (`in_memory` | `24h`, in Chat Completions and Responses alike:
 * node_modules/openai/resources/chat/completions/completions.d.ts, resources/responses/responses.d.ts)
 * crosses between the two APIs, from the official openai SDK; an upstream without it says it was left out.
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

function sentRetention(upstream: 'openai-chat' | 'openai-responses' | 'anthropic'): unknown {
  return (harness.upstreams[upstream].requests[0]?.body as { prompt_cache_retention?: unknown }).prompt_cache_retention;
}

test('a Chat Completions caller\'s retention reaches a Responses upstream', async () => {
  harness.upstreams['openai-responses'].enqueue(upstreamScenarios['openai-responses'].text.reply);
  await client.chat.completions.create({ model: modelFor('openai-responses'), prompt_cache_retention: '24h', messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal(sentRetention('openai-responses'), '24h');
});

test('a Responses caller\'s retention reaches a Chat Completions upstream', async () => {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  await client.responses.create({ model: modelFor('openai-chat'), prompt_cache_retention: 'in_memory', input: 'Hi' });
  assert.equal(sentRetention('openai-chat'), 'in_memory');
});

test('an upstream without it is not sent it, and the caller is told', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const { response } = await client.chat.completions
    .create({ model: modelFor('anthropic'), prompt_cache_retention: '24h', messages: [{ role: 'user', content: 'Hi' }] })
    .withResponse();
  assert.equal(sentRetention('anthropic'), undefined);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /prompt_cache_retention/);
});
