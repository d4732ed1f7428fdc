/**
 * Tool input schemas without `type: "object"` at their root (`parameters: {}`, a root `anyOf` as
 * Pydantic writes a union), which Bedrock Converse and Anthropic refuse: they go with an object root
 * (core/tool-schema-object-root.ts). Converse keeps a root composition beside the added type, except
 * for Claude, which takes none there: its branches are merged, with a warning, as on Anthropic's API.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: {
    aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' },
    an: { dialect: 'anthropic', baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
  },
  models: {
    nova: [{ provider: 'aws', model: 'us.amazon.nova-pro-v1:0' }],
    'claude-converse': [{ provider: 'aws', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }],
    claude: [{ provider: 'an', model: 'claude-sonnet-4-5' }],
  },
}));
const client = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });

const converseOk = { kind: 'json' as const, body: { output: { message: { role: 'assistant', content: [{ text: 'ok' }] } }, stopReason: 'end_turn', usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 }, metrics: { latencyMs: 1 } } };
const anthropicOk = {
  kind: 'json' as const,
  body: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 3, output_tokens: 1 } },
};

const union = {
  anyOf: [
    { type: 'object', properties: { city: { type: 'string' }, units: { type: 'string' } }, required: ['city', 'units'] },
    { type: 'object', properties: { lat: { type: 'number' }, lon: { type: 'number' }, units: { type: 'string' } }, required: ['lat', 'lon', 'units'] },
  ],
};
const pydanticUnion = {
  oneOf: [{ $ref: '#/$defs/ByCity' }, { $ref: '#/$defs/ByPoint' }],
  $defs: {
    ByCity: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    ByPoint: { type: 'object', properties: { lat: { type: 'number' }, lon: { type: 'number' } }, required: ['lat', 'lon'] },
  },
};

/** One chat turn with one tool of these parameters; the schema the upstream got, and the warnings. */
async function sentSchema(model: string, parameters: Record<string, unknown>): Promise<{ schema: unknown; warnings: string }> {
  setup.upstream.enqueue(model === 'claude' ? anthropicOk : converseOk);
  const { data, response } = await client()
    .chat.completions.create({ model, messages: [{ role: 'user', content: 'weather?' }], tools: [{ type: 'function', function: { name: 'weather', parameters } }] })
    .withResponse();
  assert.equal(data.choices[0]?.message.content, 'ok');
  const body = setup.upstream.requests[0]?.body as { toolConfig?: { tools: Array<{ toolSpec: { inputSchema: { json: unknown } } }> }; tools?: Array<{ input_schema: unknown }> };
  const schema = model === 'claude' ? body.tools?.[0]?.input_schema : body.toolConfig?.tools[0]?.toolSpec.inputSchema.json;
  return { schema, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

for (const model of ['nova', 'claude-converse', 'claude']) {
  test(`parameters {} reach ${model} as an object without properties, and nothing is lost to warn of`, async () => {
    const { schema, warnings } = await sentSchema(model, {});
    assert.deepEqual(schema, { type: 'object', properties: {} });
    assert.doesNotMatch(warnings, /tools\.parameters/);
  });
}

test('a root anyOf reaches Nova with type object beside it, its meaning kept', async () => {
  const { schema, warnings } = await sentSchema('nova', union);
  assert.deepEqual(schema, { ...union, type: 'object' });
  assert.doesNotMatch(warnings, /tools\.parameters/);
});

for (const model of ['claude-converse', 'claude']) {
  test(`a root anyOf reaches Claude (${model}) as one object of every branch's properties, with a warning`, async () => {
    const { schema, warnings } = await sentSchema(model, union);
    assert.deepEqual(schema, { type: 'object', properties: { city: { type: 'string' }, units: { type: 'string' }, lat: { type: 'number' }, lon: { type: 'number' } }, required: ['units'] });
    assert.match(warnings, /"tools\.parameters"/);
  });
}

test('a Pydantic union of $defs reaches Claude as one object, the definitions read', async () => {
  const { schema } = await sentSchema('claude', pydanticUnion);
  assert.deepEqual(schema, { $defs: pydanticUnion.$defs, type: 'object', properties: { city: { type: 'string' }, lat: { type: 'number' }, lon: { type: 'number' } } });
});
