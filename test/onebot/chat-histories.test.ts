import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatHistories } from '../../src/onebot/model-as-bot/chat-history.js';

test('each chat keeps its window; past ten thousand chats, those that spoke longest ago start afresh', () => {
  const histories = new ChatHistories(2);
  histories.append('group:1', { role: 'user', content: [{ type: 'text', text: 'one' }] });
  histories.append('group:1', { role: 'assistant', content: [{ type: 'text', text: 'two' }] });
  histories.append('group:1', { role: 'user', content: [{ type: 'text', text: 'three' }] });
  assert.deepEqual(histories.get('group:1').map((message) => message.role), ['user']);
  for (let index = 2; index <= 30_000; index++) histories.append(`group:${index}`, { role: 'user', content: [{ type: 'text', text: 'hi' }] });
  assert.deepEqual(histories.get('group:1'), [], 'a chat that spoke long ago starts afresh');
  assert.equal(histories.get('group:26000').length, 1, 'the chats that spoke last are kept');
  assert.equal(histories.get('group:30000').length, 1);
});
