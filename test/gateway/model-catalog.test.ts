/**
 * Requests fitted to the model that answers them (src/catalog/): what the vendor would refuse is
 * left out or lowered, with warnings, and costs come from the catalog, or are "no price". The
 * callers are the official SDKs; the upstreams judge each request by the vendors' per-model rules
 * (test/support/vendor-rules/models/), so the old behaviour (sending what the model refuses) fails.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { GoogleGenAI, ThinkingLevel } from '@google/genai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import type { Logger } from '../../src/gateway/logger.js';
import { queryUsage } from '../../src/usage/usage-query.js';
import { readFixtureJson } from '../support/fixtures.js';
import { TestUpstream } from '../support/test-upstream.js';

let anthropicUpstream: TestUpstream;
let openaiUpstream: TestUpstream;
let responsesUpstream: TestUpstream;
let geminiUpstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;
const warned: Array<{ message: string; fields?: Record<string, unknown> }> = [];

const logger: Logger = { debug() {}, info() {}, error() {}, warn: (message, fields) => void warned.push({ message, ...(fields ? { fields } : {}) }) };

before(async () => {
  anthropicUpstream = await new TestUpstream().start();
  openaiUpstream = await new TestUpstream().start();
  responsesUpstream = await new TestUpstream().start();
  geminiUpstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: {
        an: { dialect: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
        oa: { dialect: 'openai-chat', baseUrl: `${openaiUpstream.baseUrl}/v1`, apiKey: 'sk-test' },
        re: { dialect: 'openai-responses', baseUrl: `${responsesUpstream.baseUrl}/v1`, apiKey: 'sk-test' },
        ge: { dialect: 'gemini', baseUrl: geminiUpstream.baseUrl, apiKey: 'gemini-test-key' },
        generous: { dialect: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 100000 },
      },
      models: {
        sonnet: [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }],
        opus: [{ provider: 'an', model: 'claude-opus-4-1-20250805' }],
        'opus-4-7': [{ provider: 'an', model: 'claude-opus-4-7' }],
        'sonnet-4-6': [{ provider: 'an', model: 'claude-sonnet-4-6' }],
        'opus-5-5': [{ provider: 'an', model: 'claude-opus-5-5' }],
        'sonnet-5-5': [{ provider: 'an', model: 'claude-sonnet-5-5' }],
        'haiku-5-5': [{ provider: 'an', model: 'claude-haiku-5-5' }],
        'opus-5': [{ provider: 'an', model: 'claude-opus-5' }],
        gpt: [{ provider: 'oa', model: 'gpt-4o' }],
        'gpt-4.1': [{ provider: 'oa', model: 'gpt-4.1-2025-04-14' }],
        house: [{ provider: 'oa', model: 'house-model-1' }],
        described: [{ provider: 'oa', model: 'house-model-2' }],
        reasoner: [{ provider: 're', model: 'gpt-5' }],
        'responses-4-1': [{ provider: 're', model: 'gpt-4.1' }],
        'mini-chat': [{ provider: 'oa', model: 'gpt-5-mini-2025-08-07' }],
        'gpt-5-1': [{ provider: 'oa', model: 'gpt-5.1' }],
        o4: [{ provider: 'oa', model: 'o4-mini-2025-04-16' }],
        haiku: [{ provider: 'generous', model: 'claude-3-5-haiku-20241022' }],
        flash2: [{ provider: 'ge', model: 'gemini-2.0-flash' }],
        pro25: [{ provider: 'ge', model: 'gemini-2.5-pro' }],
        pro31: [{ provider: 'ge', model: 'gemini-3.1-pro-preview' }],
      },
      catalog: { 'house-model-2': { maxOutputTokens: 2048, refusedSampling: ['topP'], refusedUnlessZero: ['presencePenalty', 'frequencyPenalty'], maxCandidates: 1, price: { input: 1, output: 2 } } },
      retry: { attempts: 1 },
    }),
    { logger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await Promise.all([anthropicUpstream.stop(), openaiUpstream.stop(), responsesUpstream.stop(), geminiUpstream.stop()]);
});
beforeEach(() => {
  anthropicUpstream.reset();
  openaiUpstream.reset();
  responsesUpstream.reset();
  geminiUpstream.reset();
});

const anthropicText = (usage: Record<string, number> = {}) => {
  const body = readFixtureJson('anthropic/response-text.json') as Record<string, unknown>;
  return { kind: 'json' as const, body: { ...body, usage: { ...(body.usage as object), ...usage } } };
};
const openaiText = () => ({ kind: 'json' as const, body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });

function received(upstream: TestUpstream): Record<string, unknown> {
  const body = upstream.requests[0]?.body as Record<string, unknown> | undefined;
  assert.ok(body !== undefined, 'the upstream received the request');
  return body;
}

function warningFeatures(headers: Headers): string[] {
  return (JSON.parse(headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
}

test('temperature with top_p to Claude Sonnet 4.5: top_p is left out, with a warning', async () => {
  anthropicUpstream.enqueue(anthropicText());
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  // The SDK's types no longer list the sampling controls; it sends them as given, as older clients do.
  const params = { model: 'sonnet', max_tokens: 200, temperature: 0.5, top_p: 0.9, messages: [{ role: 'user' as const, content: 'Hi' }] };
  const { response } = await client.messages.create(params as Anthropic.MessageCreateParamsNonStreaming).withResponse();
  const body = received(anthropicUpstream);
  assert.equal(body['temperature'], 0.5);
  assert.equal(body['top_p'], undefined);
  assert.ok(warningFeatures(response.headers).includes('top_p'));
});

test('Anthropic thinking to gpt-4o: no reasoning_effort, and 32000 output tokens lowered to gpt-4o\'s 16384', async () => {
  openaiUpstream.enqueue(openaiText());
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages
    .create({ model: 'gpt', max_tokens: 32000, thinking: { type: 'enabled', budget_tokens: 16000 }, messages: [{ role: 'user', content: 'Hi' }] }, { timeout: 60_000 })
    .withResponse();
  const body = received(openaiUpstream);
  assert.equal(body['reasoning_effort'], undefined);
  assert.equal(body['max_completion_tokens'], 16384);
  const features = warningFeatures(response.headers);
  assert.ok(features.includes('reasoning') && features.includes('max_output_tokens'), JSON.stringify(features));
});

test('more output than Claude Sonnet 4.5 writes, a model newer than the catalog: lowered to its published 64000', async () => {
  anthropicUpstream.enqueue(anthropicText());
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions.create({ model: 'sonnet', max_tokens: 100000, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal(received(anthropicUpstream)['max_tokens'], 64000);
  assert.ok(warningFeatures(response.headers).includes('max_output_tokens'));
});

test("Claude Code's 64000 output tokens to GPT-4.1 over Chat Completions: lowered to its 32768", async () => {
  openaiUpstream.enqueue(openaiText());
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  await client.messages.create({ model: 'gpt-4.1', max_tokens: 64000, messages: [{ role: 'user', content: 'Hi' }] }, { timeout: 60_000 });
  assert.equal(received(openaiUpstream)['max_completion_tokens'] ?? received(openaiUpstream)['max_tokens'], 32768);
});

test('a Gemini caller asking gpt-4o for more output than it has is clamped too', async () => {
  openaiUpstream.enqueue(openaiText());
  const client = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: gatewayUrl } });
  await client.models.generateContent({ model: 'gpt', contents: 'Hi', config: { maxOutputTokens: 50000, temperature: 0.3 } });
  const body = received(openaiUpstream);
  assert.equal(body['max_completion_tokens'], 16384);
  assert.equal(body['temperature'], 0.3);
});

test('Claude Opus 4.1 with thinking: output and budget both fit its 32000 tokens, thinking included', async () => {
  anthropicUpstream.enqueue(anthropicText());
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  await client.messages.create({ model: 'opus', max_tokens: 64000, thinking: { type: 'enabled', budget_tokens: 40000 }, messages: [{ role: 'user', content: 'Hi' }] }, { timeout: 60_000 });
  const body = received(anthropicUpstream);
  assert.equal(body['max_tokens'], 32000);
  assert.deepEqual(body['thinking'], { type: 'enabled', budget_tokens: 16000 });
});

test('Claude Opus 4.7 thinks adaptively: an effort goes to output_config.effort, a budget as its nearest effort', async () => {
  anthropicUpstream.enqueue(anthropicText());
  const openai = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  await openai.chat.completions.create({ model: 'opus-4-7', reasoning_effort: 'low', messages: [{ role: 'user', content: 'Hi' }] });
  const fromOpenai = received(anthropicUpstream);
  assert.deepEqual([fromOpenai['thinking'], fromOpenai['output_config']], [{ type: 'adaptive' }, { effort: 'low' }]);

  anthropicUpstream.reset();
  anthropicUpstream.enqueue(anthropicText());
  const anthropic = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { response } = await anthropic.messages
    .create({ model: 'opus-4-7', max_tokens: 32000, thinking: { type: 'enabled', budget_tokens: 16000 }, messages: [{ role: 'user', content: 'Hi' }] }, { timeout: 60_000 })
    .withResponse();
  const fromAnthropic = received(anthropicUpstream);
  assert.deepEqual([fromAnthropic['thinking'], fromAnthropic['output_config'], fromAnthropic['max_tokens']], [{ type: 'adaptive', display: 'summarized' }, { effort: 'high' }, 32000]);
  assert.ok(warningFeatures(response.headers).includes('reasoning.budget_tokens'));
});

test('a conversation ending on an assistant turn, to Claude Sonnet 4.6, which takes no prefill: a user turn "Continue." follows it', async () => {
  anthropicUpstream.enqueue(anthropicText());
  const openai = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await openai.chat.completions
    .create({
      model: 'sonnet-4-6',
      messages: [
        { role: 'user', content: 'Write a haiku about rain.' },
        { role: 'assistant', content: 'Soft rain on the roof,' },
      ],
    })
    .withResponse();
  const messages = received(anthropicUpstream)['messages'] as Array<{ role: string; content: unknown }>;
  assert.deepEqual(
    messages.map((message) => message.role),
    ['user', 'assistant', 'user'],
  );
  assert.deepEqual(messages[2]?.content, [{ type: 'text', text: 'Continue.' }]);
  assert.ok(warningFeatures(response.headers).includes('prefill'));

  // Sonnet 4.5 still continues from a prefill: the conversation goes as it came.
  anthropicUpstream.reset();
  anthropicUpstream.enqueue(anthropicText());
  await new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 }).messages.create({
    model: 'sonnet',
    max_tokens: 200,
    messages: [
      { role: 'user', content: 'Answer in JSON.' },
      { role: 'assistant', content: '{' },
    ],
  });
  assert.deepEqual(
    (received(anthropicUpstream)['messages'] as Array<{ role: string }>).map((message) => message.role),
    ['user', 'assistant'],
  );
});

test('a forced tool call asked of Claude Opus 5.5, which refuses forcing: the choice goes as auto, thinking adaptively, with a warning', async () => {
  anthropicUpstream.enqueue(anthropicText());
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({
      model: 'opus-5-5',
      reasoning_effort: 'high',
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { word: { type: 'string' } } } } }],
      tool_choice: { type: 'function', function: { name: 'lookup' } },
      messages: [{ role: 'user', content: 'Look up "rain".' }],
    })
    .withResponse();
  const body = received(anthropicUpstream);
  assert.deepEqual(body['tool_choice'], { type: 'auto' });
  assert.deepEqual(body['thinking'], { type: 'adaptive' });
  assert.deepEqual(body['output_config'], { effort: 'high' });
  assert.ok(warningFeatures(response.headers).includes('tool_choice'));
});

test('sampling, a forced tool call and reasoning effort asked of Claude Sonnet 5.5: sampling left out, the choice as auto, thinking adaptive, with warnings', async () => {
  anthropicUpstream.enqueue(anthropicText());
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({
      model: 'sonnet-5-5',
      temperature: 0.3,
      top_p: 0.8,
      reasoning_effort: 'low',
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { word: { type: 'string' } } } } }],
      tool_choice: 'required',
      messages: [{ role: 'user', content: 'Look up "rain".' }],
    })
    .withResponse();
  const body = received(anthropicUpstream);
  assert.equal(body['temperature'], undefined);
  assert.equal(body['top_p'], undefined);
  assert.deepEqual(body['tool_choice'], { type: 'auto' });
  assert.deepEqual(body['thinking'], { type: 'adaptive' });
  assert.deepEqual(body['output_config'], { effort: 'low' });
  const features = warningFeatures(response.headers);
  for (const feature of ['temperature', 'top_p', 'tool_choice']) assert.ok(features.includes(feature), JSON.stringify(features));
});

test('a thinking budget asked of Claude Haiku 5.5, which thinks adaptively only, goes as an effort', async () => {
  anthropicUpstream.enqueue(anthropicText());
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  await client.messages.create({ model: 'haiku-5-5', max_tokens: 8000, thinking: { type: 'enabled', budget_tokens: 4000 }, messages: [{ role: 'user', content: 'Hi' }] });
  const body = received(anthropicUpstream);
  assert.equal((body['thinking'] as { type?: string } | undefined)?.type, 'adaptive');
  assert.equal((body['output_config'] as { effort?: string } | undefined)?.effort !== undefined, true);
});

test('reasoning off, to Claude models that think unless told not to: disabled to Opus 5, between_tools to Sonnet 5.5, nothing to Opus 4.7; Opus 5.5 always thinks', async () => {
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const sent: Record<string, unknown> = {};
  const warned: Record<string, string[]> = {};
  for (const model of ['opus-5', 'sonnet-5-5', 'opus-4-7', 'opus-5-5']) {
    anthropicUpstream.reset();
    anthropicUpstream.enqueue(anthropicText());
    const { response } = await client.chat.completions.create({ model, reasoning_effort: 'none', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    sent[model] = received(anthropicUpstream)['thinking'];
    warned[model] = warningFeatures(response.headers);
  }
  assert.deepEqual(sent, { 'opus-5': { type: 'disabled' }, 'sonnet-5-5': { type: 'between_tools' }, 'opus-4-7': undefined, 'opus-5-5': undefined });
  assert.ok(warned['opus-5-5']?.includes('reasoning.disabled'), JSON.stringify(warned));
  assert.ok(!warned['opus-5']?.includes('reasoning.disabled'));
});

test('an Anthropic caller\'s thinking disabled, to Claude Sonnet 5.5, which refuses it: between_tools instead', async () => {
  anthropicUpstream.enqueue(anthropicText());
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const params = { model: 'sonnet-5-5', max_tokens: 1000, thinking: { type: 'disabled' as const }, output_config: { effort: 'max' }, messages: [{ role: 'user' as const, content: 'Hi' }] };
  const { response } = await client.messages.create(params as Anthropic.MessageCreateParamsNonStreaming).withResponse();
  assert.deepEqual(received(anthropicUpstream)['thinking'], { type: 'between_tools' });
  // It takes effort up to high only with between_tools.
  assert.deepEqual(received(anthropicUpstream)['output_config'], { effort: 'high' });
  assert.ok(warningFeatures(response.headers).includes('output_config.effort'));
});

test('a provider default output limit above the model\'s is lowered to it', async () => {
  anthropicUpstream.enqueue(anthropicText());
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  await client.chat.completions.create({ model: 'haiku', messages: [{ role: 'user', content: 'Hi' }] });
  // Claude 3.5 Haiku writes at most 8192 tokens (the catalog); the provider's default is 100000.
  assert.equal(received(anthropicUpstream)['max_tokens'], 8192);
});

test('gpt-5 over Responses refuses temperature: it is left out', async () => {
  responsesUpstream.enqueue({ kind: 'json', body: readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json') });
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions.create({ model: 'reasoner', temperature: 0.2, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal(received(responsesUpstream)['temperature'], undefined);
  assert.ok(warningFeatures(response.headers).includes('temperature'));
});

test('an empty user turn after the assistant\'s, to Claude Sonnet 4.6: the empty turn says nothing, so "Continue." follows the assistant\'s', async () => {
  anthropicUpstream.enqueue(anthropicText());
  const openai = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  await openai.chat.completions.create({
    model: 'sonnet-4-6',
    messages: [
      { role: 'user', content: 'Write a haiku about rain.' },
      { role: 'assistant', content: 'Soft rain on the roof,' },
      { role: 'user', content: ' ' },
    ],
  });
  const messages = received(anthropicUpstream)['messages'] as Array<{ role: string; content: unknown }>;
  assert.equal(messages.at(-1)?.role, 'user');
  assert.deepEqual(messages.at(-1)?.content, [{ type: 'text', text: 'Continue.' }]);
});

test('reasoning turned off ("none") to models that take no reasoning setting: the field is left out, in Chat Completions and Responses', async () => {
  openaiUpstream.enqueue(openaiText());
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  await client.chat.completions.create({ model: 'gpt', reasoning_effort: 'none', messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal(received(openaiUpstream)['reasoning_effort'], undefined);
  responsesUpstream.enqueue({ kind: 'json', body: readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json') });
  await client.responses.create({ model: 'responses-4-1', input: 'Hi', reasoning: { effort: 'none' } });
  assert.equal(received(responsesUpstream)['reasoning'], undefined);
});

test('stop sequences to gpt-5-mini over Chat Completions, which refuses stop: they are left out, with a warning', async () => {
  openaiUpstream.enqueue(openaiText());
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages.create({ model: 'mini-chat', max_tokens: 200, stop_sequences: ['END'], messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal(received(openaiUpstream)['stop'], undefined);
  assert.ok(warningFeatures(response.headers).includes('stop'));
});

test('a Gemini caller\'s minimal thinking level to gpt-5.1, which refuses minimal: low is sent, with a warning', async () => {
  openaiUpstream.enqueue(openaiText());
  const client = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: gatewayUrl } });
  await client.models.generateContent({ model: 'gpt-5-1', contents: 'Hi', config: { thinkingConfig: { thinkingLevel: ThinkingLevel.MINIMAL } } });
  assert.equal(received(openaiUpstream)['reasoning_effort'], 'low');
});

test('xhigh, which Codex asks for, to models without it: high to o4-mini over Chat Completions and to gpt-5 over Responses, with a warning; gpt-5.1 gets its none', async () => {
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  openaiUpstream.enqueue(openaiText());
  const chat = await client.chat.completions.create({ model: 'o4', reasoning_effort: 'xhigh', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal(received(openaiUpstream)['reasoning_effort'], 'high');
  assert.ok(warningFeatures(chat.response.headers).includes('reasoning.effort'));
  responsesUpstream.enqueue({ kind: 'json', body: readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json') });
  const responses = await client.responses.create({ model: 'reasoner', input: 'Hi', reasoning: { effort: 'xhigh', summary: 'auto' } }).withResponse();
  assert.deepEqual(received(responsesUpstream)['reasoning'], { effort: 'high', summary: 'auto' });
  assert.ok(warningFeatures(responses.response.headers).includes('reasoning.effort'));
  openaiUpstream.reset();
  openaiUpstream.enqueue(openaiText());
  await client.chat.completions.create({ model: 'gpt-5-1', reasoning_effort: 'none', messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal(received(openaiUpstream)['reasoning_effort'], 'none');
});

test('one tool at a time asked of o4-mini, which refuses parallel_tool_calls: it is left out, with a warning', async () => {
  const tools = [{ name: 'lookup', description: 'Looks a word up.', input_schema: { type: 'object' as const, properties: { word: { type: 'string' } } } }];
  openaiUpstream.enqueue(openaiText());
  const anthropic = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { response } = await anthropic.messages
    .create({ model: 'o4', max_tokens: 200, tools, tool_choice: { type: 'auto', disable_parallel_tool_use: true }, messages: [{ role: 'user', content: 'Hi' }] })
    .withResponse();
  const body = received(openaiUpstream);
  assert.equal(body['parallel_tool_calls'], undefined);
  assert.equal((body['tools'] as unknown[]).length, 1);
  assert.ok(warningFeatures(response.headers).includes('parallel_tool_calls'));

  openaiUpstream.reset();
  openaiUpstream.enqueue(openaiText());
  const openai = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const chatTools = [{ type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }];
  await openai.chat.completions.create({ model: 'o4', tools: chatTools, parallel_tool_calls: true, messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal(received(openaiUpstream)['parallel_tool_calls'], undefined);
});

test('penalties to gpt-5-mini, which refuses them: they are left out, with a warning each', async () => {
  openaiUpstream.enqueue(openaiText());
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({ model: 'mini-chat', presence_penalty: 0.5, frequency_penalty: 0.2, messages: [{ role: 'user', content: 'Hi' }] })
    .withResponse();
  const body = received(openaiUpstream);
  assert.deepEqual([body['presence_penalty'], body['frequency_penalty']], [undefined, undefined]);
  const features = warningFeatures(response.headers);
  assert.ok(features.includes('presence_penalty') && features.includes('frequency_penalty'), JSON.stringify(features));
});

test('Gemini: no thinking config to Gemini 2.0; a 2.5 Pro budget brought into its range, and off left out', async () => {
  const geminiText = { kind: 'json' as const, body: readFixtureJson('gemini/fantasy-gemini25flash-simple.response.json') };
  geminiUpstream.enqueue(geminiText, geminiText, geminiText);
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  await client.chat.completions.create({ model: 'flash2', reasoning_effort: 'high', messages: [{ role: 'user', content: 'Hi' }] });
  const anthropic = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  await anthropic.messages.create({ model: 'pro25', max_tokens: 60000, thinking: { type: 'enabled', budget_tokens: 50000 }, messages: [{ role: 'user', content: 'Hi' }] }, { timeout: 60_000 });
  await anthropic.messages.create({ model: 'pro25', max_tokens: 1000, thinking: { type: 'disabled' }, messages: [{ role: 'user', content: 'Hi' }] });
  const thinking = geminiUpstream.requests.map((request) => ((request.body as { generationConfig?: { thinkingConfig?: unknown } }).generationConfig ?? {}).thinkingConfig);
  assert.equal(thinking[0], undefined);
  assert.equal((thinking[1] as { thinkingBudget?: number }).thinkingBudget, 32768);
  assert.equal((thinking[2] as { thinkingBudget?: number } | undefined)?.thinkingBudget, undefined);
});

test('reasoning off to Gemini 3.1 Pro, which always thinks: no thinking config, and the caller is told', async () => {
  geminiUpstream.enqueue({ kind: 'json', body: readFixtureJson('gemini/fantasy-gemini25flash-simple.response.json') });
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions.create({ model: 'pro31', reasoning_effort: 'none', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  const config = (geminiUpstream.requests[0]?.body as { generationConfig?: { thinkingConfig?: unknown } }).generationConfig ?? {};
  assert.equal(config.thinkingConfig, undefined);
  assert.ok(warningFeatures(response.headers).includes('reasoning.disabled'));
});

test('more output than Gemini writes: 2.0 Flash lowered to 8192 (the catalog), 3.1 Pro, newer than it, to its published 65536', async () => {
  const geminiText = { kind: 'json' as const, body: readFixtureJson('gemini/fantasy-gemini25flash-simple.response.json') };
  geminiUpstream.enqueue(geminiText, geminiText);
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const headers: Headers[] = [];
  for (const model of ['flash2', 'pro31']) {
    const { response } = await client.messages.create({ model, max_tokens: 100000, messages: [{ role: 'user', content: 'Hi' }] }, { timeout: 60_000 }).withResponse();
    headers.push(response.headers);
  }
  const asked = geminiUpstream.requests.map((request) => (request.body as { generationConfig?: { maxOutputTokens?: number } }).generationConfig?.maxOutputTokens);
  assert.deepEqual(asked, [8192, 65536]);
  for (const header of headers) assert.ok(warningFeatures(header).includes('max_output_tokens'));
});

test('a configured catalog entry describes a model the catalog lacks', async () => {
  openaiUpstream.enqueue(openaiText());
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  await client.chat.completions.create({ model: 'described', max_tokens: 9000, top_p: 0.5, temperature: 0.5, presence_penalty: 0, frequency_penalty: 0.4, n: 2, messages: [{ role: 'user', content: 'Hi' }] });
  const body = received(openaiUpstream);
  assert.equal(body['max_completion_tokens'], 2048);
  assert.equal(body['top_p'], undefined);
  assert.equal(body['temperature'], 0.5);
  // Taken only at 0, and one candidate at most.
  assert.deepEqual([body['presence_penalty'], body['frequency_penalty'], body['n']], [0, undefined, 1]);
});

test('a model nothing knows is sent exactly as before', async () => {
  openaiUpstream.enqueue(openaiText());
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({ model: 'house', max_tokens: 100000, top_p: 0.5, temperature: 0.5, reasoning_effort: 'high', messages: [{ role: 'user', content: 'Hi' }] })
    .withResponse();
  const body = received(openaiUpstream);
  assert.deepEqual([body['max_completion_tokens'], body['top_p'], body['temperature'], body['reasoning_effort']], [100000, 0.5, 0.5, 'high']);
  assert.equal(response.headers.get('x-interlingua-warnings'), null);
});

test('costs come from the catalog; a model without a price records "no price", not $0', async () => {
  anthropicUpstream.enqueue(anthropicText({ input_tokens: 1000, cache_read_input_tokens: 500, cache_creation_input_tokens: 100, output_tokens: 200 }));
  openaiUpstream.enqueue(openaiText());
  const anthropic = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  await anthropic.messages.create({ model: 'opus', max_tokens: 200, messages: [{ role: 'user', content: 'Hi' }] });
  const openai = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  await openai.chat.completions.create({ model: 'house', messages: [{ role: 'user', content: 'Hi' }] });
  await gateway.services.usage.flush();
  const records = await queryUsage(await gateway.services.store.get(), {});
  const opus = records.find((record) => record.model === 'opus' && record.inputTokens === 1600);
  const house = records.find((record) => record.model === 'house');
  // Claude Opus 4.1 in the catalog: $15 input, $1.50 cache reads, $18.75 cache writes, $75 output per million tokens.
  const expected = (1000 * 15 + 500 * 1.5 + 100 * 18.75 + 200 * 75) / 1_000_000;
  assert.ok(opus?.cost !== null && opus?.cost !== undefined && Math.abs(opus.cost - expected) < 1e-12, `opus cost ${String(opus?.cost)}`);
  assert.ok((house?.inputTokens ?? 0) > 0);
  assert.equal(house?.cost, null);
});

test('at start the gateway warns once which configured models have no price', () => {
  const unpriced = warned.filter((entry) => entry.message.startsWith('models without a price'));
  assert.equal(unpriced.length, 1);
  // gpt-5.1 is newer than the catalog's snapshot and the built-in prices; the Claude models all have built-in ones.
  assert.deepEqual(unpriced[0]?.fields?.['models'], ['oa/gpt-5.1', 'oa/house-model-1']);
});
