/**
 * Gateway keys, limits, budgets and usage through each caller's own SDK: a refusal must reach
 * every caller as its SDK's own error class, with `retry-after` on rate limits. The upstream is
 * the recorded OpenAI answer (fixtures/openai-chat/fantasy-gpt4o-simple.response.json: 20 input
 * and 2 output tokens, priced as gpt-4o).
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, ApiError as GeminiApiError } from '@google/genai';
import { Ollama } from 'ollama';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { queryUsage } from '../../src/usage/usage-query.js';
import type { KeySpec } from '../../src/keys/gateway-key.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';
import { countingFetch } from '../support/counting-fetch.js';

const adminKey = 'admin-key-for-tests-0123456789';
const answer = { kind: 'json' as const, body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };
const streamedAnswer = { kind: 'stream' as const, text: readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse') };

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }], other: [{ provider: 'oa', model: 'gpt-4o-mini' }] },
      auth: { required: true },
      adminKey,
      retry: { attempts: 0 },
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await upstream.stop();
});
beforeEach(() => upstream.reset());

let keyCount = 0;
async function newKey(spec: Omit<KeySpec, 'name'> = {}): Promise<{ key: string; name: string }> {
  const name = `key-${++keyCount}`;
  const { key } = await gateway.services.keys.create({ name, ...spec });
  return { key, name };
}

const openai = (key: string) => new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: key, maxRetries: 0 });
const anthropic = (key: string) => new Anthropic({ baseURL: gatewayUrl, apiKey: key, maxRetries: 0 });
const gemini = (key: string) => new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: gatewayUrl } });
const ollama = (key: string) => new Ollama({ host: gatewayUrl, headers: { authorization: `Bearer ${key}` } });
const isOllamaError = (error: unknown, status: number) =>
  error instanceof Error && error.name === 'ResponseError' && (error as Error & { status_code?: number }).status_code === status;

/** One plain chat turn in each caller dialect, so every check runs against all four SDKs. */
const callers = {
  openai: {
    chat: (key: string) => openai(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }),
    is: (error: unknown, status: number) => error instanceof OpenAI.APIError && error.status === status,
  },
  anthropic: {
    chat: (key: string) => anthropic(key).messages.create({ model: 'chat', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }),
    is: (error: unknown, status: number) => error instanceof Anthropic.APIError && error.status === status,
  },
  gemini: {
    chat: (key: string) => gemini(key).models.generateContent({ model: 'chat', contents: 'Hi' }),
    is: (error: unknown, status: number) => error instanceof GeminiApiError && error.status === status,
  },
  ollama: {
    chat: (key: string) => ollama(key).chat({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], stream: false }),
    is: isOllamaError,
  },
};

for (const [name, caller] of Object.entries(callers)) {
  describe(`keys and limits, ${name} caller`, () => {
    test('a good key is served; a missing, unknown or revoked one is a 401', async () => {
      const { key, name: keyName } = await newKey();
      upstream.enqueue(answer);
      await caller.chat(key);
      await assert.rejects(caller.chat('sk-il-not-a-key'), (error: unknown) => caller.is(error, 401));
      await gateway.services.keys.revoke(keyName);
      gateway.services.access.authenticator.forget();
      await assert.rejects(caller.chat(key), (error: unknown) => caller.is(error, 401));
      assert.equal(upstream.requests.length, 1, 'refused requests never reach the upstream');
    });

    test('a key limited to other models is a 403; an expired key a 401', async () => {
      const { key } = await newKey({ models: ['other'] });
      await assert.rejects(caller.chat(key), (error: unknown) => caller.is(error, 403));
      const { key: expired } = await newKey({ expiresAt: Date.now() - 1000 });
      await assert.rejects(caller.chat(expired), (error: unknown) => caller.is(error, 401));
      assert.equal(upstream.requests.length, 0);
    });

    test('requests over the per-minute limit are a 429 with retry-after', async () => {
      const { key } = await newKey({ rpm: 2 });
      upstream.enqueue(answer, answer);
      await caller.chat(key);
      await caller.chat(key);
      await assert.rejects(caller.chat(key), (error: unknown) => caller.is(error, 429));
      assert.equal(upstream.requests.length, 2);
    });
  });
}

test("each SDK's model list shows only the models the key may use", async () => {
  const { key: limited } = await newKey({ models: ['oth*'] });
  const { key: unlimited } = await newKey();
  const openaiIds = async (key: string) => (await openai(key).models.list()).data.map((model) => model.id);
  const anthropicIds = async (key: string) => (await anthropic(key).models.list()).data.map((model) => model.id);
  const geminiNames = async (key: string) => {
    const names: string[] = [];
    for await (const model of await gemini(key).models.list()) names.push(model.name ?? '');
    return names;
  };
  const ollamaNames = async (key: string) => (await ollama(key).list()).models.map((model) => model.name);
  assert.deepEqual(await openaiIds(limited), ['other']);
  assert.deepEqual(await anthropicIds(limited), ['other']);
  assert.deepEqual(await geminiNames(limited), ['models/other']);
  assert.deepEqual(await ollamaNames(limited), ['other']);
  assert.deepEqual((await openaiIds(unlimited)).sort(), ['chat', 'other']);
});

describe('limits and budgets', () => {
  test('the 429 carries retry-after in seconds, within the minute', async () => {
    const { key } = await newKey({ rpm: 1 });
    upstream.enqueue(answer);
    await openai(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
    const refused = await fetch(`${gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    assert.equal(refused.status, 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${retryAfter}`);
    const body = (await refused.json()) as { error: { type: string; message: string } };
    assert.equal(body.error.type, 'rate_limit_error');
    assert.match(body.error.message, /1 requests per minute/);
  });

  test('tokens over the per-minute limit refuse the next request', async () => {
    const { key } = await newKey({ tpm: 20 });
    upstream.enqueue(answer, answer);
    await openai(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
    await assert.rejects(openai(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }), OpenAI.RateLimitError);
  });

  test('a spent budget refuses further requests with a clear message', async () => {
    // 20 input and 2 output tokens of gpt-4o: 20 × $2.50 + 2 × $10 per million = $0.00007.
    const { key } = await newKey({ budget: { usd: 0.00006, period: 'day' } });
    upstream.enqueue(answer, answer);
    // Capped at 2 output tokens, its most possible cost fits the budget it holds (README "Keys and limits").
    await openai(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 2 });
    await assert.rejects(
      openai(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }),
      (error: unknown) => error instanceof OpenAI.RateLimitError && /has spent its budget: \$0\.0001 of \$0\.00006 this day/.test(error.message),
    );
    assert.equal(upstream.requests.length, 1);
  });

  test('a spent budget tells the caller’s SDK not to retry: with its default retries it asks once', async () => {
    const { key } = await newKey({ budget: { usd: 0.00006, period: 'day' } });
    upstream.enqueue(answer);
    await openai(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 2 });
    const counted = countingFetch();
    // The Stainless SDKs retry a 429 twice by default unless `x-should-retry: false` (src/client.ts, `shouldRetry`).
    const openaiWithRetries = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: key, fetch: counted.fetch });
    await assert.rejects(openaiWithRetries.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }), OpenAI.RateLimitError);
    const anthropicWithRetries = new Anthropic({ baseURL: gatewayUrl, apiKey: key, fetch: counted.fetch });
    await assert.rejects(anthropicWithRetries.messages.create({ model: 'chat', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }), Anthropic.RateLimitError);
    assert.equal(counted.count(), 2, 'each SDK asked the gateway once');
  });
});

describe('usage records', () => {
  test('every request is recorded with key, model, deployment, tokens, cost and timings', async () => {
    const { key, name } = await newKey();
    upstream.enqueue(answer, streamedAnswer);
    await openai(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
    const stream = await openai(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } });
    for await (const _chunk of stream) void _chunk;
    await assert.rejects(openai(key).chat.completions.create({ model: 'missing', messages: [{ role: 'user', content: 'Hi' }] }), OpenAI.NotFoundError);
    await gateway.services.usage.flush();

    const records = await queryUsage(await gateway.services.store.get(), { keyName: name });
    assert.equal(records.length, 3);
    const [plain, streamed, missing] = records;
    assert.deepEqual(
      { model: plain?.model, deployment: plain?.deployment, status: plain?.status, input: plain?.inputTokens, output: plain?.outputTokens, caller: plain?.caller, stream: plain?.stream },
      { model: 'chat', deployment: 'oa/gpt-4o', status: 200, input: 20, output: 2, caller: 'openai-chat', stream: false },
    );
    assert.ok(Math.abs((plain?.cost ?? 0) - 0.00007) < 1e-12, `cost ${plain?.cost}`);
    assert.equal(streamed?.stream, true);
    assert.ok((streamed?.outputTokens ?? 0) > 0, 'a stream records the usage its last chunk reported');
    assert.equal(typeof streamed?.ttftMs, 'number');
    assert.equal(missing?.status, 404);
    assert.equal(missing?.errorCode, 'not_found');
  });

  test('/metrics parses as Prometheus text and counts requests, tokens and cost by model and deployment', async () => {
    const { key } = await newKey();
    upstream.enqueue(answer);
    await openai(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
    const response = await fetch(`${gatewayUrl}/metrics`);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    const families = parsePrometheusTextFormat(await response.text());
    const family = (name: string) => families.find((candidate) => candidate.name === name);
    const requests = family('interlingua_requests_total')?.metrics.find((sample) => sample.labels?.['deployment'] === 'oa/gpt-4o' && sample.labels['status'] === '200');
    assert.ok(Number(requests?.value) >= 1);
    assert.equal(family('interlingua_request_duration_seconds')?.type, 'HISTOGRAM');
    assert.equal(family('interlingua_time_to_first_token_seconds')?.type, 'HISTOGRAM');
    assert.ok(family('interlingua_tokens_total')?.metrics.some((sample) => sample.labels?.['kind'] === 'input' && Number(sample.value) >= 20));
    assert.ok(Number(family('interlingua_cost_usd_total')?.metrics[0]?.value) > 0);
  });
});

describe('admin API', () => {
  const admin = (path: string, init: RequestInit = {}, token = adminKey) =>
    fetch(`${gatewayUrl}/admin${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

  test('creates a key shown once, lists it without its secret, revokes it', async () => {
    const created = await admin('/keys', { method: 'POST', body: JSON.stringify({ name: 'from-admin', models: ['chat'], rpm: 10, budget: 5, budgetPeriod: 'month', expires: '30d', metadata: { team: 'a' } }) });
    assert.equal(created.status, 201);
    const body = (await created.json()) as { key: string; id: string; name: string; rpm: number; budget: { usd: number; period: string } };
    assert.match(body.key, /^sk-il-/);
    assert.deepEqual(body.budget, { usd: 5, period: 'month' });
    upstream.enqueue(answer);
    await openai(body.key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });

    const listed = (await (await admin('/keys')).json()) as { data: Array<Record<string, unknown>> };
    const entry = listed.data.find((key) => key['name'] === 'from-admin');
    assert.ok(entry);
    assert.ok(!JSON.stringify(listed).includes(body.key), 'the secret is never listed');
    assert.equal(entry['hash'], undefined);

    assert.equal((await admin('/keys/from-admin', { method: 'DELETE' })).status, 200);
    await assert.rejects(openai(body.key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }), OpenAI.AuthenticationError);
    await gateway.services.usage.flush();
    const usage = (await (await admin('/usage?key=from-admin&since=1h')).json()) as { data: Array<{ keyName: string; status: number }> };
    assert.deepEqual(usage.data.map((record) => [record.keyName, record.status]), [['from-admin', 200]], 'a request refused before its key is known is not the key\'s');
  });

  test('refuses a wrong admin key, and bad key fields by name', async () => {
    assert.equal((await admin('/keys', {}, 'wrong-admin-key-0000000000')).status, 401);
    const bad = await admin('/keys', { method: 'POST', body: JSON.stringify({ name: 'x', rpm: -1 }) });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /^rpm: /);
    const duplicate = await admin('/keys', { method: 'POST', body: JSON.stringify({ name: 'key-1' }) });
    assert.equal(duplicate.status, 400);
  });

  test('refuses a key name that is not valid percent-encoding with a 400, not a 500', async () => {
    // Found by `npm run probe` (FUZZ_RUNS=30): DELETE /admin/keys/%% answered 500.
    const revoked = await admin('/keys/%%', { method: 'DELETE' });
    assert.equal(revoked.status, 400);
    const body = (await revoked.json()) as { error: { message: string; type: string } };
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /percent-encod/);
  });
});

test('without auth.required, callers need no key and the admin API is off without adminKey', async () => {
  const open = createGateway(resolveConfig({ providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1` } }, models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] } }), { logger: silentLogger });
  try {
    const url = `http://127.0.0.1:${(await open.listen(0, '127.0.0.1')).port}`;
    upstream.enqueue(answer);
    await new OpenAI({ baseURL: `${url}/v1`, apiKey: 'anything', maxRetries: 0 }).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal((await fetch(`${url}/admin/keys`, { headers: { authorization: `Bearer ${adminKey}` } })).status, 404);
  } finally {
    await open.close();
  }
});
