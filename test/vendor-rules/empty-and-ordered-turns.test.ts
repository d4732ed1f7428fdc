/**
 * The turns xAI and Mistral refuse though OpenAI takes them, in the vendors' recorded words
 * (test/support/vendor-rules/xai.ts and mistral.ts), and the mended forms they take.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest } from '../support/vendor-rules/index.js';

const judge = (vendor: 'xai' | 'mistral', messages: unknown[]) =>
  judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: {}, body: { model: vendor === 'xai' ? 'grok-4-1-fast-reasoning' : 'mistral-large-latest', messages } }, vendor);
const call = (id: string) => ({ id, type: 'function', function: { name: 'read_file', arguments: '{"path":"a.txt"}' } });
const toolTurn = (content: unknown, id = 'D681PevKs') => [
  { role: 'user', content: 'read a.txt' },
  { role: 'assistant', content, tool_calls: [call(id)] },
  { role: 'tool', tool_call_id: id, content: 'hello' },
];

test('xAI refuses a tool-call turn with null content and takes it with ""', () => {
  const refusal = judge('xai', toolTurn(null));
  assert.equal(refusal?.rule, 'xai.messages.content-element');
  assert.deepEqual(refusal?.body, { code: 'Client specified an invalid argument', error: 'Invalid request content: Each message must have at least one content element.' });
  assert.equal(judge('xai', [{ role: 'user', content: 'hi' }, { role: 'assistant', content: [] }, { role: 'user', content: 'again' }])?.rule, 'xai.messages.content-element');
  assert.equal(judge('xai', toolTurn('')), undefined);
});

test('xAI refuses an empty assistant, tool or system message', () => {
  const empty = { code: 'Client specified an invalid argument', error: 'An empty message was provided. Every message needs at least one non-empty content element.' };
  assert.deepEqual(judge('xai', [{ role: 'user', content: 'hi' }, { role: 'assistant', content: '' }, { role: 'user', content: 'hello?' }])?.body, empty);
  assert.deepEqual(judge('xai', [...toolTurn('').slice(0, 2), { role: 'tool', tool_call_id: 'D681PevKs', content: '' }])?.body, empty);
  assert.deepEqual(judge('xai', [{ role: 'system', content: [{ type: 'text', text: '' }] }, { role: 'user', content: 'hi' }])?.body, empty);
  assert.equal(judge('xai', [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'Hello.' }, { role: 'user', content: 'hello?' }]), undefined);
});

test('Mistral refuses a user (or system) message right after a tool message, and a tool message after a user one', () => {
  const refusal = judge('mistral', [...toolTurn(null), { role: 'user', content: '<system-reminder>keep going</system-reminder>' }]);
  assert.equal(refusal?.rule, 'mistral.messages.order');
  assert.deepEqual(refusal?.body, { object: 'error', message: "Unexpected role 'user' after role 'tool'", type: 'invalid_request_message_order', param: null, code: '3230' });
  assert.equal(judge('mistral', [...toolTurn(null), { role: 'system', content: 'Be brief.' }, { role: 'user', content: 'go' }])?.message, "Unexpected role 'system' after role 'tool'");
  assert.equal(judge('mistral', [{ role: 'user', content: 'hi' }, { role: 'tool', tool_call_id: 'D681PevKs', content: 'x' }])?.message, "Unexpected role 'tool' after role 'user'");
  assert.equal(judge('mistral', [...toolTurn(null), { role: 'assistant', content: 'Tool results received.' }, { role: 'user', content: 'go' }]), undefined);
  assert.equal(judge('mistral', [{ role: 'user', content: 'hi' }, { role: 'user', content: 'again' }]), undefined);
});

test('Mistral refuses an assistant message with neither content nor tool calls, "" counting as none', () => {
  for (const content of ['', null, []]) {
    const refusal = judge('mistral', [{ role: 'user', content: 'hi' }, { role: 'assistant', content }, { role: 'user', content: 'hello?' }]);
    assert.equal(refusal?.rule, 'mistral.messages.assistant-content-or-calls', JSON.stringify(content));
    assert.deepEqual(refusal?.body, { object: 'error', message: 'Assistant message must have either content or tool_calls, but not none.', type: 'invalid_request_assistant_message', param: null, code: '3240' });
  }
  assert.equal(judge('mistral', toolTurn(null)), undefined);
  assert.equal(judge('mistral', toolTurn('')), undefined);
});

test('Mistral refuses a system message after an assistant one', () => {
  const refusal = judge('mistral', [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'Hello.' }, { role: 'system', content: 'Be brief.' }, { role: 'user', content: 'go' }]);
  assert.equal(refusal?.rule, 'mistral.messages.system-after-assistant');
  assert.deepEqual(refusal?.body, { object: 'error', message: "Unexpected role 'system' after role 'assistant'", type: 'invalid_request_error', param: null, code: null });
  assert.equal(judge('mistral', [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }]), undefined);
});
