/**
 * Converse structured output (`outputConfig.textFormat`): a JSON Schema response format reaches a
 * Bedrock model that takes it as `outputConfig`, in the documented shape with the schema as a JSON
 * string, and any other model as the system-prompt instruction with a warning; a Converse caller's
 * own `outputConfig` reaches other vendors as their response format. The Bedrock judge accepts
 * the field only in that shape and only for the models the documentation names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { gatewayOverOneUpstream } from '../../support/one-upstream-gateway.js';
import { bedrockRuntimeClient } from '../../gateway/support/aws-callers.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const supported = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const refusing = 'us.anthropic.claude-opus-4-7';
const nova = 'amazon.nova-pro-v1:0';
const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: {
    aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' },
    oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' },
  },
  models: {
    'bedrock-structured': [{ provider: 'aws', model: supported }],
    'bedrock-refusing': [{ provider: 'aws', model: refusing }],
    'bedrock-nova': [{ provider: 'aws', model: nova }],
    gpt: [{ provider: 'oa', model: 'gpt-4o-mini' }],
  },
  retry: { attempts: 0 },
}));

const personSchema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'], additionalProperties: false };
const answerText = '{"name":"John","age":42}';
const converseAnswer = () => ({
  kind: 'json' as const,
  body: { output: { message: { role: 'assistant', content: [{ text: answerText }] } }, stopReason: 'end_turn', usage: { inputTokens: 9, outputTokens: 9, totalTokens: 18 }, metrics: { latencyMs: 1 } },
});
const chatAnswer = () => ({
  kind: 'json' as const,
  body: {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content: answerText, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 9, completion_tokens: 9, total_tokens: 18 },
  },
});

const openai = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
const sentBody = () => setup.upstream.requests[0]?.body as Record<string, unknown>;

async function askForPerson(model: string): Promise<{ content: string | null; warnings: string }> {
  const { data, response } = await openai()
    .chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Extract the person from: John Smith is 42 years old.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'person', description: 'One person', schema: personSchema, strict: true } },
    })
    .withResponse();
  return { content: data.choices[0]?.message.content ?? null, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

test('openai caller to a Bedrock model that takes outputConfig: the schema goes as outputConfig.textFormat, not in the prompt', async () => {
  setup.upstream.enqueue(converseAnswer());
  const { content, warnings } = await askForPerson('bedrock-structured');
  assert.equal(content, answerText);
  const body = sentBody();
  const config = body['outputConfig'] as { textFormat: { type: string; structure: { jsonSchema: { schema: string; name?: string; description?: string } } } };
  assert.equal(config.textFormat.type, 'json_schema');
  assert.equal(typeof config.textFormat.structure.jsonSchema.schema, 'string');
  assert.deepEqual(JSON.parse(config.textFormat.structure.jsonSchema.schema), personSchema);
  assert.equal(config.textFormat.structure.jsonSchema.name, 'person');
  assert.equal(config.textFormat.structure.jsonSchema.description, 'One person');
  assert.equal(JSON.stringify(body['system'] ?? []).includes('JSON Schema'), false);
  assert.doesNotMatch(warnings, /response_format/);
});

test('openai caller to a Bedrock model outside the documented list: the schema stays in the system prompt, with a warning', async () => {
  for (const model of ['bedrock-refusing', 'bedrock-nova']) {
    setup.upstream.reset();
    setup.upstream.enqueue(converseAnswer());
    const { content, warnings } = await askForPerson(model);
    assert.equal(content, answerText);
    const body = sentBody();
    assert.equal(body['outputConfig'], undefined, model);
    assert.match(JSON.stringify(body['system']), /matches this JSON Schema/, model);
    assert.match(warnings, /"feature":"response_format"/, model);
  }
});

test("Converse caller with outputConfig to OpenAI: the schema arrives as response_format json_schema", async () => {
  setup.upstream.enqueue(chatAnswer());
  const client = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  const output = await client.send(
    new ConverseCommand({
      modelId: 'gpt',
      messages: [{ role: 'user', content: [{ text: 'Extract the person from: John Smith is 42 years old.' }] }],
      outputConfig: { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema: JSON.stringify(personSchema), name: 'person', description: 'One person' } } } },
    }),
  );
  assert.equal(output.output?.message?.content?.[0]?.text, answerText);
  const format = sentBody()['response_format'] as { type: string; json_schema: { name: string; description?: string; schema: unknown } };
  assert.equal(format.type, 'json_schema');
  assert.equal(format.json_schema.name, 'person');
  assert.equal(format.json_schema.description, 'One person');
  assert.deepEqual(format.json_schema.schema, personSchema);
});

test('Converse caller with outputConfig to a Bedrock model that takes it: it reaches Bedrock in the same shape', async () => {
  setup.upstream.enqueue(converseAnswer());
  const client = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  const outputConfig = { textFormat: { type: 'json_schema' as const, structure: { jsonSchema: { schema: JSON.stringify(personSchema), name: 'person' } } } };
  await client.send(new ConverseCommand({ modelId: 'bedrock-structured', messages: [{ role: 'user', content: [{ text: 'John Smith is 42.' }] }], outputConfig }));
  const sent = sentBody()['outputConfig'] as typeof outputConfig;
  assert.equal(sent.textFormat.type, 'json_schema');
  assert.equal(sent.textFormat.structure.jsonSchema.name, 'person');
  assert.deepEqual(JSON.parse(sent.textFormat.structure.jsonSchema.schema), personSchema);
});

test('Converse caller: an outputConfig schema that is not JSON is refused by the gateway', async () => {
  const client = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  await assert.rejects(
    client.send(new ConverseCommand({ modelId: 'bedrock-structured', messages: [{ role: 'user', content: [{ text: 'Hi' }] }], outputConfig: { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema: '{not json' } } } } })),
    (error: Error & { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode === 400,
  );
  assert.equal(setup.upstream.requests.length, 0);
});

const judged = (model: string, outputConfig: unknown) =>
  judgeRequest({
    method: 'POST',
    url: `/model/${encodeURIComponent(model)}/converse`,
    headers: { authorization: 'Bearer bedrock-api-key-test' },
    body: { messages: [{ role: 'user', content: [{ text: 'Hi' }] }], outputConfig },
  });

test('the Bedrock judge takes outputConfig only in the documented shape and only for the models that take it', () => {
  const good = { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema: JSON.stringify(personSchema), name: 'person' } } } };
  assert.equal(judged(supported, good), undefined);
  assert.equal(judged('anthropic.claude-opus-4-6-v1', good), undefined);
  assert.equal(judged(refusing, good)?.rule, 'bedrock.converse.output-config.models');
  assert.equal(judged(refusing, good)?.message, 'The model returned the following errors: output_config.format: Extra inputs are not permitted');
  assert.equal(judged(supported, { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema: personSchema } } } })?.rule, 'bedrock.converse.output-config.shape');
  assert.equal(judged(supported, { textFormat: { type: 'jsonSchema', structure: { jsonSchema: { schema: '{}' } } } })?.rule, 'bedrock.converse.output-config.shape');
  assert.equal(judged(supported, { textFormat: { type: 'json_schema', jsonSchema: { schema: '{}' } } })?.rule, 'bedrock.converse.output-config.shape');
  assert.equal(judged(supported, { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema: '{}', strict: true } } } })?.rule, 'bedrock.converse.output-config.shape');
});
