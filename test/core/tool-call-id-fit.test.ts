import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitToolCallIds } from '../../src/core/tool-call-id-fit.js';
import type { Message } from '../../src/interlingua/message.js';

/** A history of one assistant turn calling a tool under each id, and each call's answer. */
function history(ids: string[]): Message[] {
  return [
    { role: 'user', content: [{ type: 'text', text: 'Go' }] },
    { role: 'assistant', content: ids.map((id) => ({ type: 'tool-call' as const, id, name: 'f', arguments: '{}' })) },
    { role: 'tool', content: ids.map((id) => ({ type: 'tool-result' as const, toolCallId: id, content: [{ type: 'text' as const, text: 'ok' }] })) },
  ];
}

const nineAlphanumeric = { pattern: /^[a-zA-Z0-9]{9}$/, digestLength: 9 };

test('with a digest length, an id that does not fit becomes that many hex digits, the same in every request', () => {
  const ids = ['toolu_01A09q90qw90lq917835lq9', 'call_1', 'D681PevKs'];
  const fitted = fitToolCallIds(history(ids), nineAlphanumeric);
  assert.equal(fitted.rewritten, 2);
  assert.match(fitted.wire('toolu_01A09q90qw90lq917835lq9'), /^[0-9a-f]{9}$/);
  assert.match(fitted.wire('call_1'), /^[0-9a-f]{9}$/);
  assert.equal(fitted.wire('D681PevKs'), 'D681PevKs', 'an id that fits is kept');
  assert.equal(fitToolCallIds(history(ids), nineAlphanumeric).wire('call_1'), fitted.wire('call_1'));
});

test('a digest that an id of the history already is, is digested again', () => {
  const taken = fitToolCallIds(history(['call_1']), nineAlphanumeric).wire('call_1');
  const fitted = fitToolCallIds(history([taken, 'call_1']), nineAlphanumeric);
  assert.equal(fitted.wire(taken), taken);
  assert.notEqual(fitted.wire('call_1'), taken);
  assert.match(fitted.wire('call_1'), /^[0-9a-f]{9}$/);
});
