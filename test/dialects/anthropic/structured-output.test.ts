import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { fitStructuredOutputSchema } from '../../../src/dialects/claude-family/structured-output-schema.js';
import { anthropicJudge } from '../../support/vendor-rules/anthropic.js';
import { applyJudge } from '../../support/vendor-rules/rule.js';

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
  const openaiBody = readFixtureJson('openai-chat/fantasy-gpt4o-simple_object.request.json') as { response_format: { json_schema: { schema: Record<string, unknown>; description: string } } };
  const parsed = openaiChatDialect.parseRequest(openaiBody, {});
  const emitted = anthropicDialect.emitRequest(parsed.request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 1024 });
  const body = emitted.body as { output_config?: { format?: { type: string; schema: unknown } } };
  // The format's description has no field of its own at Anthropic: it is the schema's (core/format-description.ts).
  const described = { ...openaiBody.response_format.json_schema.schema, description: openaiBody.response_format.json_schema.description };
  assert.deepEqual(body.output_config?.format, { type: 'json_schema', schema: described });
  assert.deepEqual(
    emitted.warnings.filter((warning) => warning.feature.startsWith('response_format')).map((warning) => warning.feature),
    ['response_format.description'],
  );
  const back = openaiChatDialect.emitRequest(anthropicDialect.parseRequest(body as unknown as Record<string, unknown>, {}).request, { model: 'gpt-4o', defaultMaxOutputTokens: 1024 });
  assert.deepEqual((back.body as { response_format: { json_schema: { schema: unknown } } }).response_format.json_schema.schema, described);
});

/** What Anthropic's judge in the test upstreams says of a body, or undefined when it takes it. */
function refusalOf(body: unknown): string | undefined {
  return applyJudge(anthropicJudge, { method: 'POST', url: '/v1/messages', headers: { 'anthropic-version': '2023-06-01' }, body })?.message;
}

test('a schema outside what Anthropic\'s structured output takes is fitted to it, each change reported, and the judge takes it', () => {
  // OpenAI's strict mode takes bounds, patterns and more formats; Gemini's schemas never close their objects.
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: {
      email: { type: 'string', format: 'email', maxLength: 120 },
      handle: { type: 'string', pattern: '^@[a-z]+$', format: 'handle' },
      age: { type: ['integer', 'null'], minimum: 0, maximum: 150, description: 'Years' },
      tags: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 5 },
      pet: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      size: { type: 'string', enum: ['s', 'm', 'l'] },
      contact: { oneOf: [{ type: 'string' }, { type: 'object', properties: { phone: { type: 'string' } }, additionalProperties: true }] },
    },
    required: ['email'],
    additionalProperties: false,
  };
  const emitted = anthropicDialect.emitRequest(openaiChatDialect.parseRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], response_format: { type: 'json_schema', json_schema: { name: 'person', strict: true, schema } } }, {}).request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 1024 });
  const body = emitted.body as { output_config: { format: { schema: unknown } } };
  assert.deepEqual(body.output_config.format.schema, {
    type: 'object',
    properties: {
      email: { type: 'string', format: 'email', description: '{"maxLength":120}' },
      handle: { type: 'string', description: '{"pattern":"^@[a-z]+$","format":"handle"}' },
      age: { type: ['integer', 'null'], description: 'Years\n\n{"minimum":0,"maximum":150}' },
      tags: { type: 'array', items: { type: 'string' }, description: '{"minItems":2,"maxItems":5}' },
      pet: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
      size: { enum: ['s', 'm', 'l'] },
      contact: { anyOf: [{ type: 'string' }, { type: 'object', properties: { phone: { type: 'string' } }, additionalProperties: false }] },
    },
    required: ['email'],
    additionalProperties: false,
  });
  assert.deepEqual(emitted.warnings.map((warning) => warning.feature).sort(), ['json_schema.additionalProperties', 'json_schema.format', 'json_schema.maxItems', 'json_schema.maxLength', 'json_schema.maximum', 'json_schema.minItems', 'json_schema.minimum', 'json_schema.oneOf', 'json_schema.pattern']);
  assert.equal(refusalOf(emitted.body), undefined);
  // Sent as the caller wrote it, the same schema is refused.
  assert.match(refusalOf({ ...(emitted.body as object), output_config: { format: { type: 'json_schema', schema } } }) ?? '', /^output_config\.format\.schema: For 'integer' type, properties maximum, minimum are not supported$/);
});

test('a schema already in Anthropic\'s subset goes out unchanged and without warnings', () => {
  const subset = { type: 'object', properties: { when: { type: 'string', format: 'date-time' }, items: { type: 'array', items: { $ref: '#/$defs/item' }, minItems: 1 } }, $defs: { item: { type: 'object', properties: { id: { const: 'x' } }, additionalProperties: false } }, required: ['when'], additionalProperties: false };
  const fitted = fitStructuredOutputSchema(subset, 'the response schema');
  assert.deepEqual(fitted, { schema: subset, warnings: [] });
});
