/**
 * OpenAI takes a reasoning item back only with the item the model produced after it ("Item 'rs_…'
 * of type 'reasoning' was provided without its required following item.",
 * https://github.com/continuedev/continue/issues/8933). A turn cut off while thinking has nothing
 * after its reasoning; that reasoning is left out of the request, with the `reasoning.history` warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { ReasoningPart } from '../../../src/interlingua/content.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

/** Reasoning OpenAI issued, carried back by another dialect (an Anthropic thinking block's envelope). */
const thought = (text: string): ReasoningPart => ({ type: 'reasoning', text, signature: 'gAAAAABoENCRYPTEDxyz==', signatureOrigin: 'openai-responses' });
const user = (text: string) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] });
const request = (messages: ChatRequest['messages']): ChatRequest => ({ model: 'r5', system: [], messages, sampling: {}, stream: false });
const emit = (messages: ChatRequest['messages']) => openaiResponsesDialect.emitRequest(request(messages), { model: 'gpt-5', defaultMaxOutputTokens: 2000 });
const judged = (body: unknown) => judgeRequest({ method: 'POST', url: '/v1/responses', headers: { authorization: 'Bearer sk-test' }, body });
const types = (body: unknown) => (body as { input: Array<{ type?: string; role?: string }> }).input.map((item) => item.type ?? item.role);

test('a thinking-only assistant turn sends no reasoning item, warns, and OpenAI takes the request', () => {
  const { body, warnings } = emit([user('hi'), { role: 'assistant', content: [thought('hmm')] }, user('again')]);
  assert.deepEqual(types(body), ['user', 'user']);
  assert.deepEqual(
    warnings.filter((warning) => warning.feature === 'reasoning.history').map((warning) => warning.type),
    ['compatibility'],
  );
  assert.equal(judged(body)?.message, undefined);
});

test('reasoning followed within its turn by a call or an answer goes; a trailing one after them does not', () => {
  const { body, warnings } = emit([
    user('read a'),
    { role: 'assistant', content: [thought('I will read a.'), { type: 'tool-call', id: 'call_abc', name: 'read', arguments: '{"path":"a"}' }, thought('cut off')] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_abc', content: [{ type: 'text', text: 'hello' }] }] },
    { role: 'assistant', content: [thought('It says hello.'), { type: 'text', text: 'It says hello.' }] },
    user('thanks'),
  ]);
  assert.deepEqual(types(body), ['user', 'reasoning', 'function_call', 'function_call_output', 'reasoning', 'message', 'user']);
  assert.equal(warnings.filter((warning) => warning.feature === 'reasoning.history').length, 1);
  assert.equal(judged(body)?.message, undefined);
});
