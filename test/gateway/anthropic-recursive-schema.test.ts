/**
 * An OpenAI caller's recursive `json_schema` (a tree node whose children are nodes), which Anthropic's
 * structured output refuses (test/support/vendor-rules/anthropic/structured-output-rules.ts): the schema is
 * asked for in the system prompt, the caller is warned, and the answer comes back. The caller is the
 * official OpenAI SDK.
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
    models: { 'sonnet-4-5': [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }] },
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

const tree = {
  type: 'object',
  properties: { root: { $ref: '#/$defs/Node' } },
  required: ['root'],
  additionalProperties: false,
  $defs: {
    Node: {
      type: 'object',
      properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } },
      required: ['name', 'children'],
      additionalProperties: false,
    },
  },
};

test('a recursive schema reaches Claude in the system prompt, with a warning, and the answer comes back', async () => {
  upstream.enqueue(upstreamScenarios.anthropic.text.reply);
  const { data, response } = await client.chat.completions
    .create({ model: 'sonnet-4-5', messages: [{ role: 'user', content: 'Draw a family tree.' }], response_format: { type: 'json_schema', json_schema: { name: 'tree', strict: true, schema: tree } } })
    .withResponse();
  assert.equal(response.status, 200);
  assert.equal(typeof data.choices[0]?.message.content, 'string');
  const body = upstream.requests[0]?.body as Record<string, unknown>;
  assert.equal(body['output_config'], undefined);
  assert.ok(JSON.stringify(body['system']).includes(JSON.stringify(JSON.stringify(tree)).slice(1, -1)), 'the caller\'s schema, whole');
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string }>;
  assert.ok(warnings.some((warning) => warning.feature === 'response_format.json_schema' && warning.message.includes('recursive')), JSON.stringify(warnings));
});
