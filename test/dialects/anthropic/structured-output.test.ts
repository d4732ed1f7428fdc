import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { readFixtureJson } from '../../support/fixtures.js';

const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };

test('an Anthropic caller’s output_config.format (GA) or output_format (beta) is read as a JSON response format', () => {
  for (const body of [
    { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], output_config: { format: { type: 'json_schema', schema }, effort: 'high' } },
    { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], output_format: { type: 'json_schema', schema } },
  ]) {
    const { request } = anthropicDialect.parseRequest(body, {});
    assert.deepEqual(request.responseFormat, { type: 'json', schema });
  }
});

test('an OpenAI json_schema response_format reaches Anthropic as output_config.format, and back', () => {
  // fixtures/openai-chat/fantasy-gpt4o-simple_object.request.json: a recorded json_schema request
  const openaiBody = readFixtureJson('openai-chat/fantasy-gpt4o-simple_object.request.json') as { response_format: { json_schema: { schema: unknown } } };
  const parsed = openaiChatDialect.parseRequest(openaiBody, {});
  const emitted = anthropicDialect.emitRequest(parsed.request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 1024 });
  const body = emitted.body as { output_config?: { format?: { type: string; schema: unknown } } };
  assert.deepEqual(body.output_config?.format, { type: 'json_schema', schema: openaiBody.response_format.json_schema.schema });
  assert.equal(emitted.warnings.some((warning) => warning.feature.startsWith('response_format')), false);
  const back = openaiChatDialect.emitRequest(anthropicDialect.parseRequest(body as unknown as Record<string, unknown>, {}).request, { model: 'gpt-4o', defaultMaxOutputTokens: 1024 });
  assert.deepEqual((back.body as { response_format: { json_schema: { schema: unknown } } }).response_format.json_schema.schema, openaiBody.response_format.json_schema.schema);
});
