import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatHistories } from '../../src/onebot/model-as-bot/chat-history.js';

test('each chat keeps its window; past ten thousand chats, the one that spoke longest ago starts afresh', () => {
  const histories = new ChatHistories(2);
  histories.append('group:1', { role: 'user', content: [{ type: 'text', text: 'one' }] });
  histories.append('group:1', { role: 'assistant', content: [{ type: 'text', text: 'two' }] });
  histories.append('group:1', { role: 'user', content: [{ type: 'text', text: 'three' }] });
  assert.deepEqual(histories.get('group:1').map((message) => message.role), ['user']);
  for (let index = 2; index <= 10_000; index++) histories.append(`group:${index}`, { role: 'user', content: [{ type: 'text', text: 'hi' }] });
  assert.equal(histories.get('group:1').length, 1, 'ten thousand chats are kept');
  histories.append('private:new', { role: 'user', content: [{ type: 'text', text: 'hello' }] });
  assert.deepEqual(histories.get('group:1'), []);
  assert.equal(histories.get('group:2').length, 1);
});
