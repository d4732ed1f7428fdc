/**
 * A tool call's name by its id, as parsers ask for it while they build a conversation: what they
 * append (whole messages, or parts to the last one) is found, the last of calls that share an id
 * wins, and a conversation changed elsewhere is still read right.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findToolCallName } from '../../src/core/tool-history.js';
import type { Message } from '../../src/interlingua/message.js';

const call = (id: string, name: string) => ({ type: 'tool-call' as const, id, name, arguments: '{}' });

test('calls appended as messages or as parts of the last one are found as the conversation grows', () => {
  const messages: Message[] = [{ role: 'user', content: [{ type: 'text', text: 'Weather?' }] }];
  assert.equal(findToolCallName(messages, 'a'), undefined);
  messages.push({ role: 'assistant', content: [call('a', 'weather')] });
  assert.equal(findToolCallName(messages, 'a'), 'weather');
  (messages[1] as Extract<Message, { role: 'assistant' }>).content.push(call('b', 'time'));
  assert.equal(findToolCallName(messages, 'b'), 'time');
  messages.push({ role: 'tool', content: [] }, { role: 'assistant', content: [call('a', 'forecast')] });
  assert.equal(findToolCallName(messages, 'a'), 'forecast', 'the last call with the id');
});

test('a conversation changed before its end is still read right', () => {
  const messages: Message[] = [{ role: 'assistant', content: [call('a', 'weather')] }, { role: 'tool', content: [] }];
  assert.equal(findToolCallName(messages, 'a'), 'weather');
  messages.splice(1, 0, { role: 'assistant', content: [call('c', 'search')] });
  assert.equal(findToolCallName(messages, 'c'), 'search');
  messages.length = 0;
  assert.equal(findToolCallName(messages, 'a'), undefined);
});

test('many results of one turn\'s calls each find their call', () => {
  const calls = Array.from({ length: 2_000 }, (_, index) => call(`id${index}`, `tool${index}`));
  const messages: Message[] = [{ role: 'assistant', content: calls }];
  for (let index = 0; index < calls.length; index++) assert.equal(findToolCallName(messages, `id${index}`), `tool${index}`);
});
