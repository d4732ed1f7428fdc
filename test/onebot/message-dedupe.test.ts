/**
 * The ids a OneBot peer's messages carry are its own choice; the dedupe keeps 10,000 of them, so a
 * long one is kept as its digest: 10,000 ids of 1 MiB each were 10 GB.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageDedupe } from '../../src/onebot/model-as-bot/message-dedupe.js';

test('a message id is answered once, long or short, and a long one is not kept whole', () => {
  const dedupe = new MessageDedupe(100);
  const long = 'm'.repeat(1 << 20);
  assert.equal(dedupe.firstTime('qq:bot', 'short-1'), true);
  assert.equal(dedupe.firstTime('qq:bot', 'short-1'), false);
  assert.equal(dedupe.firstTime('qq:bot', `${long}a`), true);
  assert.equal(dedupe.firstTime('qq:bot', `${long}b`), true);
  assert.equal(dedupe.firstTime('qq:bot', `${long}a`), false);
  assert.equal(dedupe.firstTime('tg:bot', `${long}a`), true, 'another bot');
  const kept = (dedupe as unknown as { seen: Set<string> }).seen;
  assert.ok([...kept].every((key) => key.length <= 256), 'each key kept is short');
});
