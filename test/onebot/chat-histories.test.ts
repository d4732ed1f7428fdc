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

test('past their size bound, the chats that spoke longest ago start afresh, and a chat larger on its own keeps its newest turns', () => {
  const said = (text: string) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] });
  // Each turn is about 1,000 characters of JSON; 10,000 may be kept in all.
  const histories = new ChatHistories(30, 10_000, 10_000);
  const turn = 'x'.repeat(970);
  for (let chat = 1; chat <= 20; chat++) histories.append(`group:${chat}`, said(turn));
  assert.deepEqual(histories.get('group:1'), [], 'the first chats were forgotten');
  assert.equal(histories.get('group:20').length, 1);
  const kept = Array.from({ length: 20 }, (_, index) => histories.get(`group:${index + 1}`).length).reduce((sum, length) => sum + length, 0);
  assert.ok(kept >= 9 && kept <= 10, `about ten turns are kept, ${kept}`);
  for (let index = 0; index < 25; index++) histories.append('group:big', said(`${index} ${turn}`));
  const big = histories.get('group:big');
  assert.ok(big.length >= 9 && big.length <= 10, `the large chat keeps what fits, ${big.length} turns`);
  assert.match((big.at(-1)?.content[0] as { text: string }).text, /^24 /, 'the newest turn is kept');
});
