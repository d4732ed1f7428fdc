/**
 * xAI counts reasoning tokens outside `completion_tokens` but inside `total_tokens`, and bills them
 * at the completion price ("Reasoning tokens - Charged at completion token price",
 * https://docs.x.ai/consumption-and-rate-limits). The recorded grok-3-mini stream ends with prompt
 * 331 (330 cached) + completion 11 + reasoning 271 = total 613 and `cost_in_usd_ticks` 1660500
 * (1 USD = 10^10 ticks): $0.30 per million input tokens, $0.075 cached, $0.50 output, on 11 + 271
 * output tokens. An Anthropic caller (the official SDK) reads all 282 as output, and the usage
 * record's cost is xAI's own. Google's OpenAI-compatible endpoint does not report its thinking at
 * all but in the total (recorded: gemini-2.5-pro, prompt 35 + completion 12 of a total of 109): the
 * 62 tokens the total holds beyond the two are output too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';
import { passThroughSetup } from './support/pass-through-setup.js';

const setup = passThroughSetup('xai-reasoning', (baseUrl: string) => ({
  providers: { xai: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'xai-upstream-key' } },
  models: { grok: [{ provider: 'xai', model: 'grok-3-mini' }], pro: [{ provider: 'xai', model: 'gemini-2.5-pro-preview-05-06' }] },
  prices: { 'grok-3-mini': { input: 0.3, cachedInput: 0.075, output: 0.5 } },
  auth: { required: true },
  retry: { attempts: 0 },
}));

const recorded = 'openai-compat/fantasy-xai-grok3mini-thinking-streaming.i1.response.sse';
const xaiCostInUsdTicks = 1660500;

test('an Anthropic caller reads an xAI stream\'s reasoning tokens in its output tokens', async () => {
  setup.upstream.enqueue({ kind: 'stream', text: readFixtureText(recorded) });
  const { key } = await setup.newKey();
  const client = new Anthropic({ baseURL: setup.url, apiKey: key, maxRetries: 0 });
  const message = await client.messages.stream({ model: 'grok', max_tokens: 1000, messages: [{ role: 'user', content: 'Weather in Florence?' }] }).finalMessage();
  assert.deepEqual(
    [message.usage.input_tokens, message.usage.cache_read_input_tokens, message.usage.output_tokens],
    [331 - 330, 330, 11 + 271],
  );
});

test('the usage record of an xAI stream counts its reasoning tokens as output, at xAI\'s own cost', async () => {
  setup.upstream.enqueue({ kind: 'stream', text: readFixtureText(recorded) });
  const { key, name } = await setup.newKey();
  const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: key, maxRetries: 0 });
  const stream = await client.chat.completions.create({ model: 'grok', stream: true, messages: [{ role: 'user', content: 'Weather in Florence?' }] });
  for await (const _chunk of stream);
  const [record] = await setup.recordsOf(name);
  assert.deepEqual([record?.inputTokens, record?.cachedTokens, record?.outputTokens, record?.reasoningTokens], [331, 330, 11 + 271, 271]);
  assert.ok(Math.abs((record?.cost ?? 0) - xaiCostInUsdTicks / 1e10) < 1e-12, `cost ${record?.cost}, xAI's ${xaiCostInUsdTicks / 1e10}`);
});

test('a Gemini answer through Google\'s OpenAI-compatible endpoint has the thinking its total holds counted as output', async () => {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-compat/pa-gemini-openai-compat-tool-calls.i0.response.json') });
  const { key, name } = await setup.newKey();
  const client = new Anthropic({ baseURL: setup.url, apiKey: key, maxRetries: 0 });
  const message = await client.messages.create({ model: 'pro', max_tokens: 1000, messages: [{ role: 'user', content: 'What is the current time?' }] });
  assert.deepEqual([message.usage.input_tokens, message.usage.output_tokens], [35, 12 + 62]);
  const [record] = await setup.recordsOf(name);
  assert.deepEqual([record?.inputTokens, record?.outputTokens, record?.reasoningTokens], [35, 74, 62]);
});
