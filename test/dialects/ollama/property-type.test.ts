/**
 * Ollama decodes a tool property's `type` into api.PropertyType, a string or a list of strings; its
 * UnmarshalJSON fails the whole request on anything else ("json: cannot unmarshal object into Go
 * struct field … of type []string", https://github.com/ollama/ollama/blob/main/api/types.go). A
 * caller's schema with a `type` of another shape gets it left out (a list keeps its strings), with a
 * warning, so Ollama takes the request; a property with no type goes as it is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { JsonSchema } from '../../../src/interlingua/tool.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

/** An OpenAI Chat caller's tool with these parameters, written for Ollama. */
function emitted(parameters: JsonSchema) {
  const { request } = openaiChatDialect.parseRequest(
    { model: 'm', messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'set_kind', parameters } }] },
    {},
  );
  return ollamaDialect.emitRequest(request, { model: 'qwen3:8b', defaultMaxOutputTokens: 1024 });
}
const parametersOf = (body: unknown) => (body as { tools: Array<{ function: { parameters: unknown } }> }).tools[0]?.function.parameters;
const judged = (body: unknown) => judgeRequest({ method: 'POST', url: '/api/chat', headers: {}, body });

test('a type that is neither a string nor a list of strings is left out, at any depth, with a warning', () => {
  const given: JsonSchema = {
    type: 'object',
    properties: {
      kind: { type: { type: 'string', enum: ['a', 'b'] }, description: 'the kind' },
      count: { type: ['integer', 5] },
      loose: { description: 'no type at all' },
      nested: { type: 'object', properties: { level: { anyOf: [{ type: 7 }, { type: 'null' }] } } },
      rows: { type: 'array', items: { type: { weird: true } } },
    },
  };
  const { body, warnings } = emitted(given);
  assert.deepEqual(parametersOf(body), {
    type: 'object',
    properties: {
      kind: { description: 'the kind' },
      count: { type: ['integer'] },
      loose: { description: 'no type at all' },
      nested: { type: 'object', properties: { level: { anyOf: [{}, { type: 'null' }] } } },
      // `items` is Go's `any`: Ollama takes whatever is there.
      rows: { type: 'array', items: { type: { weird: true } } },
    },
  });
  assert.deepEqual(
    warnings.filter((warning) => warning.feature === 'json_schema.type').map((warning) => [warning.type, warning.tool]),
    [['compatibility', 'set_kind']],
  );
  assert.equal(judged(body), undefined);
});

test('types Ollama takes go as they are, with no warning', () => {
  const given: JsonSchema = { type: 'object', properties: { a: { type: 'string' }, b: { type: ['string', 'null'] }, c: {} } };
  const { body, warnings } = emitted(given);
  assert.deepEqual(parametersOf(body), given);
  assert.ok(!warnings.some((warning) => warning.feature === 'json_schema.type'));
  assert.equal(judged(body), undefined);
});
