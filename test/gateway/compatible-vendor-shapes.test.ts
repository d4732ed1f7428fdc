/**
 * Request shapes Groq, DeepSeek and Moonshot (Kimi) refuse though OpenAI takes them, as real clients
 * send them, met by the gateway before they leave: Codex's `prompt_cache_key` for Groq, an effort word
 * Kimi K3 lacks, a tool result or a system prompt of several text blocks for DeepSeek and Groq, and a forced tool call for
 * the Kimi models that always think. Every upstream request is judged by the vendor's rules
 * (test/support/vendor-rules), so one the vendor would refuse fails the file; the caller is told what
 * changed. Callers are the official SDKs.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
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

/** The judge for each provider's path: DeepSeek's and Moonshot's are OpenAI's, Groq's would be taken for Azure's. */
function vendorOf(request: { url: string }): string | undefined {
  if (request.url === '/chat/completions') return 'deepseek';
  if (request.url.startsWith('/moonshot/')) return 'moonshot';
  return request.url.startsWith('/groq/') ? 'groq' : undefined;
}

before(async () => {
  upstream = await new TestUpstream({ vendor: vendorOf }).start();
  upstream.answerUnqueuedWith(recordedAnswer('openai-chat'));
  const config = resolveConfig({
    providers: {
      ds: { dialect: 'deepseek', baseUrl: upstream.baseUrl, apiKey: 'sk-deepseek' },
      kimi: { dialect: 'moonshot', baseUrl: `${upstream.baseUrl}/moonshot/v1`, apiKey: 'sk-moonshot' },
      groq: { dialect: 'groq', baseUrl: `${upstream.baseUrl}/groq/openai/v1`, apiKey: 'gsk-groq' },
    },
    models: {
      'v4-pro': [{ provider: 'ds', model: 'deepseek-v4-pro' }],
      'kimi-k3': [{ provider: 'kimi', model: 'kimi-k3' }],
      'kimi-k2.7-code': [{ provider: 'kimi', model: 'kimi-k2.7-code' }],
      'gpt-oss': [{ provider: 'groq', model: 'openai/gpt-oss-120b' }],
      llama: [{ provider: 'groq', model: 'llama-3.3-70b-versatile' }],
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
beforeEach(() => {
  upstream.reset();
  // A refusal an earlier test left untaken (its request failed before it looked) is not this test's.
  upstream.takeRefusals();
});

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
const warning = (headers: Headers, feature: string) => warningsOf(headers).find((entry) => entry.feature === feature);

test('OpenAI SDK, a Codex-shaped Responses request with prompt_cache_key for Groq: the key is left out, and the caller is told', async () => {
  const { response } = await openai()
    .responses.create({
      model: 'gpt-oss',
      store: false,
      prompt_cache_key: '019a7c1e-5d2f-7c3a-9f00-0123456789ab',
      instructions: 'You are Codex.',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
    })
    .withResponse();
  assert.equal(received().prompt_cache_key, undefined);
  assert.equal(warning(response.headers, 'prompt_cache_key')?.type, 'unsupported');
});

test('OpenAI SDK, Chat Completions with prompt_cache_key for Groq: left out, with a warning', async () => {
  const { response } = await openai().chat.completions.create({ model: 'llama', prompt_cache_key: 'app-user-7', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  assert.equal(received().prompt_cache_key, undefined);
  assert.equal(warning(response.headers, 'prompt_cache_key')?.type, 'unsupported');
});

for (const [effort, sent] of [
  ['medium', 'high'],
  ['minimal', 'low'],
] as const) {
  test(`OpenAI SDK, Responses reasoning effort ${effort} for Kimi K3, which takes low, high and max: sent as ${sent}, with a warning`, async () => {
    const { response } = await openai().responses.create({ model: 'kimi-k3', reasoning: { effort }, input: 'hi' }).withResponse();
    assert.equal(received().reasoning_effort, sent);
    assert.equal(warning(response.headers, 'reasoning.effort')?.type, 'compatibility');
  });
}

test('OpenAI SDK, Chat reasoning_effort high for Kimi K3: sent as it is, without a warning', async () => {
  const { response } = await openai().chat.completions.create({ model: 'kimi-k3', reasoning_effort: 'high', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  assert.equal(received().reasoning_effort, 'high');
  assert.equal(warning(response.headers, 'reasoning.effort'), undefined);
});

test('Anthropic SDK, a thinking budget of 8000 tokens for Kimi K3: the nearest effort it takes, high, with a warning', async () => {
  const { response } = await anthropic()
    .messages.create({ model: 'kimi-k3', max_tokens: 16000, thinking: { type: 'enabled', budget_tokens: 8000 }, messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();
  assert.equal(received().reasoning_effort, 'high');
  assert.ok(warning(response.headers, 'reasoning.budget_tokens') !== undefined);
});

/** A Task tool's result as Claude Code sends it: two text blocks. */
const taskTurns = [
  { role: 'user' as const, content: 'explore the repo' },
  { role: 'assistant' as const, content: [{ type: 'tool_use' as const, id: 'toolu_01A', name: 'read_file', input: { path: 'a.txt' } }] },
  {
    role: 'user' as const,
    content: [
      {
        type: 'tool_result' as const,
        tool_use_id: 'toolu_01A',
        content: [
          { type: 'text' as const, text: 'Found 3 files.' },
          { type: 'text' as const, text: 'agentId: a1b2 (use to resume)' },
        ],
      },
    ],
  },
];

for (const [model, vendor] of [
  ['v4-pro', 'DeepSeek'],
  ['llama', 'Groq'],
] as const) {
  test(`Anthropic SDK, a tool result of two text blocks for ${vendor}, which takes a tool message's content only as a string: one string`, async () => {
    await anthropic().messages.create({ model, max_tokens: 256, tools: [readFile], messages: taskTurns });
    const tool = (received().messages as Array<{ role: string; content: unknown }>).find((message) => message.role === 'tool');
    assert.equal(tool?.content, 'Found 3 files.\n\nagentId: a1b2 (use to resume)');
  });

  test(`Anthropic SDK, a system prompt of three blocks as Claude Code sends it, for ${vendor}, which takes a system message only as a string: one string`, async () => {
    const system = [
      { type: 'text' as const, text: 'x-anthropic-billing-header: cc_version=2.1.0' },
      { type: 'text' as const, text: 'You are Claude Code.' },
      { type: 'text' as const, text: 'Work in /repo.', cache_control: { type: 'ephemeral' as const } },
    ];
    await anthropic().messages.create({ model, max_tokens: 256, system, messages: [{ role: 'user', content: 'hi' }] });
    const sent = (received().messages as Array<{ role: string; content: unknown }>).filter((message) => message.role === 'system');
    assert.deepEqual(sent, [{ role: 'system', content: 'x-anthropic-billing-header: cc_version=2.1.0\n\nYou are Claude Code.\n\nWork in /repo.' }]);
  });
}

for (const [choice, label] of [
  [{ type: 'any' as const }, 'tool_choice any'],
  [{ type: 'tool' as const, name: 'read_file' }, 'a named tool'],
] as const) {
  test(`Anthropic SDK, ${label} for Kimi K2.7 Code, which always thinks: the choice goes as auto, with a warning`, async () => {
    const { response } = await anthropic()
      .messages.create({ model: 'kimi-k2.7-code', max_tokens: 256, tools: [readFile], tool_choice: choice, messages: [{ role: 'user', content: 'read a.txt' }] })
      .withResponse();
    const body = received();
    assert.equal(body.tool_choice, 'auto');
    assert.equal(body.thinking, undefined, 'K2.7 Code cannot turn thinking off');
    assert.equal(warning(response.headers, 'tool_choice')?.type, 'unsupported');
  });
}

test('Anthropic SDK, a named tool for Kimi K3, which refuses one while it thinks and always thinks: auto, with a warning', async () => {
  const { response } = await anthropic()
    .messages.create({ model: 'kimi-k3', max_tokens: 256, tools: [readFile], tool_choice: { type: 'tool', name: 'read_file' }, messages: [{ role: 'user', content: 'read a.txt' }] })
    .withResponse();
  assert.equal(received().tool_choice, 'auto');
  assert.match(String(warning(response.headers, 'tool_choice')?.message), /"read_file"/);
});

test('Anthropic SDK, tool_choice any for Kimi K3, which takes required while it thinks: sent as required, without a warning', async () => {
  const { response } = await anthropic()
    .messages.create({ model: 'kimi-k3', max_tokens: 256, tools: [readFile], tool_choice: { type: 'any' }, messages: [{ role: 'user', content: 'read a.txt' }] })
    .withResponse();
  assert.equal(received().tool_choice, 'required');
  assert.equal(warning(response.headers, 'tool_choice'), undefined);
});
