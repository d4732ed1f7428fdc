/**
 * Token counting is admitted like every other route: the key's model list (403), its
 * requests-per-minute limit (429 with retry-after, shared with chat), its budget, and a usage
 * record — counted as a request with no tokens and no cost, since counting generates nothing
 * billable — through the Anthropic SDK (`messages.countTokens`) and @google/genai
 * (`models.countTokens`). Count answers: Anthropic `{"input_tokens": N}`
 * (https://docs.anthropic.com/en/api/messages-count-tokens); the chat answer that spends a
 * budget is fixtures/openai-chat/fantasy-gpt4o-simple.response.json (20 + 2 tokens of gpt-4o).
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, ApiError as GeminiApiError } from '@google/genai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { queryUsage } from '../../src/usage/usage-query.js';
import type { KeySpec } from '../../src/keys/gateway-key.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';

const chatAnswer = { kind: 'json' as const, body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };
const counted = { kind: 'json' as const, body: { input_tokens: 42 } };

let openaiUpstream: TestUpstream;
let anthropicUpstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  openaiUpstream = await new TestUpstream().start();
  anthropicUpstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: {
        oa: { dialect: 'openai-chat', baseUrl: `${openaiUpstream.baseUrl}/v1`, apiKey: 'upstream-key' },
        an: { dialect: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'upstream-key' },
      },
      models: { claude: [{ provider: 'an', model: 'claude-sonnet-4-20250514' }], gpt: [{ provider: 'oa', model: 'gpt-4o' }] },
      auth: { required: true },
      retry: { attempts: 0 },
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await Promise.all([openaiUpstream.stop(), anthropicUpstream.stop()]);
});
beforeEach(() => {
  openaiUpstream.reset();
  anthropicUpstream.reset();
});

let keyCount = 0;
async function newKey(spec: Omit<KeySpec, 'name'> = {}): Promise<{ key: string; name: string }> {
  const name = `counting-${++keyCount}`;
  return { key: (await gateway.services.keys.create({ name, ...spec })).key, name };
}

const counters = {
  anthropic: {
    count: (key: string, model = 'claude') =>
      new Anthropic({ baseURL: gatewayUrl, apiKey: key, maxRetries: 0 }).messages.countTokens({ model, messages: [{ role: 'user', content: 'How many tokens?' }] }),
    is: (error: unknown, status: number) => error instanceof Anthropic.APIError && error.status === status,
  },
  gemini: {
    count: (key: string, model = 'claude') => new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: gatewayUrl } }).models.countTokens({ model, contents: 'How many tokens?' }),
    is: (error: unknown, status: number) => error instanceof GeminiApiError && error.status === status,
  },
};

for (const [name, counter] of Object.entries(counters)) {
  describe(`counting tokens is admitted like chat, ${name} caller`, () => {
    test('a key limited to other models is refused with a 403, before any upstream', async () => {
      const { key } = await newKey({ models: ['gpt'] });
      await assert.rejects(counter.count(key), (error: unknown) => counter.is(error, 403));
      assert.equal(anthropicUpstream.requests.length, 0);
    });

    test('counts use up the requests-per-minute limit, shared with chat', async () => {
      const { key } = await newKey({ rpm: 2 });
      anthropicUpstream.enqueue(counted);
      openaiUpstream.enqueue(chatAnswer);
      await counter.count(key);
      await new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: key, maxRetries: 0 }).chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'Hi' }] });
      await assert.rejects(counter.count(key), (error: unknown) => counter.is(error, 429));
      assert.equal(anthropicUpstream.requests.length, 1);
    });

    test('a spent budget refuses counting too', async () => {
      const { key } = await newKey({ budget: { usd: 0.00006, period: 'day' } });
      openaiUpstream.enqueue(chatAnswer);
      // Capped at 2 output tokens, its most possible cost fits the budget it holds (README "Keys and limits").
      await new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: key, maxRetries: 0 }).chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 2 });
      await assert.rejects(counter.count(key), (error: unknown) => counter.is(error, 429));
      assert.equal(anthropicUpstream.requests.length, 0);
    });

    test('each count is recorded as a request of the key, with no tokens and no cost', async () => {
      const { key, name: keyName } = await newKey({ models: ['claude'], tpm: 40 });
      anthropicUpstream.enqueue(counted, counted);
      await counter.count(key);
      await counter.count(key);
      await assert.rejects(counter.count(key, 'gpt'), (error: unknown) => counter.is(error, 403));
      await gateway.services.usage.flush();
      const records = await queryUsage(await gateway.services.store.get(), { keyName });
      assert.deepEqual(
        records.map((record) => [record.model, record.deployment, record.status, record.inputTokens, record.outputTokens, record.cost, record.caller]),
        [
          ['claude', 'an/claude-sonnet-4-20250514', 200, 0, 0, 0, name],
          ['claude', 'an/claude-sonnet-4-20250514', 200, 0, 0, 0, name],
          ['gpt', undefined, 403, 0, 0, 0, name],
        ],
      );
      assert.equal(anthropicUpstream.requests.length, 2, 'counting 42 tokens did not spend the 40 tokens per minute');
    });
  });
}

test('the 429 on counting carries retry-after in seconds', async () => {
  const { key } = await newKey({ rpm: 1 });
  anthropicUpstream.enqueue(counted);
  const post = () =>
    fetch(`${gatewayUrl}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude', messages: [{ role: 'user', content: 'Hi' }] }),
    });
  assert.equal((await post()).status, 200);
  const refused = await post();
  assert.equal(refused.status, 429);
  const retryAfter = Number(refused.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${retryAfter}`);
  assert.equal(((await refused.json()) as { error: { type: string } }).error.type, 'rate_limit_error');
});
