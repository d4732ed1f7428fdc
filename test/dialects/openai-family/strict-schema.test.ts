/**
 * OpenAI's strict mode takes only the Structured Outputs subset of JSON Schema — every object with
 * `additionalProperties: false`, every property required, none of the keywords it refuses by name
 * (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas) — and refuses the
 * request otherwise. A strict flag from another dialect (Anthropic's `strict`) goes to OpenAI only
 * where the schema is in that subset; elsewhere the schema goes without strict, with a warning.
 * The OpenAI judges (test/support/vendor-rules) refuse what OpenAI refuses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { JsonSchema } from '../../../src/interlingua/tool.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const options = { model: 'gpt-4.1', defaultMaxOutputTokens: 4096 };
const post = (url: string, body: unknown) => judgeRequest({ method: 'POST', url, headers: { authorization: 'Bearer sk-test' }, body });

const strictReady: JsonSchema = { type: 'object', properties: { p: { type: 'string' } }, required: ['p'], additionalProperties: false };
const outsideSubset: Array<[string, JsonSchema]> = [
  ['no additionalProperties', { type: 'object', properties: { p: { type: 'string' } }, required: ['p'] }],
  ['an optional property', { type: 'object', properties: { p: { type: 'string' }, q: { type: 'number' } }, required: ['p'], additionalProperties: false }],
  ['a nested open object', { type: 'object', properties: { o: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } }, required: ['o'], additionalProperties: false }],
  ['a keyword outside the subset', { type: 'object', properties: { p: { type: 'string', default: 'x' } }, required: ['p'], additionalProperties: false }],
];

test('a keyword no source settles (minLength, $schema) leaves strict as the caller wrote it, for OpenAI to judge', () => {
  const schema: JsonSchema = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { p: { type: 'string', minLength: 1 } }, required: ['p'], additionalProperties: false };
  const emitted = openaiChatDialect.emitRequest(request({ responseFormat: { type: 'json', name: 'answer', schema, strict: true } }), options);
  assert.equal((emitted.body as Body)['response_format'].json_schema.strict, true);
  assert.deepEqual(emitted.warnings, []);
});

function request(overrides: Partial<ChatRequest>): ChatRequest {
  return { model: 'claude', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Reply in JSON.' }] }], sampling: {}, stream: false, ...overrides };
}

type Body = Record<string, any>;

test('a strict tool and a strict response format whose schemas OpenAI takes stay strict', () => {
  const asked = request({ tools: [{ name: 'Read', parameters: strictReady, strict: true }], responseFormat: { type: 'json', name: 'answer', schema: strictReady, strict: true } });
  const chat = openaiChatDialect.emitRequest(asked, options);
  const chatBody = chat.body as Body;
  assert.equal(chatBody['tools'][0].function.strict, true);
  assert.equal(chatBody['response_format'].json_schema.strict, true);
  assert.deepEqual(chat.warnings, []);
  assert.equal(post('/v1/chat/completions', chat.body), undefined);
  const responses = openaiResponsesDialect.emitRequest(asked, options);
  const responsesBody = responses.body as Body;
  assert.equal(responsesBody['tools'][0].strict, true);
  assert.equal(responsesBody['text'].format.strict, true);
  assert.deepEqual(responses.warnings, []);
  assert.equal(post('/v1/responses', responses.body), undefined);
});

test('a strict schema outside the subset goes without strict, with a warning, and OpenAI takes it', () => {
  for (const [label, schema] of outsideSubset) {
    const asked = request({ tools: [{ name: 'Read', parameters: schema, strict: true }], responseFormat: { type: 'json', name: 'answer', schema, strict: true } });
    const chat = openaiChatDialect.emitRequest(asked, options);
    const chatBody = chat.body as Body;
    assert.equal(chatBody['tools'][0].function.strict, undefined, label);
    assert.equal(chatBody['response_format'].json_schema.strict, undefined, label);
    assert.deepEqual(chat.warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'tools.strict'], ['compatibility', 'response_format.strict']], label);
    assert.equal(post('/v1/chat/completions', chat.body), undefined, label);
    const responses = openaiResponsesDialect.emitRequest(asked, options);
    const responsesBody = responses.body as Body;
    // Responses reads an omitted strict as "strict where the schema allows": false says it.
    assert.equal(responsesBody['tools'][0].strict, false, label);
    assert.equal(responsesBody['text'].format.strict, false, label);
    assert.deepEqual(responses.warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'tools.strict'], ['compatibility', 'text.format.strict']], label);
    assert.equal(post('/v1/responses', responses.body), undefined, label);
  }
});

test('the Chat Completions judge refuses a strict schema outside the subset', () => {
  for (const [label, schema] of outsideSubset) {
    const format = { model: 'gpt-4.1', messages: [{ role: 'user', content: 'JSON' }], response_format: { type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } } };
    assert.notEqual(post('/v1/chat/completions', format), undefined, label);
    const tool = { model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'Read', parameters: schema, strict: true } }] };
    assert.notEqual(post('/v1/chat/completions', tool), undefined, label);
  }
  const keyword = { model: 'gpt-4.1', messages: [{ role: 'user', content: 'JSON' }], response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: outsideSubset[3]![1], strict: true } } };
  assert.equal(post('/v1/chat/completions', keyword)?.message, "Invalid schema for response_format 'answer': In context=('properties', 'p'), 'default' is not permitted.");
});
