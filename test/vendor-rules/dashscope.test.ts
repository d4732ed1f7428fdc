import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judge } from './openai-rule-cases.js';

/** DashScope's judge (test/support/vendor-rules/dashscope.ts), by its compatible-mode path. */
const path = '/compatible-mode/v1/chat/completions';
const messages = [{ role: 'user', content: 'Hi' }];

test('thinking in a call that is not streamed is refused, asked for or by an open-source Qwen3 default', () => {
  const asked = judge(path, { model: 'qwen-plus', enable_thinking: true, messages });
  assert.equal(asked?.rule, 'dashscope.enable_thinking.streams-only');
  assert.deepEqual(asked?.body, {
    error: { code: 'invalid_parameter_error', message: 'parameter.enable_thinking must be set to false for non-streaming calls', param: null, type: 'invalid_request_error' },
    request_id: '00000000-0000-0000-0000-000000000000',
  });
  for (const model of ['qwen3-8b', 'qwen3-32b', 'qwen3-235b-a22b', 'qwen3-30b-a3b-thinking-2507']) assert.equal(judge(path, { model, messages })?.rule, 'dashscope.enable_thinking.streams-only', model);
});

test('a stream, thinking turned off, or a model that does not think by default is served', () => {
  assert.equal(judge(path, { model: 'qwen3-32b', stream: true, messages }), undefined);
  assert.equal(judge(path, { model: 'qwen3-32b', enable_thinking: false, messages }), undefined);
  for (const model of ['qwen3-max', 'qwen-plus', 'qwen3-235b-a22b-instruct-2507']) assert.equal(judge(path, { model, messages }), undefined, model);
});

test('the Chat Completions rules apply too', () => {
  assert.equal(judge(path, { model: 'qwen3-max', stream: true, stop: ['a', 'b', 'c', 'd', 'e'], messages })?.rule, 'openai-chat.stop.max-count');
});

test('more output than Qwen-Max writes is refused in DashScope words; its 8192 is taken', () => {
  const refusal = judge(path, { model: 'qwen-max', stream: true, max_tokens: 32000, messages });
  assert.equal(refusal?.rule, 'dashscope.model.output-limit');
  assert.equal(refusal?.message, '<400> InternalError.Algo.InvalidParameter: Range of max_tokens should be [1, 8192]');
  assert.equal(judge(path, { model: 'qwen-max-2025-01-25', stream: true, max_tokens: 8192, messages }), undefined);
  assert.equal(judge(path, { model: 'qwen3-max', stream: true, max_tokens: 32000, messages }), undefined, 'a model whose limit is not recorded');
});
