/**
 * Gemini takes `properties` and `required` on OBJECT nodes only ("…: only allowed for OBJECT
 * type"): the "at least one of" pattern (`anyOf` of bare `required` lists) becomes a sentence in
 * the description, and on a node of another type the two keywords go.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonSchemaToGeminiSchema } from '../../../src/dialects/gemini/json-schema-to-gemini.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { JsonSchema } from '../../../src/interlingua/tool.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const where = 'the parameters of a tool';

const request = (name: string, parameters: JsonSchema): ChatRequest => ({
  model: 'm',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  tools: [{ name, parameters }],
  sampling: {},
  stream: false,
});

const judged = (body: unknown) => judgeRequest({ method: 'POST', url: '/v1beta/models/gemini-2.5-flash:generateContent', headers: { 'x-goog-api-key': 'k' }, body });

/** Home Assistant's "a target is required" tool. */
const atLeastOne = {
  type: 'object',
  properties: { name: { type: 'string' }, area: { type: 'string', description: 'An area id' } },
  anyOf: [{ required: ['name'] }, { required: ['area'] }],
  description: 'Turns a device on.',
};

test('an anyOf of bare required lists becomes a sentence in the description, with a warning', () => {
  const { schema, warnings } = jsonSchemaToGeminiSchema(atLeastOne, where, 'turn_on');
  assert.deepEqual(schema, {
    type: 'OBJECT',
    properties: { name: { type: 'STRING' }, area: { type: 'STRING', description: 'An area id' } },
    description: 'Turns a device on. Give at least one of: name; area.',
  });
  assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature, warning.tool]), [['compatibility', 'json_schema.anyOf.required', 'turn_on']]);
  const exactly = jsonSchemaToGeminiSchema({ type: 'object', properties: { a: {}, b: {}, c: {} }, oneOf: [{ required: ['a', 'b'] }, { required: ['c'] }] }, where);
  assert.equal(exactly.schema['description'], 'Give exactly one of: a and b; c.');
});

test('properties and required on a node that is not an object are left out; an untyped node that has them is an object', () => {
  const { schema, warnings } = jsonSchemaToGeminiSchema(
    {
      type: 'object',
      properties: {
        data: { type: 'string', properties: { title: { type: 'string' } }, required: ['title'] },
        tags: { type: 'array', items: { type: 'string' }, required: ['x'] },
        point: { properties: { x: { type: 'number' } }, required: ['x', 'y'] },
      },
    },
    where,
    'create_page',
  );
  assert.deepEqual(schema, {
    type: 'OBJECT',
    properties: {
      data: { type: 'STRING' },
      tags: { type: 'ARRAY', items: { type: 'STRING' } },
      point: { type: 'OBJECT', properties: { x: { type: 'NUMBER' }, y: {} }, required: ['x', 'y'] },
    },
  });
  assert.deepEqual(warnings.map((warning) => warning.feature), ['json_schema.properties.type']);
});

test('the Gemini judge refuses properties or required beside another type, and the emitted tools pass it', () => {
  const refused = judged({
    contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
    tools: [{ functionDeclarations: [{ name: 'create_page', parameters: { type: 'OBJECT', properties: { data: { type: 'STRING', properties: { title: { type: 'STRING' } } } } } }] }],
  });
  assert.equal(refused?.rule, 'gemini.function-declaration.object-keywords-on-object');
  assert.deepEqual(refused.body, {
    error: { code: 400, message: '* GenerateContentRequest.tools[0].function_declarations[0].parameters.properties[data].properties: only allowed for OBJECT type\n', status: 'INVALID_ARGUMENT' },
  });
  const options = { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 };
  for (const [name, parameters] of [
    ['turn_on', atLeastOne],
    ['create_page', { type: 'object', properties: { data: { type: 'string', properties: { title: { type: 'string' } }, required: ['title'] }, tags: { type: 'array', items: { type: 'string' }, required: ['x'] } } }],
  ] as const) {
    assert.equal(judged(geminiDialect.emitRequest(request(name, parameters), options).body), undefined, name);
  }
});
