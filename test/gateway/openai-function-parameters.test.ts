/**
 * A tool without arguments as MCP servers describe it, `{"type": "object"}`, and an array parameter
 * without `items`, which Anthropic takes and OpenAI refuses ("object schema missing properties",
 * "array schema missing items"), reach OpenAI's Chat Completions and Responses completed with
 * `properties: {}` and `items: {}`. The OpenAI test upstreams judge every function's parameters as OpenAI does.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { readFixtureJson } from '../support/fixtures.js';
import { TestUpstream } from '../support/test-upstream.js';

let upstream: TestUpstream;
let gateway: Gateway;
let client: Anthropic;

before(async () => {
  upstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: {
        chat: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' },
        responses: { dialect: 'openai-responses', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' },
      },
      models: { 'gpt-chat': [{ provider: 'chat', model: 'gpt-4o' }], 'gpt-responses': [{ provider: 'responses', model: 'gpt-4.1' }] },
    }),
    { logger: silentLogger },
  );
  client = new Anthropic({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  await gateway.close();
  await upstream.stop();
});
beforeEach(() => upstream.reset());

const ask = (model: string) =>
  client.messages.create({
    model,
    max_tokens: 100,
    tools: [
      { name: 'list_tasks', description: 'Lists the open tasks.', input_schema: { type: 'object' } },
      { name: 'get_task', input_schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
      { name: 'tag_tasks', input_schema: { type: 'object', properties: { ids: { type: 'array', items: { type: 'string' } }, tags: { type: 'array', description: 'Tags to add.' } } } },
    ],
    messages: [{ role: 'user', content: 'What is open?' }],
  });

test('Chat Completions: a parameterless tool gets properties {}, an array without items items {}, the rest goes as it was', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });
  await ask('gpt-chat');
  const tools = (upstream.requests[0]?.body as { tools: Array<{ function: { parameters: unknown } }> }).tools;
  assert.deepEqual(tools.map((tool) => tool.function.parameters), [
    { type: 'object', properties: {} },
    { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    { type: 'object', properties: { ids: { type: 'array', items: { type: 'string' } }, tags: { type: 'array', description: 'Tags to add.', items: {} } } },
  ]);
});

test('Responses: the same', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json') });
  await ask('gpt-responses');
  const tools = (upstream.requests[0]?.body as { tools: Array<{ parameters: unknown }> }).tools;
  assert.deepEqual(tools[0]?.parameters, { type: 'object', properties: {} });
});
