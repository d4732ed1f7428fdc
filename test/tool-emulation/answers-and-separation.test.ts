/**
 * JSON answers that name no tool stay answers, and the texts on both sides of calls keep what
 * separated them instead of running together.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toolFormats } from '../../src/tool-emulation/format-registry.js';
import { readSplit, readWhole, summary } from './support.js';

const { json, hermes, react } = toolFormats;

test('json: an answer object whose only key is "name" is text unless it names a tool', () => {
  for (const answer of ['{"name": "Alice"}', '[{"name": "Alice"}, {"name": "Bob"}]', 'The winner: {"name": "Alice"}']) {
    assert.deepEqual(summary(readWhole(answer, json)), [answer], answer);
  }
  assert.deepEqual(summary(readWhole('{"name": "add"}', json)), ['add({})']);
  assert.deepEqual(summary(readWhole('{"name": "Alice", "arguments": {}}', json)).length, 1);
  assert.equal(readWhole('{"name": "Alice", "arguments": {}}', json)[0]?.type, 'invalid');
  assert.equal(readWhole('{"tool_calls": [{"name": "Alice"}]}', json)[0]?.type, 'invalid');
  assert.equal(readWhole('{"type": "function", "function": {"name": "Alice"}}', json)[0]?.type, 'invalid');
});

test('texts around calls keep the whitespace written after the calls, else before them, else a newline', () => {
  const call = (name: string): string => `<tool_call>\n{"name": "${name}", "arguments": {"a": 1, "b": 2}}\n</tool_call>`;
  const cases: [string, string][] = [
    [`Let me check. ${call('add')}\n${call('multiply')}\nAnd after the calls, more.`, '\nAnd after the calls, more.'],
    [`Let me check.\n\n${call('add')}\n\nDone.`, '\n\nDone.'],
    [`Let me check. ${call('add')}Done.`, ' Done.'],
    [`Let me check.${call('add')}Done.`, '\nDone.'],
  ];
  for (const [reply, after] of cases) {
    const pieces = summary(readWhole(reply, hermes));
    assert.equal(pieces[0], 'Let me check.', reply);
    assert.equal(pieces[pieces.length - 1], after, reply);
    assert.deepEqual(summary(readSplit([...reply], hermes)), pieces, `${reply} one character at a time`);
  }
  // No text before the calls, or none after: nothing to separate.
  assert.deepEqual(summary(readWhole(`\n${call('add')}\n\nDone. `, hermes)), ['add({"a":1,"b":2})', 'Done.']);
  assert.deepEqual(summary(readWhole(`Sure.\n${call('add')}\n`, hermes)), ['Sure.', 'add({"a":1,"b":2})']);
  assert.deepEqual(summary(readWhole('Thought: I need it.\nAction: add\nAction Input: {"a": 1, "b": 2}\nThe result follows.', react)), [
    'I need it.',
    'add({"a":1,"b":2})',
    '\nThe result follows.',
  ]);
});
