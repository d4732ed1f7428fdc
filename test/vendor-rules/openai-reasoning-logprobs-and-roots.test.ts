/**
 * The OpenAI judges' rules for reasoning models past gpt-5 (sampling refused unless reasoning_effort is
 * `none`, github.com/vercel/ai/pull/10940; max_tokens refused whatever the effort,
 * test/fixtures/recorded/openai-chat/error-400-unsupported-parameter.json), their refusal of log
 * probabilities (403 "You are not allowed to request logprobs from this model",
 * github.com/confident-ai/deepeval/pull/2184), and of a function's parameters whose root is no object
 * ("schema must be a JSON Schema of 'type: \"object\"', got 'type: \"None\"'.", github.com/kernl-sdk/kernl/issues/62;
 * a union beside `type: "object"`: github.com/BerriAI/litellm/pull/38839).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest, type JudgedRequest } from '../support/vendor-rules/index.js';

const post = (url: string, body: unknown): JudgedRequest => ({ method: 'POST', url, headers: { authorization: 'Bearer sk-test', 'api-key': 'azure-test-key' }, body });
const user = [{ role: 'user', content: 'hi' }];
const chat = (body: Record<string, unknown>) => judgeRequest(post('/v1/chat/completions', { messages: user, ...body }));
const responses = (body: Record<string, unknown>) => judgeRequest(post('/v1/responses', { input: 'hi', ...body }));

test('gpt-5.1 and later refuse temperature and top_p while they reason, and take them with reasoning_effort none', () => {
  for (const model of ['gpt-5.1', 'gpt-5.2', 'gpt-5.4', 'gpt-5.2-codex', 'gpt-5.2-pro']) {
    assert.equal(chat({ model, reasoning_effort: 'high', temperature: 0.2 })?.rule, 'openai-chat.model.reasoning-temperature', model);
    assert.equal(chat({ model, reasoning_effort: 'low', top_p: 0.5 })?.rule, 'openai-chat.model.reasoning-top-p', model);
    assert.equal(responses({ model, reasoning: { effort: 'medium' }, temperature: 0.2 })?.rule, 'openai-responses.model.reasoning-temperature', model);
    assert.equal(chat({ model, max_tokens: 10 })?.rule, 'openai-chat.model.reasoning-max-tokens', model);
  }
  assert.equal(chat({ model: 'gpt-5.1', reasoning_effort: 'none', temperature: 0.2, top_p: 0.5 }), undefined);
  assert.equal(responses({ model: 'gpt-5.2', reasoning: { effort: 'none' }, temperature: 0.2, top_p: 0.5 }), undefined);
  // gpt-5 has no `none`: sampling is refused whatever the effort.
  assert.equal(chat({ model: 'gpt-5', temperature: 0.2 })?.rule, 'openai-chat.model.reasoning-temperature');
  assert.equal(chat({ model: 'gpt-4.1', temperature: 0.2, top_p: 0.5 }), undefined);
});

test('reasoning models refuse log probabilities with a 403, on Chat Completions and Responses', () => {
  const expected = { error: { message: 'You are not allowed to request logprobs from this model', type: 'invalid_request_error', param: null, code: null } };
  for (const model of ['o3', 'o4-mini', 'gpt-5', 'gpt-5-mini', 'o3-mini-2025-01-31']) {
    const refusal = chat({ model, logprobs: true, top_logprobs: 2 });
    assert.equal(refusal?.rule, 'openai-chat.model.reasoning-logprobs', model);
    assert.equal(refusal.status, 403);
    assert.deepEqual(refusal.body, expected);
    assert.equal(responses({ model, top_logprobs: 2 })?.rule, 'openai-responses.model.reasoning-logprobs', model);
    assert.equal(responses({ model, include: ['message.output_text.logprobs'] })?.rule, 'openai-responses.model.reasoning-logprobs', model);
  }
  assert.equal(chat({ model: 'gpt-5.1', reasoning_effort: 'medium', logprobs: true })?.rule, 'openai-chat.model.reasoning-logprobs');
  assert.equal(chat({ model: 'gpt-5.1', reasoning_effort: 'none', logprobs: true, top_logprobs: 2 }), undefined);
  assert.equal(responses({ model: 'gpt-5.1', reasoning: { effort: 'none' }, top_logprobs: 2, include: ['message.output_text.logprobs'] }), undefined);
  assert.equal(chat({ model: 'o3', logprobs: false }), undefined);
  assert.equal(chat({ model: 'gpt-4o', logprobs: true, top_logprobs: 2 }), undefined);
  assert.equal(responses({ model: 'gpt-4.1', top_logprobs: 2, include: ['message.output_text.logprobs'] }), undefined);
});

test('an Azure deployment named after a reasoning model is judged by its rules on the Responses API too', () => {
  const refusal = judgeRequest(post('/openai/v1/responses', { model: 'gpt-5', input: 'hi', temperature: 0.2 }));
  assert.equal(refusal?.rule, 'azure-openai.openai-responses.model.reasoning-temperature');
  assert.equal(judgeRequest(post('/openai/responses?api-version=2025-04-01-preview', { model: 'o3', input: 'hi', top_logprobs: 2 }))?.rule, 'azure-openai.openai-responses.model.reasoning-logprobs');
  assert.equal(judgeRequest(post('/openai/v1/responses', { model: 'my-deployment', input: 'hi', temperature: 0.2 })), undefined);
});

test('a function whose parameters are no object at the top is refused', () => {
  const tool = (parameters: unknown) => chat({ model: 'gpt-4o', tools: [{ type: 'function', function: { name: 't', parameters } }] });
  const none = `Invalid schema for function 't': schema must be a JSON Schema of 'type: "object"', got 'type: "None"'.`;
  assert.equal(tool({ anyOf: [{ type: 'object', properties: { a: { type: 'string' } } }] })?.message, none);
  assert.equal(tool({ properties: { a: { type: 'string' } } })?.message, none);
  assert.equal(tool({ type: 'string' })?.message, `Invalid schema for function 't': schema must be a JSON Schema of 'type: "object"', got 'type: "string"'.`);
  assert.equal(
    tool({ type: 'object', properties: {}, oneOf: [{ type: 'object', properties: {} }] })?.message,
    "Invalid schema for function 't': schema must have type 'object' and not have 'oneOf'/'anyOf'/'allOf'/'enum'/'const'/'not' at the top level",
  );
  const onResponses = responses({ model: 'gpt-4o', tools: [{ type: 'function', name: 't', parameters: { type: 'string' }, strict: false }] });
  assert.match(onResponses?.message ?? '', /got 'type: "string"'/);
  assert.equal(tool({ type: 'object', properties: { a: { anyOf: [{ type: 'string' }, { type: 'null' }] } } }), undefined);
});
