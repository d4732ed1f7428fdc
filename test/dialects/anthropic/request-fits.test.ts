/**
 * Requests from other dialects that Anthropic would refuse as written, fitted by the emitter so the
 * Anthropic judge (test/support/vendor-rules/anthropic*.ts) serves them: an end-user id holding contact
 * details, a tool call answered twice, a call id reused across turns, blank system text and a
 * breakpoint on it, a prefill ending in whitespace across several texts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { Message } from '../../../src/interlingua/message.js';
import { anthropicJudge } from '../../support/vendor-rules/anthropic.js';
import { applyJudge } from '../../support/vendor-rules/rule.js';

const options = { model: 'claude-sonnet-4-20250514', defaultMaxOutputTokens: 1000 };
const tools = [{ name: 'lookup', parameters: { type: 'object' } }];
const hi: Message = { role: 'user', content: [{ type: 'text', text: 'hi' }] };

function request(overrides: Partial<ChatRequest>): ChatRequest {
  return { model: 'gpt-4o', system: [], messages: [hi], sampling: {}, stream: false, ...overrides };
}

/** The emitted body, the features warned about, and the judge's refusal (undefined when it serves it). */
function emit(input: ChatRequest) {
  const { body, warnings } = anthropicDialect.emitRequest(input, options);
  const refusal = applyJudge(anthropicJudge, { method: 'POST', url: '/v1/messages', headers: { 'anthropic-version': '2023-06-01' }, body });
  return { body: body as Record<string, unknown>, features: warnings.map((warning) => warning.feature), refusal: refusal === undefined ? undefined : `${refusal.rule}: ${refusal.message}` };
}

const call = (id: string): Message => ({ role: 'assistant', content: [{ type: 'tool-call', id, name: 'lookup', arguments: '{}' }] });
const result = (id: string, text: string): Message => ({ role: 'tool', content: [{ type: 'tool-result', toolCallId: id, content: [{ type: 'text', text }] }] });

test('an end-user id holding an email address, a phone number or over 256 characters goes as its SHA-256 digest', () => {
  for (const user of ['alice@example.com', 'Alice <alice@example.co.uk>', '+1 555 010 9999', '(555) 010-9999', 'u'.repeat(257)]) {
    const { body, features, refusal } = emit(request({ user }));
    const sent = (body['metadata'] as { user_id: string }).user_id;
    assert.match(sent, /^[0-9a-f]{64}$/, user);
    assert.deepEqual(emit(request({ user })).body['metadata'], { user_id: sent }, 'the same id gives the same digest');
    assert.deepEqual(features, ['user'], user);
    assert.equal(refusal, undefined, user);
  }
  for (const user of ['user-1', '4f2b7c1e-8a9d-4c3b-9e1f-2a6d5b7c8e90', '1234567890']) {
    const { body, features } = emit(request({ user }));
    assert.deepEqual(body['metadata'], { user_id: user });
    assert.deepEqual(features, [], user);
  }
});

test('a tool call answered twice keeps its last result, the one of the run retried, with a warning', () => {
  const { body, features, refusal } = emit(request({ tools, messages: [hi, call('c1'), result('c1', 'timed out'), result('c1', 'sunny')] }));
  assert.equal(refusal, undefined);
  assert.deepEqual((body['messages'] as Array<{ content: unknown }>)[2]?.content, [{ type: 'tool_result', tool_use_id: 'c1', content: 'sunny' }]);
  assert.deepEqual(features, ['tool_result.duplicate']);
});

test('a call id reused in a later turn is renamed there, in the call and in its result, with a warning', () => {
  const { body, features, refusal } = emit(request({ tools, messages: [hi, call('call_1'), result('call_1', 'one'), call('call_1'), result('call_1', 'two'), { role: 'user', content: [{ type: 'text', text: 'and?' }] }] }));
  assert.equal(refusal, undefined);
  const messages = body['messages'] as Array<{ content: Array<Record<string, unknown>> }>;
  assert.deepEqual([messages[1]?.content[0]?.['id'], messages[2]?.content[0]?.['tool_use_id']], ['call_1', 'call_1']);
  assert.deepEqual([messages[3]?.content[0]?.['id'], messages[4]?.content[0]?.['tool_use_id'], messages[4]?.content[0]?.['content']], ['call_1_2', 'call_1_2', 'two']);
  assert.deepEqual(features, ['tool_call.id.reused']);
});

test('system text that is only whitespace is left out, and a breakpoint on blank system text goes to the text before it', () => {
  const blank = emit(request({ system: [{ type: 'text', text: '  \n' }] }));
  assert.equal(blank.refusal, undefined);
  assert.equal(blank.body['system'], undefined);
  assert.deepEqual(blank.features, ['system.whitespace']);
  for (const text of ['', ' ']) {
    const marked = emit(request({ system: [{ type: 'text', text: 'Be brief.' }, { type: 'text', text, cache: {} }] }));
    assert.equal(marked.refusal, undefined, JSON.stringify(text));
    assert.deepEqual(marked.body['system'], [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }]);
    assert.ok(marked.features.includes('cache_control.blank_text'));
  }
  const alone = emit(request({ system: [{ type: 'text', text: '', cache: {} }] }));
  assert.equal(alone.body['system'], undefined);
  assert.deepEqual(alone.features, ['cache_control.blank_text']);
});

test('a prefill ending in whitespace across several texts loses its blank texts and the whitespace of the one then last', () => {
  const { body, features, refusal } = emit(request({ messages: [hi, { role: 'assistant', content: [{ type: 'text', text: 'Sure, ' }, { type: 'text', text: '\n' }, { type: 'text', text: ' ' }] }] }));
  assert.equal(refusal, undefined);
  assert.deepEqual((body['messages'] as unknown[])[1], { role: 'assistant', content: [{ type: 'text', text: 'Sure,' }] });
  assert.deepEqual(features, ['prefill.trailing_whitespace']);
});
