/**
 * The cost a usage record stores is the vendor's list price of the model that answered:
 * - a smaller model of a family is not billed at its parent's price (`gpt-5-nano` is not `gpt-5`,
 *   https://developers.openai.com/api/docs/models/gpt-5-nano: $0.05 in, $0.40 out);
 * - a Gemini 2.5 Pro prompt over 200K tokens is billed at $2.50 / $15 on every token
 *   (https://ai.google.dev/gemini-api/docs/pricing#gemini-2.5-pro);
 * - Claude on Bedrock Converse is priced by the vendor model its id names
 *   (`us.anthropic.claude-sonnet-4-5-20250929-v1:0` is `claude-sonnet-4-5-20250929`), and the
 *   cache writes Bedrock's `cacheDetails` says were made for an hour are billed at the hour rate,
 *   2x input (API_runtime_TokenUsage.html, API_runtime_CacheDetail.html;
 *   https://platform.claude.com/docs/en/about-claude/pricing), in an answer and in a stream's
 *   `metadata` event alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureText } from '../support/fixtures.js';
import { encodeAwsEventStreamMessage } from '../../src/wire/aws-event-stream.js';
import { passThroughSetup } from './support/pass-through-setup.js';

const setup = passThroughSetup('list-prices', (baseUrl: string) => ({
  providers: {
    oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'upstream-key' },
    ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-test-key' },
    aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' },
  },
  models: {
    nano: [{ provider: 'oa', model: 'gpt-5-nano' }],
    mini41: [{ provider: 'oa', model: 'gpt-4.1-mini' }],
    pro25: [{ provider: 'ge', model: 'gemini-2.5-pro' }],
    sonnet45: [{ provider: 'aws', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }],
    haiku35: [{ provider: 'aws', model: 'anthropic.claude-3-5-haiku-20241022-v1:0' }],
  },
  auth: { required: true },
  retry: { attempts: 0 },
}));

/** Asks `model` through the OpenAI chat route and returns the key's one usage record. */
async function recordOf(model: string, stream = false) {
  const { key, name } = await setup.newKey();
  const response = await fetch(`${setup.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'Hi' }] }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  await response.text();
  const records = await setup.recordsOf(name);
  assert.equal(records.length, 1);
  return records[0]!;
}

function assertDollars(actual: number | null | undefined, expected: number, what: string): void {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 1e-9, `${what}: cost ${actual}, expected ${expected}`);
}

const openaiAnswer = (model: string, prompt: number, completion: number) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model,
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello.', refusal: null }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
});

test('gpt-5-nano and gpt-4.1-mini are billed at their own list prices, not at gpt-5 and gpt-4.1', async () => {
  setup.upstream.enqueue({ kind: 'json', body: openaiAnswer('gpt-5-nano-2025-08-07', 1_000_000, 1_000_000) });
  assertDollars((await recordOf('nano')).cost, 0.05 + 0.4, 'gpt-5-nano');
  // $0.40 / $1.60 (the catalog's price; gpt-4.1 is $2 / $8).
  setup.upstream.enqueue({ kind: 'json', body: openaiAnswer('gpt-4.1-mini-2025-04-14', 1_000_000, 1_000_000) });
  assertDollars((await recordOf('mini41')).cost, 0.4 + 1.6, 'gpt-4.1-mini');
});

test('a 250K-token Gemini 2.5 Pro prompt is billed at the long-prompt rates on every token', async () => {
  const answer = (prompt: number) => ({
    candidates: [{ content: { role: 'model', parts: [{ text: 'Hello.' }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: prompt, candidatesTokenCount: 10_000, totalTokenCount: prompt + 10_000 },
    modelVersion: 'gemini-2.5-pro',
    responseId: 'r1',
  });
  setup.upstream.enqueue({ kind: 'json', body: answer(250_000) });
  assertDollars((await recordOf('pro25')).cost, (250_000 * 2.5 + 10_000 * 15) / 1_000_000, 'over 200K');
  setup.upstream.enqueue({ kind: 'json', body: answer(150_000) });
  assertDollars((await recordOf('pro25')).cost, (150_000 * 1.25 + 10_000 * 10) / 1_000_000, 'under 200K');
});

const converseAnswer = (usage: Record<string, unknown>) => ({
  output: { message: { role: 'assistant', content: [{ text: 'Hello.' }] } },
  stopReason: 'end_turn',
  usage,
  metrics: { latencyMs: 10 },
});

test('Claude Sonnet 4.5 through a Bedrock inference profile is priced, its hour-long cache writes at 2x input', async () => {
  const usage = { cacheDetails: [{ inputTokens: 100_000, ttl: '1h' }], cacheReadInputTokens: 0, cacheWriteInputTokens: 100_000, inputTokens: 100, outputTokens: 50, totalTokens: 100_150 };
  setup.upstream.enqueue({ kind: 'json', body: converseAnswer(usage) });
  const record = await recordOf('sonnet45');
  assert.equal(record.inputTokens, 100_100);
  assertDollars(record.cost, (100 * 3 + 100_000 * 6 + 50 * 15) / 1_000_000, 'sonnet 4.5, 1h write');
  // Recorded (pydantic-ai): a five-minute write stays at 1.25x input.
  setup.upstream.enqueue({ kind: 'json', body: readFixtureText('bedrock/pa-converse-cachepoint.i0.response.json') });
  assertDollars((await recordOf('sonnet45')).cost, (2 * 3 + 1322 * 3.75 + 5 * 15) / 1_000_000, 'sonnet 4.5, recorded 5m write');
});

test("a ConverseStream's metadata usage bills its hour-long cache writes the same way", async () => {
  const usage = { cacheDetails: [{ inputTokens: 50_000, ttl: '1h' }, { inputTokens: 10_000, ttl: '5m' }], cacheReadInputTokens: 0, cacheWriteInputTokens: 60_000, inputTokens: 10, outputTokens: 20, totalTokens: 60_030 };
  setup.upstream.enqueue({
    kind: 'binary-stream',
    contentType: 'application/vnd.amazon.eventstream',
    chunks: [
      encodeAwsEventStreamMessage({ event: 'messageStart', data: JSON.stringify({ role: 'assistant' }) }),
      encodeAwsEventStreamMessage({ event: 'contentBlockDelta', data: JSON.stringify({ contentBlockIndex: 0, delta: { text: 'Hello.' } }) }),
      encodeAwsEventStreamMessage({ event: 'contentBlockStop', data: JSON.stringify({ contentBlockIndex: 0 }) }),
      encodeAwsEventStreamMessage({ event: 'messageStop', data: JSON.stringify({ stopReason: 'end_turn' }) }),
      encodeAwsEventStreamMessage({ event: 'metadata', data: JSON.stringify({ usage, metrics: { latencyMs: 10 } }) }),
    ],
  });
  // Claude 3.5 Haiku's catalog price: $0.80 / $4, five-minute writes $1, hour-long ones 2x input = $1.60.
  assertDollars((await recordOf('haiku35', true)).cost, (10 * 0.8 + 50_000 * 1.6 + 10_000 * 1 + 20 * 4) / 1_000_000, 'haiku 3.5 stream');
});
