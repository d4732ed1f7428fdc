/**
 * Text that is only whitespace: OpenAI takes it anywhere (a model often writes "\n\n" before its tool
 * calls, and a tool may answer nothing); Anthropic and Bedrock Converse refuse a message whose text
 * is only whitespace, and Bedrock an empty or blank tool result. The test
 * upstreams judge by those rules (test/support/vendor-rules/anthropic/content-rules.ts, bedrock.ts);
 * the caller is the official openai SDK with such a history.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';

let anthropic: TestUpstream;
let bedrock: TestUpstream;
let gateway: Gateway;
let client: OpenAI;

before(async () => {
  anthropic = await new TestUpstream().start();
  bedrock = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      claude: { dialect: 'anthropic', baseUrl: anthropic.baseUrl, apiKey: 'anthropic-test-key' },
      aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: bedrock.baseUrl, apiKey: 'bedrock-api-key-test' },
    },
    models: {
      claude: [{ provider: 'claude', model: 'claude-sonnet-4-20250514' }],
      bedrock: [{ provider: 'aws', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }],
    },
  });
  gateway = createGateway(config, { logger: silentLogger });
  client = new OpenAI({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  // All stop even when an upstream reports what its judge refused, which then fails the file.
  const stopped = await Promise.allSettled([gateway.close(), anthropic.stop(), bedrock.stop()]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});
beforeEach(() => {
  anthropic.reset();
  bedrock.reset();
});

const weather: OpenAI.ChatCompletionTool = { type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const history: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'user', content: 'Weather in Paris?' },
  { role: 'assistant', content: '\n\n', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
  { role: 'tool', tool_call_id: 'call_1', content: '' },
  { role: 'assistant', content: ' ' },
  { role: 'user', content: 'And now?' },
];

test('Anthropic: a message of only whitespace text goes without it', async () => {
  anthropic.enqueue({ kind: 'json', body: readFixtureJson('anthropic/fantasy-sonnet4-simple.response.json') });
  const { response } = await client.chat.completions.create({ model: 'claude', tools: [weather], messages: history }).withResponse();
  const messages = (anthropic.requests[0]?.body as { messages: Array<{ role: string; content: Array<{ type: string; text?: string }> }> }).messages;
  assert.deepEqual(messages.map((message) => message.content.map((block) => block.type)), [['text'], ['tool_use'], ['tool_result', 'text']]);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /text\.whitespace/);
});

test('Bedrock: a message of only whitespace text goes without it, and an empty tool result says so', async () => {
  bedrock.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  const { response } = await client.chat.completions.create({ model: 'bedrock', tools: [weather], messages: history }).withResponse();
  const messages = (bedrock.requests[0]?.body as { messages: Array<{ role: string; content: Array<Record<string, unknown>> }> }).messages;
  assert.deepEqual(messages.map((message) => message.content.map((block) => Object.keys(block)[0])), [['text'], ['toolUse'], ['toolResult', 'text']]);
  assert.deepEqual((messages[2]?.content[0]?.['toolResult'] as { content: unknown }).content, [{ text: '(no output)' }]);
  const warnings = response.headers.get('x-interlingua-warnings') ?? '';
  assert.match(warnings, /text\.whitespace/);
  assert.match(warnings, /tool_result\.empty/);
});
