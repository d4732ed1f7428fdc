import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unansweredResultText, withPairedToolResults } from '../../src/core/tool-result-pairing.js';
import type { Message } from '../../src/interlingua/message.js';
import type { Warning } from '../../src/interlingua/warning.js';

const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const calls = (...ids: string[]): Message => ({ role: 'assistant', content: ids.map((id) => ({ type: 'tool-call' as const, id, name: 'weather', arguments: '{}' })) });
const results = (...ids: string[]): Message => ({ role: 'tool', content: ids.map((id) => ({ type: 'tool-result' as const, toolCallId: id, content: [{ type: 'text' as const, text: `result ${id}` }] })) });

test('a history that pairs already is returned as it is', () => {
  const histories: Message[][] = [
    [user('Hi'), calls('a', 'b'), results('b'), results('a'), user('Thanks')],
    [user('Hi'), calls('a'), results('a'), calls('b'), results('b')],
    [user('Hi')],
  ];
  for (const history of histories) {
    const warnings: Warning[] = [];
    assert.equal(withPairedToolResults(history, 'Chat Completions', warnings), history);
    assert.deepEqual(warnings, []);
  }
});

test('a call left unanswered is answered with an error result, right after it', () => {
  const warnings: Warning[] = [];
  const paired = withPairedToolResults([user('Hi'), calls('a', 'b'), results('a'), user('Never mind')], 'Chat Completions', warnings);
  assert.deepEqual(paired.map((message) => message.role), ['user', 'assistant', 'tool', 'user']);
  assert.deepEqual(paired[2], {
    role: 'tool',
    content: [
      { type: 'tool-result', toolCallId: 'a', content: [{ type: 'text', text: 'result a' }] },
      { type: 'tool-result', toolCallId: 'b', content: [{ type: 'text', text: unansweredResultText }], isError: true },
    ],
  });
  assert.deepEqual(warnings.map((warning) => warning.feature), ['tool_result.missing']);
});

test('a result that answers no call becomes a user message after the run it stood in', () => {
  const warnings: Warning[] = [];
  const paired = withPairedToolResults([user('Hi'), results('x'), user('So?'), calls('a'), results('a', 'z')], 'The Responses API', warnings);
  assert.deepEqual(paired, [
    user('Hi'),
    user('Result of tool call x: result x'),
    user('So?'),
    calls('a'),
    results('a'),
    user('Result of tool call z: result z'),
  ]);
  assert.deepEqual(warnings.map((warning) => warning.feature), ['tool_result.orphan']);
});

test('a second result for the same call is not taken as its answer', () => {
  const paired = withPairedToolResults([user('Hi'), calls('a'), results('a', 'a'), user('Next')], 'Chat Completions', []);
  assert.deepEqual(paired.map((message) => message.role), ['user', 'assistant', 'tool', 'user', 'user']);
});

test('calls that end the conversation are answered too', () => {
  const paired = withPairedToolResults([user('Hi'), calls('a')], 'Chat Completions', []);
  assert.deepEqual(paired.at(-1), { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'a', content: [{ type: 'text', text: unansweredResultText }], isError: true }] });
});

test('two calls that share an id, each answered, pass as they are; a third result for it does not', () => {
  const history = [user('Hi'), calls('a', 'a'), results('a', 'a'), user('Next')];
  assert.equal(withPairedToolResults(history, 'Chat Completions', []), history);
  const warnings: Warning[] = [];
  const paired = withPairedToolResults([user('Hi'), calls('a', 'a'), results('a', 'a', 'a')], 'Chat Completions', warnings);
  assert.deepEqual(paired.map((message) => message.role), ['user', 'assistant', 'tool', 'user', 'user']);
  assert.deepEqual(warnings.map((warning) => warning.feature), ['tool_result.orphan']);
});
