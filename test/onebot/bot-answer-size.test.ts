/**
 * A bot application's answer is cut before a message that would take it past its size bound, as
 * the deadline cuts one that never falls silent: finish reason `length`, with what came before.
 * Without the bound, 140 messages of 1 MiB made one 140 MiB answer, held whole for a non-streamed
 * caller (an HTTP upstream's whole answer stops at `maxAnswerBytes`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BotAnswer, type BotAnswerEnd } from '../../src/onebot/bot-as-model/bot-answer.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';

test('messages past maxBytes end the answer with finish reason length, keeping the ones before', async () => {
  const ends: BotAnswerEnd[] = [];
  const answer = new BotAnswer('bot', 60_000, 60_000, (end) => ends.push(end), 25);
  answer.message('0123456789');
  answer.message('abcdefghij');
  answer.message('this one is past the bound');
  answer.message('and so is this');
  const events: StreamEvent[] = [];
  for await (const batch of answer.batches()) events.push(...batch);
  const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : [])).join('');
  assert.equal(text, '0123456789\nabcdefghij');
  const finish = events.find((event) => event.type === 'finish');
  assert.deepEqual(finish?.type === 'finish' ? finish.finishReason : undefined, { unified: 'length', raw: 'size' });
  assert.deepEqual(ends, ['too-large']);
});
