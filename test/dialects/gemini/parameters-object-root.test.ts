/**
 * A function's parameters with a root that is no OBJECT (a bare `anyOf` of objects, as zod's
 * discriminated unions and some MCP servers write it, or another type), which Vertex AI refuses
 * ("…functionDeclaration parameters schema should be of type OBJECT"): the root is fitted to an
 * object, with a warning, on Vertex and the Gemini API alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonSchemaToGeminiSchema } from '../../../src/dialects/gemini/json-schema-to-gemini.js';
import { vertexGeminiDialect } from '../../../src/dialects/gemini/vertex-platform.js';
import { vertexSchemaRules } from '../../../src/dialects/gemini/schema-any-of-alone.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { JsonSchema } from '../../../src/interlingua/tool.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

/** Move by coordinates or by a named place. */
const rootAnyOf = {
  anyOf: [
    { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } }, required: ['x', 'y'] },
    { type: 'object', properties: { place: { type: 'string' } }, required: ['place'] },
  ],
};

const vertex = (body: unknown) =>
  judgeRequest({ method: 'POST', url: '/v1beta1/projects/p/locations/global/publishers/google/models/gemini-2.5-flash:generateContent', headers: { authorization: 'Bearer t' }, body });

function requestWith(parameters: JsonSchema): ChatRequest {
  return { model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'go home' }] }], tools: [{ name: 'move', parameters }], sampling: {}, stream: false };
}

test('Vertex\'s judge refuses a function whose parameters root is no OBJECT, as Vertex does', () => {
  const declaration = (parameters: unknown) => ({ contents: [{ role: 'user', parts: [{ text: 'go home' }] }], tools: [{ functionDeclarations: [{ name: 'move', parameters }] }] });
  const refusal = 'Unable to submit request because move functionDeclaration parameters schema should be of type OBJECT';
  assert.equal(vertex(declaration({ anyOf: [{ type: 'OBJECT', properties: { x: { type: 'NUMBER' } } }] }))?.message, refusal);
  assert.equal(vertex(declaration({ type: 'STRING' }))?.message, refusal);
  assert.equal(vertex(declaration({ type: 'OBJECT', properties: { x: { type: 'NUMBER' } } })), undefined);
});

test('a root anyOf of objects becomes one object with every branch\'s properties, with a warning', () => {
  const { schema, warnings } = jsonSchemaToGeminiSchema(rootAnyOf, 'the parameters of a tool', 'move', vertexSchemaRules);
  assert.deepEqual(schema, { type: 'OBJECT', properties: { x: { type: 'NUMBER' }, y: { type: 'NUMBER' }, place: { type: 'STRING' } } });
  assert.deepEqual(warnings.map((warning) => warning.feature), ['tools.parameters']);
  assert.match(warnings[0]?.message ?? '', /"move"/);
});

test('a root of another type is replaced by no parameters, with a warning', () => {
  const emitted = vertexGeminiDialect.emitRequest(requestWith({ type: 'array', items: { type: 'string' } }), { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 });
  const body = emitted.body as { tools: Array<{ functionDeclarations: Array<Record<string, unknown>> }> };
  assert.deepEqual(body.tools[0]?.functionDeclarations[0], { name: 'move' });
  assert.ok(emitted.warnings.some((warning) => warning.feature === 'tools.parameters'));
  assert.equal(vertex(emitted.body), undefined);
});

test('Vertex takes the emitted body; the root anyOf sent as it came is refused', () => {
  const emitted = vertexGeminiDialect.emitRequest(requestWith(rootAnyOf), { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 });
  assert.equal(vertex(emitted.body), undefined);
  const body = emitted.body as { tools: Array<{ functionDeclarations: Array<Record<string, unknown>> }> };
  const declaration = body.tools[0]!.functionDeclarations[0]!;
  const asCame = { ...(emitted.body as object), tools: [{ functionDeclarations: [{ ...declaration, parameters: { anyOf: [{ type: 'OBJECT', properties: { x: { type: 'NUMBER' }, y: { type: 'NUMBER' } }, required: ['x', 'y'] }, { type: 'OBJECT', properties: { place: { type: 'STRING' } }, required: ['place'] }] } }] }] };
  assert.match(vertex(asCame)?.message ?? '', /parameters schema should be of type OBJECT/);
});

test('an object root with allOf or with branches that only list required names is fitted as before', () => {
  const alternatives = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, anyOf: [{ required: ['id'] }, { required: ['name'] }] };
  const fitted = jsonSchemaToGeminiSchema(alternatives, 'the parameters of a tool', 'find', vertexSchemaRules);
  assert.deepEqual(fitted.schema, { type: 'OBJECT', properties: { id: { type: 'STRING' }, name: { type: 'STRING' } }, description: 'Give at least one of: id; name.' });
  assert.equal(fitted.warnings.some((warning) => warning.feature === 'tools.parameters'), false);
  const allOf = { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { type: 'object', properties: { b: { type: 'integer' } } }] };
  const merged = jsonSchemaToGeminiSchema(allOf, 'the parameters of a tool', 'both', vertexSchemaRules);
  assert.equal(merged.schema['type'], 'OBJECT');
  assert.deepEqual(Object.keys(merged.schema['properties'] as object), ['a', 'b']);
  assert.equal(merged.warnings.some((warning) => warning.feature === 'tools.parameters'), false);
});
