/**
 * Ollama decodes each tool property into Go's api.ToolProperty, which a JSON Schema boolean cannot
 * become (schemars writes `true` for serde_json::Value): `true` goes as `{}`, a `false` property
 * is left out, at any depth, with a warning, so Ollama takes the request.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { JsonSchema } from '../../../src/interlingua/tool.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';
import { chatRequest } from './helpers.js';

const emit = (parameters: JsonSchema, overrides: Partial<ChatRequest> = {}) =>
  ollamaDialect.emitRequest(chatRequest({ messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [{ name: 'set_value', description: 'd', parameters }], ...overrides }), { model: 'qwen3:8b', defaultMaxOutputTokens: 1024 });
const judged = (body: unknown) => judgeRequest({ method: 'POST', url: '/api/chat', headers: {}, body });
const parametersOf = (body: unknown) => (body as { tools: Array<{ function: { parameters: unknown } }> }).tools[0]?.function.parameters;

test('true becomes {}, false properties are left out, within properties, anyOf and items', () => {
  const given: JsonSchema = {
    type: 'object',
    properties: {
      key: { type: 'string' },
      value: true,
      legacy: false,
      cell: { type: 'object', properties: { raw: true, either: { anyOf: [{ type: 'string' }, true, false] } } },
      rows: { type: 'array', items: { type: 'object', properties: { v: true } } },
    },
    required: ['key', 'value', 'legacy'],
  };
  const { body, warnings } = emit(given);
  assert.deepEqual(parametersOf(body), {
    type: 'object',
    properties: {
      key: { type: 'string' },
      value: {},
      cell: { type: 'object', properties: { raw: {}, either: { anyOf: [{ type: 'string' }, {}] } } },
      rows: { type: 'array', items: { type: 'object', properties: { v: {} } } },
    },
    required: ['key', 'value'],
  });
  assert.deepEqual(
    warnings.filter((warning) => warning.feature === 'json_schema.boolean_schema').map((warning) => [warning.type, warning.tool]),
    [['compatibility', 'set_value']],
  );
  assert.equal(judged(body)?.message, undefined);
  assert.equal((given['properties'] as Record<string, unknown>)['value'], true, "the caller's schema is not changed");
});

test('parameters without boolean subschemas go as they are, with no warning', () => {
  const parameters: JsonSchema = { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] };
  const { body, warnings } = emit(parameters);
  assert.equal(parametersOf(body), parameters);
  assert.ok(!warnings.some((warning) => warning.feature === 'json_schema.boolean_schema'));
});
