/**
 * Prompt-cache breakpoints across dialects, through the official SDKs against the gateway: an
 * OpenAI caller's `cache_control` (as OpenRouter and LiteLLM take it) reaches Anthropic; an
 * Anthropic caller's 1-hour ttl reaches Anthropic and an OpenRouter-style upstream; a provider
 * with `promptCache: auto` places breakpoints for a caller that wrote none, only where the
 * prefix reaches Anthropic's minimum. Assertions read what the upstream received.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureText } from '../support/fixtures.js';

type Body = Record<string, unknown>;

let anthropicUpstream: TestUpstream;
/**
 * Stands in for OpenRouter, which takes `cache_control` on content parts. Not judged: the judge
 * for its path holds api.openai.com's rules, and no OpenRouter judge exists.
 */
let openrouterUpstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  anthropicUpstream = await new TestUpstream().start();
  openrouterUpstream = await new TestUpstream({ judge: false }).start();
  const config = resolveConfig({
    providers: {
      an: { dialect: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
      auto: { dialect: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024, promptCache: 'auto' },
      router: { dialect: 'openrouter', baseUrl: `${openrouterUpstream.baseUrl}/v1`, apiKey: 'sk-or-test' },
    },
    models: {
      claude: [{ provider: 'an', model: 'claude-sonnet-4-20250514' }],
      'claude-auto': [{ provider: 'auto', model: 'claude-sonnet-4-20250514' }],
      'claude-auto-haiku': [{ provider: 'auto', model: 'claude-haiku-4-5-20251001' }],
      routed: [{ provider: 'router', model: 'anthropic/claude-sonnet-4' }],
    },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await anthropicUpstream.stop();
  await openrouterUpstream.stop();
});
beforeEach(() => {
  anthropicUpstream.reset();
  openrouterUpstream.reset();
});

const anthropicReply = { kind: 'json', body: readFixtureText('anthropic/fantasy-sonnet4-simple.response.json') } as const;
const openaiReply = { kind: 'json', body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') } as const;

/** A system prompt well over Anthropic's 1024-token minimum, and far under Haiku 4.5's 4096. */
const longSystem = `You are a careful assistant. ${'Follow the house style guide closely. '.repeat(250)}`;

function received(upstream: TestUpstream): Body {
  const body = upstream.requests[0]?.body as Body | undefined;
  assert.ok(body !== undefined, 'the upstream received the request');
  return body;
}

const asBlocks = (value: unknown): Body[] => (Array.isArray(value) ? (value as Body[]) : []);
function lastBlock(body: Body, messageIndex: number): Body | undefined {
  return asBlocks(asBlocks(body['messages'])[messageIndex]?.['content']).at(-1);
}
/** Every `cache_control` in an Anthropic body, by where it sits. */
function breakpoints(body: Body): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  asBlocks(body['tools']).forEach((tool, index) => tool['cache_control'] !== undefined && (found[`tools.${index}`] = tool['cache_control']));
  asBlocks(body['system']).forEach((block, index) => block['cache_control'] !== undefined && (found[`system.${index}`] = block['cache_control']));
  asBlocks(body['messages']).forEach((message, at) =>
    asBlocks(message['content']).forEach((block, index) => block['cache_control'] !== undefined && (found[`messages.${at}.${index}`] = block['cache_control'])),
  );
  return found;
}

test("an OpenAI caller's cache_control on content parts reaches Anthropic as cache_control", async () => {
  anthropicUpstream.enqueue(anthropicReply);
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  // cache_control is not in the SDK's types: it is what OpenRouter and LiteLLM take on a part.
  const params = {
    model: 'claude',
    messages: [
      { role: 'system', content: [{ type: 'text', text: longSystem, cache_control: { type: 'ephemeral', ttl: '1h' } }] },
      { role: 'user', content: [{ type: 'text', text: 'Here is the report.', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Summarise it.' }] },
    ],
  };
  const { response } = await client.chat.completions.create(params as OpenAI.ChatCompletionCreateParamsNonStreaming).withResponse();
  const body = received(anthropicUpstream);
  assert.deepEqual(breakpoints(body), { 'system.0': { type: 'ephemeral', ttl: '1h' }, 'messages.0.0': { type: 'ephemeral' } });
  assert.equal(response.headers.get('x-interlingua-warnings'), null, 'nothing was lost');
  // The 1-hour tier needs its beta switch, which an OpenAI caller cannot send.
  assert.equal(anthropicUpstream.requests[0]?.headers['anthropic-beta'], 'extended-cache-ttl-2025-04-11');
});

test("an Anthropic caller's 1-hour ttl reaches Anthropic and an OpenRouter-style upstream", async () => {
  const request: Anthropic.MessageCreateParamsNonStreaming = {
    model: 'claude',
    max_tokens: 100,
    tools: [{ name: 'lookup', description: 'Look a word up', input_schema: { type: 'object', properties: { word: { type: 'string' } } }, cache_control: { type: 'ephemeral', ttl: '1h' } }],
    system: [{ type: 'text', text: longSystem, cache_control: { type: 'ephemeral', ttl: '1h' } }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Define "cache".', cache_control: { type: 'ephemeral' } }] }],
  };
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });

  anthropicUpstream.enqueue(anthropicReply);
  await client.messages.create(request, { headers: { 'anthropic-beta': 'extended-cache-ttl-2025-04-11' } });
  assert.deepEqual(breakpoints(received(anthropicUpstream)), {
    'tools.0': { type: 'ephemeral', ttl: '1h' },
    'system.0': { type: 'ephemeral', ttl: '1h' },
    'messages.0.0': { type: 'ephemeral' },
  });

  assert.equal(anthropicUpstream.requests[0]?.headers['anthropic-beta'], 'extended-cache-ttl-2025-04-11', 'the beta is sent once, whether or not the caller sent it');
  openrouterUpstream.enqueue(openaiReply);
  const { response } = await client.messages.create({ ...request, model: 'routed' }).withResponse();
  const messages = asBlocks(received(openrouterUpstream)['messages']);
  assert.deepEqual(asBlocks(messages[0]?.['content'])[0]?.['cache_control'], { type: 'ephemeral', ttl: '1h' }, 'the system part keeps its ttl');
  assert.deepEqual(asBlocks(messages[1]?.['content'])[0]?.['cache_control'], { type: 'ephemeral' });
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  assert.ok(warnings.some((warning) => warning.feature === 'tools.cache'), 'the tool breakpoint, which an OpenAI tool cannot carry, is reported');
});

test('more than four breakpoints reach Anthropic as the last four, with a warning', async () => {
  anthropicUpstream.enqueue(anthropicReply);
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const marked = (text: string) => ({ type: 'text', text, cache_control: { type: 'ephemeral' } });
  const params = {
    model: 'claude',
    messages: [
      { role: 'system', content: [marked(longSystem)] },
      { role: 'user', content: [marked('One.')] },
      { role: 'assistant', content: [marked('Two.')] },
      { role: 'user', content: [marked('Three.')] },
      { role: 'assistant', content: 'Four.' },
      { role: 'user', content: [marked('Five.')] },
    ],
  };
  const { response } = await client.chat.completions.create(params as OpenAI.ChatCompletionCreateParamsNonStreaming).withResponse();
  assert.deepEqual(Object.keys(breakpoints(received(anthropicUpstream))), ['messages.0.0', 'messages.1.0', 'messages.2.0', 'messages.4.0']);
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  assert.ok(warnings.some((warning) => warning.feature === 'cache_control'));
});

const lookupTool: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: { name: 'lookup', description: 'Look a word up', parameters: { type: 'object', properties: { word: { type: 'string' } } } },
};
const conversation: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'system', content: longSystem },
  { role: 'user', content: 'Define "cache".' },
  { role: 'assistant', content: 'A store kept close at hand.' },
  { role: 'user', content: 'And "prefix"?' },
];

test('promptCache auto places breakpoints after the system prompt and on the last two turns, where the prefix is long enough', async () => {
  anthropicUpstream.enqueue(anthropicReply);
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  await client.chat.completions.create({ model: 'claude-auto', messages: conversation, tools: [lookupTool] });
  const body = received(anthropicUpstream);
  // The tools alone are far under the 1024-token minimum, so they get none of their own.
  assert.deepEqual(breakpoints(body), { 'system.0': { type: 'ephemeral' }, 'messages.0.0': { type: 'ephemeral' }, 'messages.2.0': { type: 'ephemeral' } });
  assert.equal(lastBlock(body, 2)?.['text'], 'And "prefix"?');
});

test('promptCache auto places none under the model minimum, none on a provider without it, and leaves a caller\'s own alone', async () => {
  const client = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  anthropicUpstream.enqueue(anthropicReply, anthropicReply, anthropicReply);
  // Haiku 4.5 caches only prefixes of 4096 tokens or more.
  await client.chat.completions.create({ model: 'claude-auto-haiku', messages: conversation });
  await client.chat.completions.create({ model: 'claude', messages: conversation });
  const own = [{ role: 'user', content: [{ type: 'text', text: longSystem, cache_control: { type: 'ephemeral' } }] }];
  await client.chat.completions.create({ model: 'claude-auto', messages: own } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);
  const [haiku, plain, caller] = anthropicUpstream.requests.map((request) => request.body as Body);
  assert.deepEqual(breakpoints(haiku ?? {}), {});
  assert.deepEqual(breakpoints(plain ?? {}), {});
  assert.equal(anthropicUpstream.requests[1]?.headers['anthropic-beta'], undefined, 'no beta without a 1-hour breakpoint');
  assert.deepEqual(breakpoints(caller ?? {}), { 'messages.0.0': { type: 'ephemeral' } });
});
