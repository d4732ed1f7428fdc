/**
 * An implementation that sends unreadable frames by the thousand (not events, messages without
 * their fields) gets a bounded number of warnings, not one each: the first as it comes, the rest
 * counted and summed up in one line when the link closes. The link keeps answering the events
 * that are readable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { IgnoredFrameLog } from '../../src/onebot/model-as-bot/ignored-frame-log.js';
import { recordingLogger } from '../support/recording-logger.js';
import { bot, queueVisionAnswer, startBridge } from './support/bridge-setup.js';
import { privateMessage, text } from './support/test-implementation.js';
import { within } from '../support/within.js';

const flood = 20_000;

/** Polls `condition` until it holds, or fails naming `what` after `ms` (and stops polling). */
async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await sleep(10);
  }
}

test('a flood of unreadable frames logs a few lines, and a readable message after it is still answered', { timeout: 60_000 }, async () => {
  const logger = recordingLogger();
  const setup = await startBridge('forward-ws', {}, { replyMode: 'whole' }, logger);
  const ignoredLines = () => logger.lines.filter((line) => line.message.startsWith('onebot') && line.message.includes('ignored'));
  let closed = false;
  try {
    const { implementation } = setup;
    for (let index = 0; index < flood; index++) {
      // Half lack an event's fields; half are messages without `message_id` and `message`.
      const frame = index % 2 === 0 ? { type: 'message', junk: index } : implementation.event(bot, 'message', 'private', { user_id: 'mallory' });
      await implementation.push(frame);
    }
    queueVisionAnswer(setup.upstream);
    await implementation.push(privateMessage(implementation, bot, 'p-1', 'lee', [text('Still there?')]));
    await within(implementation.waitForActions('send_message', 1), 20_000, 'an answer to the readable message');
    await setup.gateway.onebot?.idle();
    assert.equal(ignoredLines().length, 1, 'only the first unreadable frame of the flood is logged as it comes');

    await setup.close();
    closed = true;
    await waitFor(() => ignoredLines().length > 1, 5_000, 'a summary once the link closed');
    const lines = ignoredLines();
    assert.equal(lines.length, 2, 'and one line sums up the rest once the link closes');
    assert.equal(lines[1]?.fields.count, flood - 1);
    assert.deepEqual(lines[1]?.fields.reasons, { 'onebot event ignored: not an event': flood / 2 - 1, 'onebot message ignored: malformed': flood / 2 });
  } finally {
    if (!closed) await setup.close();
  }
});

test('while unreadable frames keep coming on an open link, their count is summed up once a while', async () => {
  const logger = recordingLogger();
  const log = new IgnoredFrameLog({ description: 'http test', call: () => Promise.reject(new Error('no actions here')) }, logger, 30);
  for (let index = 0; index < 1_000; index++) log.ignored('onebot event ignored: not an event');
  assert.equal(logger.lines.length, 1);
  await waitFor(() => logger.lines.length === 2, 2_000, 'a summary after the while');
  assert.equal(logger.lines[1]?.fields.count, 999);
  log.ignored('onebot message ignored: malformed');
  assert.equal(logger.lines.length, 3, 'the first frame of the next while is logged as it comes');
  assert.equal(logger.lines[2]?.message, 'onebot message ignored: malformed');
  await sleep(60);
  assert.equal(logger.lines.length, 3, 'nothing counted, nothing to sum up');
});
