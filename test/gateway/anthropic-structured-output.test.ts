/**
 * Structured output from an OpenAI caller to Claude, judged by Anthropic's rules
 * (test/support/vendor-rules/anthropic/structured-output-rules.ts, models/anthropic-models.ts): a
 * model that takes `output_config.format` gets the schema fitted to the subset Anthropic compiles;
 * one from before structured output (Sonnet 4) is asked for the schema in the system prompt; a
 * conversation that ends on the assistant, which no Claude takes beside structured output, gets a
 * user turn after it.
 * The caller is the official OpenAI SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

let upstream: TestUpstream;
let gateway: Gateway;
let client: OpenAI;

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: { an: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 } },
    models: {
      'sonnet-4-5': [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }],
      'sonnet-4': [{ provider: 'an', model: 'claude-sonnet-4-20250514' }],
    },
    retry: { attempts: 0 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  client = new OpenAI({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});
beforeEach(() => upstream.reset());

/** What an OpenAI caller may send and OpenAI takes: bounds, a pattern, an open nested object. */
const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', pattern: '^[A-Z]' },
    age: { type: 'integer', minimum: 0 },
    address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
  required: ['name', 'age', 'address'],
  additionalProperties: false,
};

async function ask(model: string): Promise<{ body: Record<string, unknown>; warnings: Array<{ feature: string }> }> {
  upstream.enqueue(upstreamScenarios.anthropic.text.reply);
  const { response } = await client.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'Describe Ada.' }], response_format: { type: 'json_schema', json_schema: { name: 'person', schema } } })
    .withResponse();
  const body = upstream.requests[0]?.body as Record<string, unknown> | undefined;
  assert.ok(body !== undefined, 'Anthropic received the request');
  return { body, warnings: JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }> };
}

test('a model with structured output gets the schema fitted to what Anthropic compiles, each change a warning', async () => {
  const { body, warnings } = await ask('sonnet-4-5');
  assert.deepEqual(body['output_config'], {
    format: {
      type: 'json_schema',
      schema: {
        type: 'object',
        properties: {
          name: { type: 'string', description: '{"pattern":"^[A-Z]"}' },
          age: { type: 'integer', description: '{"minimum":0}' },
          address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
        },
        required: ['name', 'age', 'address'],
        additionalProperties: false,
      },
    },
  });
  assert.deepEqual(warnings.map((warning) => warning.feature).sort(), ['json_schema.additionalProperties', 'json_schema.minimum', 'json_schema.pattern']);
});

test('a model from before structured output is asked for the schema in the system prompt', async () => {
  const { body, warnings } = await ask('sonnet-4');
  assert.equal(body['output_config'], undefined);
  const system = JSON.stringify(body['system']);
  assert.ok(system.includes('matches this JSON Schema, and nothing else'), system);
  assert.ok(system.includes(JSON.stringify(JSON.stringify(schema)).slice(1, -1)), 'the caller\'s schema, whole');
  assert.deepEqual(warnings.map((warning) => warning.feature), ['response_format.json_schema']);
});

test('structured output after the assistant\'s turn, which no Claude takes as a prefill: a user turn asks it to go on', async () => {
  upstream.enqueue(upstreamScenarios.anthropic.text.reply);
  const { response } = await client.chat.completions
    .create({
      model: 'sonnet-4-5',
      messages: [
        { role: 'user', content: 'Describe Ada.' },
        { role: 'assistant', content: 'Ada Lovelace was' },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'person', schema } },
    })
    .withResponse();
  const messages = (upstream.requests[0]?.body as { messages: Array<{ role: string; content: unknown }> }).messages;
  assert.deepEqual(
    messages.map((message) => message.role),
    ['user', 'assistant', 'user'],
  );
  assert.deepEqual(messages[2]?.content, [{ type: 'text', text: 'Continue.' }]);
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /"prefill"/);
});
