import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest } from '../support/vendor-rules/index.js';
import { recordedRequests } from './openai-rule-cases.js';

/** DeepSeek's judge (test/support/vendor-rules/deepseek.ts), chosen by name: its path is OpenAI's. */
const judge = (body: unknown) => judgeRequest({ method: 'POST', url: '/chat/completions', headers: {}, body }, 'deepseek');
const toolCall = { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] };
const toolTurn = [{ role: 'user', content: 'Go' }, toolCall, { role: 'tool', tool_call_id: 'call_1', content: '1' }];

test('a role DeepSeek does not know is refused, naming the five it does', () => {
  const refusal = judge({ model: 'deepseek-chat', messages: [{ role: 'user', content: 'Hi' }, { role: 'developer', content: 'Be brief' }] });
  assert.equal(refusal?.rule, 'deepseek.messages.role');
  assert.match(refusal?.message ?? '', /messages\[1\]\.role: unknown variant `developer`, expected one of `system`, `user`, `assistant`, `tool`, `latest_reminder`/);
  assert.deepEqual(refusal?.body, { error: { message: refusal?.message, type: 'invalid_request_error', param: null, code: 'invalid_request_error' } });
  assert.equal(judge({ model: 'deepseek-chat', messages: [{ role: 'system', content: 'Be brief' }, { role: 'user', content: 'Hi' }] }), undefined);
});

test('in thinking mode a tool-call turn without reasoning_content is refused; empty is taken; outside thinking mode nothing is asked', () => {
  const refusal = judge({ model: 'deepseek-reasoner', messages: toolTurn });
  assert.equal(refusal?.rule, 'deepseek.thinking.tool-call-reasoning');
  assert.match(refusal?.message ?? '', /^Missing `reasoning_content` field in the assistant message at message index 1\./);
  assert.equal(judge({ model: 'deepseek-chat', thinking: { type: 'enabled' }, messages: toolTurn })?.rule, 'deepseek.thinking.tool-call-reasoning');
  assert.equal(judge({ model: 'deepseek-reasoner', messages: toolTurn.map((message) => (message === toolCall ? { ...toolCall, reasoning_content: '' } : message)) }), undefined);
  assert.equal(judge({ model: 'deepseek-chat', messages: toolTurn }), undefined);
  // V4 thinks unless switched off.
  assert.equal(judge({ model: 'deepseek-v4-pro', messages: toolTurn })?.rule, 'deepseek.thinking.tool-call-reasoning');
  assert.equal(judge({ model: 'deepseek-v4-pro', thinking: { type: 'disabled' }, messages: toolTurn }), undefined);
});

test('every request recorded from DeepSeek passes', () => {
  const recorded = recordedRequests('deepseek');
  for (const { name, body } of recorded) assert.equal(judge(body)?.message, undefined, name);
});
