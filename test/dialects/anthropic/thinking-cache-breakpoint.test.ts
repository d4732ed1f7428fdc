/**
 * A caller's `cache_control` on a thinking block, which Anthropic refuses there ("thinking.cache_control:
 * Extra inputs are not permitted"), is not lost without a word: it moves to the nearest block before
 * the thinking that can hold one, so the cached prefix still ends where the caller's did or sooner,
 * and the caller is told. With no such block it is left out, and reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { gatewayOverOneUpstream } from '../../support/one-upstream-gateway.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: {
    an: { dialect: 'anthropic', baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
    aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' },
  },
  models: {
    claude: [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }],
    'bedrock-claude': [{ provider: 'aws', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }],
  },
  retry: { attempts: 0 },
}));

const anthropicAnswer = () => ({
  kind: 'json' as const,
  body: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [{ type: 'text', text: 'Fine.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 9, output_tokens: 2 } },
});
const converseAnswer = () => ({
  kind: 'json' as const,
  body: { output: { message: { role: 'assistant', content: [{ text: 'Fine.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 9, outputTokens: 2, totalTokens: 11 }, metrics: { latencyMs: 1 } },
});

const ephemeral = { type: 'ephemeral' as const };
const signature = 'EqQBCkYIBxgCKkA';

/**
 * Three turns whose assistant turn opens with a thinking (or redacted thinking) block marked for
 * caching. The SDK's own types leave `cache_control` off these blocks, as the API refuses it there;
 * callers that build their bodies as JSON (proxies that mark blocks for caching) still send it.
 */
function conversation(opening: Record<string, unknown>): Anthropic.MessageParam[] {
  return [
    { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    { role: 'assistant', content: [opening as unknown as Anthropic.ContentBlockParam, { type: 'text', text: 'Hello!' }] },
    { role: 'user', content: 'How are you?' },
  ];
}

async function send(model: string, messages: Anthropic.MessageParam[]): Promise<string> {
  const client = new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
  const { data, response } = await client.messages
    .create({ model, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, messages })
    .withResponse();
  assert.equal(data.content[0]?.type === 'text' ? data.content[0].text : undefined, 'Fine.');
  return response.headers.get('x-interlingua-warnings') ?? '';
}

const sentBody = () => setup.upstream.requests[0]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> };

test('to Anthropic: cache_control on a thinking block moves to the user block before it, with a warning, and the judge serves it', async () => {
  setup.upstream.enqueue(anthropicAnswer());
  const warnings = await send('claude', conversation({ type: 'thinking', thinking: 'The user greets me.', signature, cache_control: ephemeral }));
  const messages = sentBody().messages;
  assert.deepEqual(messages[0]?.content.at(-1), { type: 'text', text: 'Hi', cache_control: ephemeral });
  assert.equal(messages[1]?.content[0]?.['type'], 'thinking');
  assert.equal(messages[1]?.content[0]?.['cache_control'], undefined);
  assert.match(warnings, /"compatibility","feature":"reasoning\.cache"/);
});

test('to Anthropic: so does one on a redacted thinking block', async () => {
  setup.upstream.enqueue(anthropicAnswer());
  const warnings = await send('claude', conversation({ type: 'redacted_thinking', data: 'EmwKAhgBEgy', cache_control: ephemeral }));
  const messages = sentBody().messages;
  assert.deepEqual(messages[0]?.content.at(-1), { type: 'text', text: 'Hi', cache_control: ephemeral });
  assert.equal(messages[1]?.content[0]?.['cache_control'], undefined);
  assert.match(warnings, /"reasoning\.cache"/);
});

test('to Claude on Bedrock Converse: the breakpoint becomes a cache point after the user text, not after the reasoning', async () => {
  setup.upstream.enqueue(converseAnswer());
  const warnings = await send('bedrock-claude', conversation({ type: 'thinking', thinking: 'The user greets me.', signature, cache_control: ephemeral }));
  const messages = sentBody().messages;
  assert.deepEqual(messages[0]?.content, [{ text: 'Hi' }, { cachePoint: { type: 'default' } }]);
  assert.equal(messages[1]?.content.some((block) => block['cachePoint'] !== undefined), false);
  assert.match(warnings, /"reasoning\.cache"/);
});

test('a breakpoint on thinking with no block before it that can hold one is left out, and reported', () => {
  const parsed = anthropicDialect.parseRequest(
    {
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 2048,
      messages: [{ role: 'assistant', content: [{ type: 'thinking', thinking: 'Planning.', signature, cache_control: ephemeral }, { type: 'text', text: 'Once' }] }],
    },
    {},
  );
  assert.deepEqual(parsed.warnings.map(({ type, feature }) => ({ type, feature })), [{ type: 'unsupported', feature: 'reasoning.cache' }]);
  assert.equal(JSON.stringify(parsed.request.messages).includes('"cache"'), false);
});
