/**
 * The Bedrock judge refuses what Converse refuses in `inferenceConfig` (ranges, empty and, for
 * Claude, whitespace-only stop sequences, stop sequences to models that take none) and in a tool's
 * input schema (a root that is not an object; for Claude, a root composition), in Bedrock's words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest } from '../support/vendor-rules/index.js';

const converse = (model: string, body: Record<string, unknown>) =>
  judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(model)}/converse`, headers: { authorization: 'Bearer bedrock-key' }, body: { messages: [{ role: 'user', content: [{ text: 'hi' }] }], ...body } });
const nova = 'us.amazon.nova-pro-v1:0';
const claude = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const tools = (json: Record<string, unknown>) => ({ toolConfig: { tools: [{ toolSpec: { name: 'weather', inputSchema: { json } } }] } });

test('temperature and topP above 1, or maxTokens below 1, are refused for every model', () => {
  const refusal = converse(nova, { inferenceConfig: { temperature: 1.5 } });
  assert.equal(refusal?.rule, 'bedrock.converse.inference-config.ranges');
  assert.equal(refusal.message, "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1");
  assert.equal(converse(claude, { inferenceConfig: { topP: 1.2 } })?.rule, 'bedrock.converse.inference-config.ranges');
  assert.equal(converse(nova, { inferenceConfig: { maxTokens: 0 } })?.rule, 'bedrock.converse.inference-config.ranges');
  assert.equal(converse(nova, { inferenceConfig: { temperature: 1, topP: 0, maxTokens: 1 } }), undefined);
});

test('an empty stop sequence is refused for every model; a whitespace-only one for Claude only', () => {
  assert.equal(converse(nova, { inferenceConfig: { stopSequences: ['', 'END'] } })?.rule, 'bedrock.converse.inference-config.ranges');
  const refusal = converse(claude, { inferenceConfig: { stopSequences: ['\n'] } });
  assert.equal(refusal?.rule, 'bedrock.converse.claude-stop-sequences.non-whitespace');
  assert.equal(refusal.message, 'The model returned the following errors: stop_sequences: each stop sequence must contain non-whitespace');
  assert.equal(converse(nova, { inferenceConfig: { stopSequences: ['\n'] } }), undefined);
  assert.equal(converse(claude, { inferenceConfig: { stopSequences: ['\nHuman:'] } }), undefined);
});

test('gpt-oss, Qwen and DeepSeek V3 refuse the stopSequences field, even empty; DeepSeek R1 and Nova take it', () => {
  for (const model of ['openai.gpt-oss-20b-1:0', 'openai.gpt-oss-120b-1:0', 'qwen.qwen3-235b-a22b-2507-v1:0', 'us.deepseek.v3-v1:0']) {
    for (const stopSequences of [['\nObservation:'], []]) {
      const refusal = converse(model, { inferenceConfig: { stopSequences } });
      assert.equal(refusal?.rule, 'bedrock.converse.stop-sequences.by-model', model);
      assert.equal(refusal.message, "This model doesn't support the stopSequences field. Remove stopSequences and try again.");
    }
    assert.equal(converse(model, { inferenceConfig: { temperature: 0.5 } }), undefined, model);
  }
  for (const model of ['us.deepseek.r1-v1:0', nova]) assert.equal(converse(model, { inferenceConfig: { stopSequences: ['\nObservation:'] } }), undefined, model);
});

test('a tool input schema without type object at its root is refused for every model', () => {
  for (const json of [{}, { anyOf: [{ type: 'object' }, { type: 'object' }] }, { type: 'string' }]) {
    const refusal = converse(nova, tools(json));
    assert.equal(refusal?.rule, 'bedrock.converse.tool-spec.input-schema-object', JSON.stringify(json));
    assert.equal(refusal.message, 'The value at toolConfig.tools.0.toolSpec.inputSchema.json.type must be one of the following: object.');
  }
  assert.equal(converse(nova, tools({ type: 'object', properties: {} })), undefined);
  assert.equal(converse(nova, tools({ type: 'object', anyOf: [{ required: ['a'] }, { required: ['b'] }] })), undefined);
});

test('Claude refuses a root composition even beside type object', () => {
  const refusal = converse(claude, tools({ type: 'object', oneOf: [{ required: ['a'] }, { required: ['b'] }] }));
  assert.equal(refusal?.rule, 'bedrock.converse.claude-tool-schema.no-root-composition');
  assert.equal(refusal.message, 'The model returned the following errors: tools.0.custom.input_schema: input_schema does not support oneOf, allOf, or anyOf at the top level');
  assert.equal(converse(claude, tools({ type: 'object', properties: { a: { anyOf: [{ type: 'string' }, { type: 'null' }] } } })), undefined);
});
