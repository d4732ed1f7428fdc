/**
 * Embeddings against a key's limits and budget as chat is (README "Keys and limits"): a request
 * holds what its input may cost while it runs, an answer without usage (Gemini's embeddings report
 * none: the recorded gemini/pa-batchEmbedContents-documents.response.json;
 * https://ai.google.dev/api/python/google/ai/generativelanguage/BatchEmbedContentsResponse) has its
 * input estimated and priced, and a request whose caller left while the upstream had it is charged
 * to that deployment with its input estimated.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { queryUsage } from '../../src/usage/usage-query.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import type { KeySpec } from '../../src/keys/gateway-key.js';
import { TestUpstream, type UpstreamReply } from '../support/test-upstream.js';
import { readFixtureText } from '../support/fixtures.js';

/** Dollars per million input tokens: 12 tokens cost $0.30, one $0.025. */
const inputPrice = 25_000;

const openaiUpstream = new TestUpstream();
const geminiUpstream = new TestUpstream();
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  await openaiUpstream.start();
  await geminiUpstream.start();
  gateway = createGateway(
    resolveConfig({
      providers: {
        oa: { dialect: 'openai-chat', baseUrl: `${openaiUpstream.baseUrl}/v1`, apiKey: 'upstream-key' },
        ge: { dialect: 'gemini', baseUrl: geminiUpstream.baseUrl, apiKey: 'upstream-key' },
      },
      models: { embed: [{ provider: 'oa', model: 'text-embedding-3-small' }], gembed: [{ provider: 'ge', model: 'gemini-embedding-001' }] },
      prices: { 'text-embedding-3-small': { input: inputPrice, output: 0 }, 'gemini-embedding-001': { input: inputPrice, output: 0 } },
      retry: { attempts: 0 },
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await openaiUpstream.stop();
  await geminiUpstream.stop();
});
beforeEach(() => {
  openaiUpstream.reset();
  geminiUpstream.reset();
});

let keyCount = 0;
async function newKey(spec: Omit<KeySpec, 'name'>): Promise<{ key: string; name: string }> {
  const name = `embeddings-key-${++keyCount}`;
  const { key } = await gateway.services.keys.create({ name, ...spec });
  return { key, name };
}

/** The key's usage records, once `count` of them are written. */
async function recordsOf(name: string, count: number): Promise<UsageRecord[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await gateway.services.usage.flush();
    const records = await queryUsage(await gateway.services.store.get(), { keyName: name });
    if (records.length >= count) return records;
    assert.ok(Date.now() < deadline, `${count} usage records of ${name}, ${records.length} so far`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Two inputs of 6 tokens each: the 12 tokens the recorded OpenAI answer reports (openai-embeddings/response-float.json). */
const twelveTokens = ['hello hello hello hello hello hello', 'world world world world world world'];

test('10 embeddings at once against a budget that fits 3: each holds its input, 3 are answered, 7 refused', async () => {
  const budget = 1;
  const { key, name } = await newKey({ budget: { usd: budget, period: 'total' } });
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: key, maxRetries: 0 });
  // Every request let through waits at the upstream until each of the 10 is there or refused.
  const calls = 10;
  let reached = 0;
  let refused = 0;
  let release!: () => void;
  const allDecided = new Promise<void>((resolve) => (release = resolve));
  const decided = () => {
    if (reached + refused === calls) release();
  };
  const answer = readFixtureText('openai-embeddings/response-float.json');
  openaiUpstream.answerUnqueuedWith((): UpstreamReply => {
    reached++;
    decided();
    return { kind: 'stream', contentType: 'application/json', text: answer, pauseAfterFrames: 0, resume: allDecided };
  });
  const outcomes = await Promise.allSettled(
    Array.from({ length: calls }, () =>
      client.embeddings.create({ model: 'embed', input: twelveTokens, encoding_format: 'float' }).catch((error: unknown) => {
        refused++;
        decided();
        throw error;
      }),
    ),
  );
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') continue;
    assert.ok(outcome.reason instanceof OpenAI.RateLimitError, `refused with the SDK's 429 error: ${String(outcome.reason)}`);
    assert.match(outcome.reason.message, /has spent its budget/);
  }
  // Each holds its 12 estimated input tokens: $0.30.
  assert.equal(reached, 3, 'as many as the budget fits');
  const records = await recordsOf(name, calls);
  const spend = records.reduce((sum, record) => sum + (record.cost ?? 0), 0);
  assert.ok(spend <= budget, `spend $${spend} within the $${budget} budget`);
});

test('a Gemini embeddings answer, which reports no usage, is recorded with its input estimated and priced, and counts against the key', async () => {
  const { key, name } = await newKey({ tpm: 2 });
  const ai = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: gatewayUrl } });
  geminiUpstream.enqueue({ kind: 'json', body: readFixtureText('gemini/pa-batchEmbedContents-documents.response.json') });
  const response = await ai.models.embedContent({ model: 'gembed', contents: ['hello', 'world'] });
  assert.equal(response.embeddings?.length, 2);
  const [record] = await recordsOf(name, 1);
  assert.equal(record?.status, 200);
  assert.equal(record?.deployment, 'ge/gemini-embedding-001');
  assert.equal(record?.inputTokens, 2, 'one token each for "hello" and "world"');
  assert.equal(record?.outputTokens, 0);
  assert.equal(record?.estimated, true);
  assert.ok(Math.abs((record?.cost ?? 0) - 0.05) < 1e-9, `cost $${record?.cost}`);
  // The 2 estimated tokens fill the key's 2 tokens a minute.
  await assert.rejects(ai.models.embedContent({ model: 'gembed', contents: ['hello'] }), (error: unknown) => (error as { status?: number }).status === 429);
  assert.equal(geminiUpstream.requests.length, 1);
});

test('an embeddings request whose caller left while the upstream had it is charged to that deployment, its input estimated', async () => {
  const { key, name } = await newKey({});
  openaiUpstream.enqueue({ kind: 'hang' });
  const leaving = new AbortController();
  const sent = fetch(`${gatewayUrl}/v1/embeddings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'embed', input: twelveTokens, encoding_format: 'float' }),
    signal: leaving.signal,
  });
  while (openaiUpstream.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  leaving.abort();
  await assert.rejects(sent);
  const [record] = await recordsOf(name, 1);
  assert.equal(record?.status, 499);
  assert.equal(record?.errorCode, 'cancelled');
  assert.equal(record?.deployment, 'oa/text-embedding-3-small');
  assert.equal(record?.inputTokens, 12);
  assert.equal(record?.estimated, true);
  assert.ok(Math.abs((record?.cost ?? 0) - 0.3) < 1e-9, `cost $${record?.cost}`);
});
