import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest } from '../support/vendor-rules/index.js';
import { recordedRequests } from './openai-rule-cases.js';

/** Mistral's judge (test/support/vendor-rules/mistral.ts), chosen by name: its path is OpenAI's. */
const judge = (body: unknown) => judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: {}, body }, 'mistral');
const base = { model: 'mistral-small-latest', messages: [{ role: 'user', content: 'Hi' }] };

test('a field Mistral does not declare, at the top, is refused with 422 extra_forbidden naming it and its value', () => {
  const refusal = judge({ ...base, max_completion_tokens: 32000 });
  assert.equal(refusal?.rule, 'mistral.body.extra-forbidden');
  assert.equal(refusal?.status, 422);
  assert.deepEqual(refusal?.body, {
    object: 'error',
    message: { detail: [{ type: 'extra_forbidden', loc: ['body', 'max_completion_tokens'], msg: 'Extra inputs are not permitted', input: 32000 }] },
    type: 'invalid_request_error',
    param: null,
    code: null,
  });
  for (const field of ['user', 'store', 'seed', 'stream_options', 'logprobs']) assert.equal(judge({ ...base, [field]: 1 })?.rule, 'mistral.body.extra-forbidden', field);
  for (const field of ['random_seed', 'max_tokens', 'metadata', 'prompt_cache_key', 'safe_prompt']) assert.equal(judge({ ...base, [field]: 1 }), undefined, field);
});

test('a field a message of its role does not declare is refused, located by index and role', () => {
  const named = judge({ ...base, messages: [{ role: 'user', content: 'Hi', name: 'alice' }] });
  assert.equal(named?.rule, 'mistral.messages.extra-forbidden');
  assert.deepEqual((named?.body as { message: { detail: Array<{ loc: unknown }> } }).message.detail[0]?.loc, ['body', 'messages', 0, 'user', 'name']);
  const reasoning = judge({ ...base, messages: [...base.messages, { role: 'assistant', content: 'Hello', reasoning_content: 'hm' }, { role: 'user', content: 'Again' }] });
  assert.deepEqual((reasoning?.body as { message: { detail: Array<{ loc: unknown }> } }).message.detail[0]?.loc, ['body', 'messages', 1, 'assistant', 'reasoning_content']);
  assert.equal(judge({ ...base, messages: [...base.messages, { role: 'assistant', content: 'Hel', prefix: true }] }), undefined);
  assert.equal(
    judge({
      ...base,
      messages: [...base.messages, { role: 'assistant', content: null, tool_calls: [{ id: 'abc123def', type: 'function', function: { name: 'f', arguments: '{}' } }] }, { role: 'tool', content: '1', tool_call_id: 'abc123def', name: 'f' }],
    }),
    undefined,
  );
});

test('the request recorded from Mistral passes', () => {
  const recorded = recordedRequests('mistral');
  assert.ok(recorded.length >= 1);
  for (const { name, body } of recorded) assert.equal(judge(body)?.message, undefined, name);
});

test('an unknown judge name is a mistake in the test, not a pass', () => {
  assert.throws(() => judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: {}, body: base }, 'mistrall'), /no judge named mistrall/);
});

test('a tool call id other than nine letters and digits is refused, in the call or in its answer', () => {
  const history = (id: string, answer = id) => ({
    ...base,
    messages: [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: '', tool_calls: [{ id, type: 'function', function: { name: 'weather', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: answer, content: 'Sunny' },
    ],
  });
  const refusal = judge(history('call_0fypS1hVX'));
  assert.equal(refusal?.rule, 'mistral.tool-call-id.format');
  assert.deepEqual(refusal?.body, {
    object: 'error',
    message: 'Tool call id was call_0fypS1hVX but must be a-z, A-Z, 0-9, with a length of 9.',
    type: 'invalid_function_call',
    param: null,
    code: '3280',
    raw_status_code: 400,
  });
  assert.equal(judge(history('D681PevKs', 'toolu_01A'))?.rule, 'mistral.tool-call-id.format');
  assert.equal(judge(history('D681PevKs')), undefined);
});

test('a conversation ending with an assistant message is refused unless it is marked prefix', () => {
  const prefill = { ...base, messages: [...base.messages, { role: 'assistant', content: 'The capital of France is' }] };
  const refusal = judge(prefill);
  assert.equal(refusal?.rule, 'mistral.messages.last-role');
  assert.deepEqual(refusal?.body, {
    object: 'error',
    message: 'Expected last role User or Tool (or Assistant with prefix True) for serving but got assistant',
    type: 'invalid_request_error',
    param: null,
    code: null,
  });
  assert.equal(judge({ ...prefill, messages: [...base.messages, { role: 'assistant', content: 'The capital of France is', prefix: true }] }), undefined);
});
