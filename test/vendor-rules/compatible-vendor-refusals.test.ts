/**
 * The judges refuse what DeepSeek, DashScope, Moonshot and OpenAI refuse, in the words recorded from
 * each (test/support/vendor-rules/deepseek.ts, dashscope.ts, moonshot.ts, openai-family/user-length.ts),
 * and serve the same request once it is made valid.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest } from '../support/vendor-rules/index.js';

const deepseek = (body: unknown) => judgeRequest({ method: 'POST', url: '/chat/completions', headers: {}, body }, 'deepseek');
const moonshot = (body: unknown) => judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: {}, body }, 'moonshot');
const dashscope = (body: unknown) => judgeRequest({ method: 'POST', url: '/compatible-mode/v1/chat/completions', headers: {}, body });
const openaiChat = (body: unknown) => judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: {}, body });

const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }];
const ask = [{ role: 'user', content: 'Go' }];

test('DeepSeek: an image part for a text model is refused as its deserializer words it; V4.1 Flash takes it', () => {
  const messages = [{ role: 'system', content: 'Be brief' }, { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }, { type: 'text', text: 'What is this?' }] }];
  const refusal = deepseek({ model: 'deepseek-v4-pro', messages });
  assert.equal(refusal?.rule, 'deepseek.messages.text-parts-only');
  assert.equal(refusal?.message, 'Failed to deserialize the JSON body into the target type: messages[1]: unknown variant `image_url`, expected `text`');
  assert.equal(deepseek({ model: 'deepseek-chat', messages })?.rule, 'deepseek.messages.text-parts-only');
  assert.equal(deepseek({ model: 'deepseek-flash', messages }), undefined);
});

test('DeepSeek: a json_schema response format is refused; json_object is served', () => {
  const schema = { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' } } };
  const refusal = deepseek({ model: 'deepseek-v4-flash', thinking: { type: 'disabled' }, response_format: schema, messages: [{ role: 'user', content: 'json please' }] });
  assert.equal(refusal?.rule, 'deepseek.response_format.no-json-schema');
  assert.deepEqual(refusal?.body, { error: { message: 'This response_format type is unavailable now', type: 'invalid_request_error', param: null, code: 'invalid_request_error' } });
  assert.equal(deepseek({ model: 'deepseek-v4-flash', response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'json please' }] }), undefined);
});

test('DeepSeek: a forced tool choice is refused in thinking mode, by default on V4, and served with thinking disabled', () => {
  for (const choice of ['required', { type: 'function', function: { name: 'f' } }]) {
    assert.equal(deepseek({ model: 'deepseek-v4-flash', tools, tool_choice: choice, messages: ask })?.message, 'Thinking mode does not support this tool_choice');
    assert.equal(deepseek({ model: 'deepseek-v4-flash', thinking: { type: 'disabled' }, tools, tool_choice: choice, messages: ask }), undefined);
  }
  assert.equal(deepseek({ model: 'deepseek-chat', tools, tool_choice: 'required', messages: ask }), undefined, 'the legacy alias does not think unless switched on');
  assert.equal(deepseek({ model: 'deepseek-chat', thinking: { type: 'enabled' }, tools, tool_choice: 'required', messages: ask })?.rule, 'deepseek.thinking.forced-tool-choice');
  assert.equal(deepseek({ model: 'deepseek-v4-pro', tools, tool_choice: 'auto', messages: ask }), undefined);
});

test('DashScope: a forced tool choice is refused while the model thinks, asked or by default', () => {
  const message = '<400> InternalError.Algo.InvalidParameter: The tool_choice parameter does not support being set to required or object in thinking mode';
  const refusal = dashscope({ model: 'qwen3.6-plus', stream: true, enable_thinking: true, tools, tool_choice: 'required', messages: ask });
  assert.equal(refusal?.rule, 'dashscope.tool_choice.not-forced-while-thinking');
  assert.equal(refusal?.message, message);
  assert.equal(dashscope({ model: 'qwen3-32b', stream: true, tools, tool_choice: { type: 'function', function: { name: 'f' } }, messages: ask })?.message, message);
  assert.equal(dashscope({ model: 'qwen3.5-plus', stream: true, tools, tool_choice: 'required', messages: ask })?.message, message);
  assert.equal(dashscope({ model: 'qwen3-32b', stream: true, enable_thinking: false, tools, tool_choice: 'required', messages: ask }), undefined);
  assert.equal(dashscope({ model: 'qwen-plus', stream: true, tools, tool_choice: 'required', messages: ask }), undefined, 'a commercial model does not think unless asked');
});

test('Moonshot: Kimi K2.5 and K2.6 refuse sampling other than their pinned values, in Moonshot\'s words', () => {
  assert.equal(moonshot({ model: 'kimi-k2.5', temperature: 0.7, messages: ask })?.message, 'invalid temperature: only 1 is allowed for this model');
  assert.equal(moonshot({ model: 'kimi-k2.6', thinking: { type: 'disabled' }, temperature: 1, messages: ask })?.message, 'invalid temperature: only 0.6 is allowed for this model');
  assert.equal(moonshot({ model: 'kimi-k2.5', top_p: 0.9, messages: ask })?.message, 'invalid top_p: only 0.95 is allowed for this model');
  assert.equal(moonshot({ model: 'kimi-k2.5', presence_penalty: 0.5, messages: ask })?.message, 'invalid presence_penalty: only 0 is allowed for this model');
  assert.equal(moonshot({ model: 'kimi-k2.6', temperature: 1, top_p: 0.95, presence_penalty: 0, messages: ask }), undefined);
  assert.equal(moonshot({ model: 'moonshot-v1-8k', temperature: 0.3, top_p: 0.5, messages: ask }), undefined);
});

test('Moonshot: a forced tool choice is refused while K2.5 or K2.6 thinks, and served with thinking disabled', () => {
  assert.deepEqual(moonshot({ model: 'kimi-k2.5', tools, tool_choice: 'required', messages: ask })?.body, {
    error: { message: "tool_choice 'required' is incompatible with thinking enabled", type: 'invalid_request_error' },
  });
  assert.equal(moonshot({ model: 'kimi-k2.6', tools, tool_choice: { type: 'function', function: { name: 'f' } }, messages: ask })?.message, 'tool_choice specified is incompatible with thinking enabled');
  assert.equal(moonshot({ model: 'kimi-k2.6', thinking: { type: 'disabled' }, tools, tool_choice: 'required', messages: ask }), undefined);
});

test('OpenAI Chat Completions: a user longer than 64 characters is refused as OpenAI words it', () => {
  const refusal = openaiChat({ model: 'gpt-4o', user: 'u'.repeat(123), messages: ask });
  assert.equal(refusal?.rule, 'openai-chat.user.max-length');
  assert.deepEqual(refusal?.body, {
    error: {
      message: "Invalid 'user': string too long. Expected a string with maximum length 64, but got a string with length 123 instead.",
      type: 'invalid_request_error',
      param: 'user',
      code: 'string_above_max_length',
    },
  });
  assert.equal(openaiChat({ model: 'gpt-4o', user: 'u'.repeat(64), messages: ask }), undefined);
});
