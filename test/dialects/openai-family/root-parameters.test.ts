/**
 * Function parameters whose root is no object, as zod unions, TypeBox `Type.Union` and loose MCP
 * servers write them, go to OpenAI as an object: OpenAI refuses them otherwise ("schema must be a JSON
 * Schema of 'type: \"object\"', got 'type: \"None\"'.", github.com/kernl-sdk/kernl/issues/62; a union beside
 * `type: "object"`, github.com/BerriAI/litellm/pull/38839). What changes what the model is told is reported.
 * The OpenAI judges (test/support/vendor-rules) take what the emitters write.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiFunctionParameters } from '../../../src/dialects/openai-family/function-parameters.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { JsonSchema } from '../../../src/interlingua/tool.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const union: JsonSchema = {
  anyOf: [
    { type: 'object', properties: { content: { type: 'string' }, tags: { type: 'array' } }, required: ['content', 'tags'] },
    { type: 'object', properties: { url: { type: 'string' }, tags: { type: 'array' } }, required: ['url', 'tags'] },
  ],
};

test('a union of objects at the top becomes one object with every property, required where every branch requires it', () => {
  assert.deepEqual(openaiFunctionParameters(union), {
    type: 'object',
    properties: { content: { type: 'string' }, tags: { type: 'array', items: {} }, url: { type: 'string' } },
    required: ['tags'],
  });
  const allOf = openaiFunctionParameters({ type: 'object', allOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }, { type: 'object', properties: { b: { type: 'number' } }, required: ['b'] }] });
  assert.deepEqual(allOf, { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a', 'b'] });
  // One property written two ways in two branches may be either.
  assert.deepEqual(openaiFunctionParameters({ oneOf: [{ type: 'object', properties: { id: { type: 'string' } } }, { type: 'object', properties: { id: { type: 'integer' } } }] }), {
    type: 'object',
    properties: { id: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
  });
});

test('properties without a type are an object; another root is the one property of an object', () => {
  assert.deepEqual(openaiFunctionParameters({ properties: { a: { type: 'string' } }, required: ['a'] }), { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] });
  assert.deepEqual(openaiFunctionParameters({ type: 'string', description: 'a path' }), { type: 'object', properties: { input: { type: 'string', description: 'a path' } }, required: ['input'] });
  const mixed = { anyOf: [{ type: 'object', properties: {} }, { type: 'null' }] };
  assert.deepEqual(openaiFunctionParameters(mixed), { type: 'object', properties: { input: mixed }, required: ['input'] });
});

const request = (parameters: JsonSchema): ChatRequest => ({
  model: 'gpt-4o',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  sampling: {},
  stream: false,
  tools: [{ name: 't', description: 'd', parameters }],
});
const options = { model: 'gpt-4o', defaultMaxOutputTokens: 4096 };
const post = (url: string, body: unknown) => judgeRequest({ method: 'POST', url, headers: { authorization: 'Bearer sk-test' }, body });

test('both OpenAI emitters write an object root the judges take, and report what the model is told differently', () => {
  for (const [parameters, feature] of [
    [union, 'tools.parameters'],
    [{ type: 'string' }, 'tools.parameters'],
    [{ properties: { a: { type: 'string' } } }, undefined],
  ] as const) {
    const chat = openaiChatDialect.emitRequest(request(parameters), options);
    assert.equal(post('/v1/chat/completions', chat.body), undefined, JSON.stringify(parameters));
    assert.equal(chat.warnings.find((warning) => warning.feature === 'tools.parameters')?.feature, feature);
    const responses = openaiResponsesDialect.emitRequest(request(parameters), options);
    assert.equal(post('/v1/responses', responses.body), undefined, JSON.stringify(parameters));
    assert.equal(responses.warnings.find((warning) => warning.feature === 'tools.parameters')?.feature, feature);
  }
  const wrapped = openaiChatDialect.emitRequest(request({ type: 'string' }), options).warnings.find((warning) => warning.feature === 'tools.parameters');
  assert.match(wrapped?.message ?? '', /\{"input": …\}/);
});
