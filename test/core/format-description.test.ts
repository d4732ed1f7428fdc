/**
 * A JSON response format's description reaches upstreams whose format is a schema alone, as the
 * schema root's description (src/core/format-description.ts), with a warning saying so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dialects } from '../../src/dialects/registry.js';

const described = (schema: Record<string, unknown>) =>
  dialects['openai-chat'].parseRequest(
    {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Capital of France?' }],
      response_format: { type: 'json_schema', json_schema: { name: 'capital', description: 'Return the capital city in French.', strict: true, schema } },
    },
    {},
  ).request;

const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };

test('Anthropic and Gemini get the description in the schema, with a warning', () => {
  const request = described(schema);
  const anthropic = dialects.anthropic.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 100 });
  const format = (anthropic.body as { output_config: { format: { schema: { description?: string } } } }).output_config.format;
  assert.equal(format.schema.description, 'Return the capital city in French.');
  assert.ok(anthropic.warnings.some((warning) => warning.feature === 'response_format.description'));
  const gemini = dialects.gemini.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 100 });
  const config = (gemini.body as { generationConfig: { responseSchema?: { description?: string }; responseJsonSchema?: { description?: string } } }).generationConfig;
  assert.equal((config.responseSchema ?? config.responseJsonSchema)?.description, 'Return the capital city in French.');
  assert.ok(gemini.warnings.some((warning) => warning.feature === 'response_format.description'));
});

test('a root description the schema had already follows the format’s', () => {
  const request = described({ ...schema, description: 'One city.' });
  const anthropic = dialects.anthropic.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 100 });
  const format = (anthropic.body as { output_config: { format: { schema: { description?: string } } } }).output_config.format;
  assert.equal(format.schema.description, 'Return the capital city in French.\n\nOne city.');
});

test('OpenAI keeps the description where it was', () => {
  const chat = dialects['openai-chat'].emitRequest(described(schema), { model: 'gpt-4o', defaultMaxOutputTokens: 100 });
  const format = (chat.body as { response_format: { json_schema: { description?: string; schema: { description?: string } } } }).response_format.json_schema;
  assert.equal(format.description, 'Return the capital city in French.');
  assert.equal(format.schema.description, undefined);
});
