/**
 * Requests DeepSeek, DashScope (Qwen), Moonshot (Kimi) and OpenAI refuse, as real clients send them,
 * met by the gateway before they leave: an image for a DeepSeek text model, a forced tool call while
 * the model thinks by default, a JSON Schema response format for DeepSeek, Kimi's pinned sampling, and
 * Claude Code's ~150-character `metadata.user_id` for OpenAI's 64-character `user`. Every upstream
 * request is judged by the vendor's rules (test/support/vendor-rules), so one the vendor would refuse
 * fails the file; the caller is told what changed. Callers are the official SDKs.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { recordedAnswer } from './support/recorded-answers.js';
import { warningsOf } from './support/warnings-header.js';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  // DeepSeek's and Moonshot's paths are OpenAI's: their judges are named; DashScope's and OpenAI's are known by path.
  upstream = await new TestUpstream({ vendor: (request) => (request.url === '/chat/completions' ? 'deepseek' : request.url.startsWith('/moonshot/') ? 'moonshot' : undefined) }).start();
  upstream.answerUnqueuedWith((request) => (request.url.endsWith('/responses') ? recordedAnswer('openai-responses')(request) : recordedAnswer('openai-chat')(request)));
  const config = resolveConfig({
    providers: {
      ds: { dialect: 'deepseek', baseUrl: upstream.baseUrl, apiKey: 'sk-deepseek' },
      kimi: { dialect: 'moonshot', baseUrl: `${upstream.baseUrl}/moonshot/v1`, apiKey: 'sk-moonshot' },
      qwen: { dialect: 'qwen', baseUrl: `${upstream.baseUrl}/compatible-mode/v1`, apiKey: 'sk-dashscope' },
      openai: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-openai' },
      responses: { dialect: 'openai-responses', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-openai' },
    },
    models: {
      'v4-pro': [{ provider: 'ds', model: 'deepseek-v4-pro' }],
      'v4-flash': [{ provider: 'ds', model: 'deepseek-v4-flash' }],
      'kimi-k2.6': [{ provider: 'kimi', model: 'kimi-k2.6' }],
      'kimi-k2.5': [{ provider: 'kimi', model: 'kimi-k2.5' }],
      'qwen3.5-plus': [{ provider: 'qwen', model: 'qwen3.5-plus' }],
      'qwen-plus': [{ provider: 'qwen', model: 'qwen-plus' }],
      'gpt-4o': [{ provider: 'openai', model: 'gpt-4o' }],
      'gpt-4.1': [{ provider: 'responses', model: 'gpt-4.1' }],
    },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  // Both stop even when the upstream reports what its judge refused, which then fails the file.
  const stopped = await Promise.allSettled([gateway.close(), upstream.stop()]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});
beforeEach(() => upstream.reset());


/** The one request the upstream received, after checking that its judge served it. */
function received(): Record<string, unknown> {
  assert.deepEqual(upstream.takeRefusals().map((refusal) => `${refusal.rule}: ${refusal.message}`), [], 'the upstream served the request as its vendor would');
  const body = upstream.requests[0]?.body;
  assert.ok(body !== undefined, 'the upstream received the request');
  return body as Record<string, unknown>;
}

const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
const openai = () => new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
const readFile = { name: 'read_file', description: 'Read a file', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } }, required: ['path'] } };
const readFileFunction = { type: 'function' as const, function: { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } } };
const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

test('Anthropic SDK, an image for deepseek-v4-pro: a note takes its place, the text stays, and the caller is told', async () => {
  const { response } = await anthropic()
    .messages.create({
      model: 'v4-pro',
      max_tokens: 256,
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: onePixelPng } }, { type: 'text', text: 'what is this' }] }],
    })
    .withResponse();
  const content = (received().messages as Array<{ content: unknown }>)[0]?.content;
  assert.deepEqual(content, [
    { type: 'text', text: '[image omitted: deepseek-v4-pro does not read images]' },
    { type: 'text', text: 'what is this' },
  ]);
  assert.equal(warningsOf(response.headers).find((entry) => entry.feature === 'image')?.type, 'unsupported');
});

test('Anthropic SDK, tool_choice any for deepseek-v4-flash, which thinks by default: thinking goes off so the forced call holds', async () => {
  const { response } = await anthropic()
    .messages.create({ model: 'v4-flash', max_tokens: 256, tools: [readFile], tool_choice: { type: 'any' }, messages: [{ role: 'user', content: 'read a.txt' }] })
    .withResponse();
  const body = received();
  assert.equal(body.tool_choice, 'required');
  assert.deepEqual(body.thinking, { type: 'disabled' });
  assert.equal(warningsOf(response.headers).find((entry) => entry.feature.startsWith('reasoning')), undefined, 'nothing the caller asked for was lost');
});

test('Anthropic SDK, thinking asked with a named tool for deepseek-v4-pro: the forced call wins, thinking gives way with a warning', async () => {
  const { response } = await anthropic()
    .messages.create({
      model: 'v4-pro',
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      tools: [readFile],
      tool_choice: { type: 'tool', name: 'read_file' },
      messages: [{ role: 'user', content: 'read a.txt' }],
    })
    .withResponse();
  const body = received();
  assert.deepEqual(body.tool_choice, { type: 'function', function: { name: 'read_file' } });
  assert.deepEqual(body.thinking, { type: 'disabled' });
  assert.equal(body.reasoning_effort, undefined);
  assert.equal(warningsOf(response.headers).find((entry) => entry.feature === 'reasoning.forced_tool_choice')?.type, 'compatibility');
});

test('OpenAI SDK, a json_schema response format for DeepSeek: JSON mode, and the schema asked for in the system prompt', async () => {
  const { response } = await openai()
    .chat.completions.create({
      model: 'v4-pro',
      response_format: { type: 'json_schema', json_schema: { name: 'city', schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
      messages: [{ role: 'user', content: 'Where is the Eiffel Tower?' }],
    })
    .withResponse();
  const body = received();
  assert.deepEqual(body.response_format, { type: 'json_object' });
  const system = (body.messages as Array<{ role: string; content: unknown }>).find((message) => message.role === 'system');
  assert.match(String(system?.content), /"city"/);
  assert.equal(warningsOf(response.headers).find((entry) => entry.feature === 'response_format.json_schema')?.type, 'compatibility');
});

test('OpenAI SDK, tool_choice required for qwen3.5-plus, which thinks by default on DashScope: enable_thinking goes false', async () => {
  await openai().chat.completions.create({ model: 'qwen3.5-plus', tools: [readFileFunction], tool_choice: 'required', messages: [{ role: 'user', content: 'read a.txt' }] });
  const body = received();
  assert.equal(body.tool_choice, 'required');
  assert.equal(body.enable_thinking, false);
});

test('Anthropic SDK, thinking with tool_choice any for qwen-plus: thinking gives way, with a warning', async () => {
  const { response } = await anthropic()
    .messages.create({ model: 'qwen-plus', max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 }, tools: [readFile], tool_choice: { type: 'any' }, messages: [{ role: 'user', content: 'read a.txt' }] })
    .withResponse();
  const body = received();
  assert.equal(body.tool_choice, 'required');
  assert.equal(body.enable_thinking, false);
  assert.equal(body.thinking_budget, undefined);
  assert.equal(warningsOf(response.headers).find((entry) => entry.feature === 'reasoning.forced_tool_choice')?.type, 'compatibility');
});

test('OpenAI SDK, sampling and tool_choice required for Kimi K2.6: the pinned sampling is left out, thinking goes off for the forced call', async () => {
  const { response } = await openai()
    .chat.completions.create({
      model: 'kimi-k2.6',
      temperature: 0.3,
      top_p: 0.5,
      presence_penalty: 0.4,
      frequency_penalty: 0,
      tools: [readFileFunction],
      tool_choice: 'required',
      messages: [{ role: 'user', content: 'read a.txt' }],
    })
    .withResponse();
  const body = received();
  assert.equal(body.temperature, undefined);
  assert.equal(body.top_p, undefined);
  assert.equal(body.presence_penalty, undefined);
  assert.equal(body.frequency_penalty, 0, 'the one value a pinned penalty takes goes as it is');
  assert.equal(body.tool_choice, 'required');
  assert.deepEqual(body.thinking, { type: 'disabled' });
  assert.equal(body.reasoning_effort, undefined);
  const features = warningsOf(response.headers).map((entry) => entry.feature);
  for (const feature of ['temperature', 'top_p', 'presence_penalty']) assert.ok(features.includes(feature), feature);
});

test('Anthropic SDK, reasoning off for Kimi K2.5: Kimi\'s own switch, not reasoning_effort', async () => {
  await anthropic().messages.create({ model: 'kimi-k2.5', max_tokens: 256, thinking: { type: 'disabled' }, messages: [{ role: 'user', content: 'hi' }] });
  const body = received();
  assert.deepEqual(body.thinking, { type: 'disabled' });
  assert.equal(body.reasoning_effort, undefined);
});

/** Claude Code's `metadata.user_id`: a JSON object of a 64-hex-digit device id and two UUIDs (looplj/axonhub#1669). */
const claudeCodeUserId = JSON.stringify({ device_id: 'ab'.repeat(32), account_uuid: '5b8c2a34-1f0e-4a77-9d1c-2e6f3b7a9c10', session_id: '0f6e8d2c-3b4a-4c5d-8e9f-a1b2c3d4e5f6' });

for (const [model, field] of [
  ['gpt-4o', 'Chat Completions'],
  ['gpt-4.1', 'Responses'],
] as const) {
  test(`Anthropic SDK, Claude Code's metadata.user_id for OpenAI ${field}: its SHA-256 digest, 64 characters, the same each time`, async () => {
    const { response } = await anthropic()
      .messages.create({ model, max_tokens: 256, metadata: { user_id: claudeCodeUserId }, messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    assert.ok(claudeCodeUserId.length > 64);
    assert.equal(received().user, createHash('sha256').update(claudeCodeUserId).digest('hex'));
    assert.equal(warningsOf(response.headers).find((entry) => entry.feature === 'user')?.type, 'compatibility');
  });
}

test('Anthropic SDK, a short metadata.user_id for OpenAI: sent as it is, without a warning', async () => {
  const { response } = await anthropic().messages.create({ model: 'gpt-4o', max_tokens: 256, metadata: { user_id: 'user-42' }, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  assert.equal(received().user, 'user-42');
  assert.equal(warningsOf(response.headers).find((entry) => entry.feature === 'user'), undefined);
});
