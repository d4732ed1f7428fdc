import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest } from '../support/vendor-rules/index.js';

/** Moonshot's judge (test/support/vendor-rules/moonshot.ts), chosen by name: its path is OpenAI's. */
const judge = (body: unknown) => judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: {}, body }, 'moonshot');
const toolTurn = (reasoning?: string) => [
  { role: 'user', content: 'Go' },
  { role: 'assistant', content: null, ...(reasoning === undefined ? {} : { reasoning_content: reasoning }), tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
  { role: 'tool', tool_call_id: 'call_1', content: '1' },
];

test('a thinking Kimi model refuses a tool-call turn without reasoning_content, or with an empty one', () => {
  for (const reasoning of [undefined, '']) {
    const refusal = judge({ model: 'kimi-k2.6', messages: toolTurn(reasoning) });
    assert.equal(refusal?.rule, 'moonshot.thinking.tool-call-reasoning');
    assert.deepEqual(refusal?.body, { error: { message: 'thinking is enabled but reasoning_content is missing in assistant tool call message at index 1', type: 'invalid_request_error' } });
  }
  assert.equal(judge({ model: 'kimi-k2-thinking', messages: toolTurn() })?.rule, 'moonshot.thinking.tool-call-reasoning');
});

test('a single space is taken, as is thinking turned off or a model that does not think', () => {
  assert.equal(judge({ model: 'kimi-k2.6', messages: toolTurn(' ') }), undefined);
  assert.equal(judge({ model: 'kimi-k2.6', thinking: { type: 'disabled' }, messages: toolTurn() }), undefined);
  assert.equal(judge({ model: 'moonshot-v1-8k', messages: toolTurn() }), undefined);
});

test('Kimi refuses an assistant message with neither content nor tool calls, reasoning_content or not', () => {
  const user = { role: 'user', content: 'hi' };
  for (const assistant of [{ role: 'assistant', content: '' }, { role: 'assistant', content: '', reasoning_content: 'Let me think.' }, { role: 'assistant', content: null }]) {
    const refusal = judge({ model: 'kimi-k2.6', messages: [user, assistant, user] });
    assert.equal(refusal?.rule, 'moonshot.messages.assistant-not-empty', JSON.stringify(assistant));
    assert.deepEqual(refusal?.body, { error: { message: "Invalid request: the message at position 1 with role 'assistant' must not be empty", type: 'invalid_request_error' } });
  }
  assert.equal(judge({ model: 'kimi-k2.6', messages: [user, { role: 'assistant', content: 'Hello.', reasoning_content: 'Greet.' }, user] }), undefined);
  assert.equal(judge({ model: 'kimi-k2.6', messages: toolTurn(' ') }), undefined, 'a tool-call turn is not empty');
});
