/**
 * Bedrock InvokeModel's Claude body: the models whose Bedrock schema has no `output_config.format`
 * (src/dialects/anthropic/bedrock-structured-output.ts) get the JSON Schema in the system prompt, with
 * a warning; the others keep the field, as on Anthropic's API.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockAnthropicDialect } from '../../../src/dialects/anthropic/bedrock-platform.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { jsonInstruction } from '../../../src/core/json-instruction.js';

const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false };
const { request } = openaiChatDialect.parseRequest(
  { model: 'm', max_tokens: 200, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Name a person.' }], response_format: { type: 'json_schema', json_schema: { name: 'person', schema } } },
  {},
);

function emitted(model: string): { body: Record<string, unknown>; features: string[] } {
  const { body, warnings } = bedrockAnthropicDialect.emitRequest(request, { model, defaultMaxOutputTokens: 1024 });
  return { body: body as Record<string, unknown>, features: warnings.map((warning) => warning.feature) };
}

test('Opus 4.7, 4.8, Opus 5, Sonnet 5 and Fable 5 on InvokeModel: the schema is asked for in the system prompt, with a warning', () => {
  for (const model of ['us.anthropic.claude-opus-4-7', 'anthropic.claude-opus-4-8-v1:0', 'global.anthropic.claude-opus-5', 'anthropic.claude-sonnet-5', 'eu.anthropic.claude-fable-5-20260601-v1:0']) {
    const { body, features } = emitted(model);
    assert.equal(body['output_config'], undefined, model);
    assert.deepEqual(body['system'], [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: jsonInstruction(schema) }], model);
    assert.ok(features.includes('response_format.json_schema'), model);
  }
});

test('Sonnet 4.5, Opus 5.5 and an application inference profile keep output_config.format', () => {
  for (const model of ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'global.anthropic.claude-opus-5-5-v1:0', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123']) {
    const { body, features } = emitted(model);
    assert.deepEqual((body['output_config'] as { format?: unknown } | undefined)?.format, { type: 'json_schema', schema }, model);
    assert.equal(features.includes('response_format.json_schema'), false, model);
  }
});
