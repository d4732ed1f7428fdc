import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest } from '../support/vendor-rules/index.js';

/**
 * JSON mode is refused unless the messages name JSON (test/support/vendor-rules/openai-chat/json-mode.ts,
 * openai-responses/parameters.ts): by OpenAI (Chat Completions and Responses), Azure, DeepSeek and DashScope.
 */
const chat = (body: unknown, vendor?: string) => judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: {}, body }, vendor);
/** DashScope's judge goes by its compatible-mode path. */
const dashscope = (body: unknown) => judgeRequest({ method: 'POST', url: '/compatible-mode/v1/chat/completions', headers: {}, body });
const jsonMode = { type: 'json_object' };

test('Chat Completions: JSON mode without the word in any message is refused with OpenAI\'s body', () => {
  const refusal = chat({ model: 'gpt-4o', response_format: jsonMode, messages: [{ role: 'user', content: 'List three colours.' }] });
  assert.equal(refusal?.rule, 'openai-chat.response_format.json_object-needs-json-word');
  assert.deepEqual(refusal?.body, {
    error: { message: "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", type: 'invalid_request_error', param: 'messages', code: null },
  });
});

test('Chat Completions: the word in any case, in a system message or a text part, is enough; other formats ask nothing', () => {
  assert.equal(chat({ model: 'gpt-4o', response_format: jsonMode, messages: [{ role: 'system', content: 'Answer as Json.' }, { role: 'user', content: 'Colours?' }] }), undefined);
  assert.equal(chat({ model: 'gpt-4o', response_format: jsonMode, messages: [{ role: 'user', content: [{ type: 'text', text: 'Give JSON-formatted colours' }] }] }), undefined);
  assert.equal(chat({ model: 'gpt-4o', response_format: { type: 'text' }, messages: [{ role: 'user', content: 'Colours?' }] }), undefined);
});

test('DeepSeek and DashScope refuse it too, each in its own words and envelope', () => {
  const body = { model: 'm', response_format: jsonMode, messages: [{ role: 'user', content: 'Colours?' }] };
  const deepseek = chat({ ...body, model: 'deepseek-chat' }, 'deepseek');
  assert.equal(deepseek?.rule, 'deepseek.response_format.json_object-needs-json-word');
  assert.match(deepseek?.message ?? '', /^Prompt must contain the word 'json'/);
  const qwen = dashscope({ ...body, model: 'qwen-plus' });
  assert.equal(qwen?.rule, 'openai-chat.response_format.json_object-needs-json-word');
  assert.equal((qwen?.body as { error: { code: string } }).error.code, 'invalid_parameter_error');
});

test('Responses: only input messages count, not instructions', () => {
  const responses = (body: unknown) => judgeRequest({ method: 'POST', url: '/v1/responses', headers: {}, body });
  const format = { format: jsonMode };
  const refusal = responses({ model: 'gpt-4o', instructions: 'Answer in JSON.', input: [{ role: 'user', content: 'Colours?' }], text: format });
  assert.equal(refusal?.rule, 'openai-responses.text.format.json_object-needs-json-word');
  assert.deepEqual(refusal?.body, {
    error: { message: "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.", type: 'invalid_request_error', param: 'text.format', code: null },
  });
  assert.equal(responses({ model: 'gpt-4o', input: 'Colours, as json', text: format }), undefined);
  assert.equal(responses({ model: 'gpt-4o', input: [{ role: 'system', content: [{ type: 'input_text', text: 'JSON only' }] }, { role: 'user', content: 'Colours?' }], text: format }), undefined);
});
