/**
 * A bot answers at most `maxConcurrentTurns` messages at once, across its chats: many users writing
 * at the same moment do not open as many upstream calls. Turns past the bound wait, first come first
 * served, and none is lost: each is answered once a call before it ends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { readFixtureText } from '../support/fixtures.js';
import { Cancellation } from '../../src/gateway/cancellation.js';
import { TurnSlots } from '../../src/onebot/model-as-bot/turn-slots.js';
import { bot, startBridge, visionStream } from './support/bridge-setup.js';
import { privateMessage, text } from './support/test-implementation.js';
import { within } from '../support/within.js';
import { recordingLogger } from '../support/recording-logger.js';

/** Polls `condition` until it holds, or fails naming `what` after `ms` (and stops polling). */
async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await sleep(10);
  }
}

test('past maxConcurrentTurns, turns wait for a model call to end; every one is answered afterwards', { timeout: 30_000 }, async () => {
  const users = 6;
  const bound = 2;
  const setup = await startBridge('forward-ws', {}, { replyMode: 'whole', maxConcurrentTurns: bound });
  const releases: Array<() => void> = [];
  try {
    const { implementation, upstream, gateway } = setup;
    // Each answer is held after its first frames until the test lets it go.
    for (let index = 0; index < users; index++) {
      upstream.enqueue({ kind: 'stream', text: readFixtureText(visionStream), pauseAfterFrames: 2, resume: new Promise<void>((resolve) => releases.push(resolve)) });
    }
    for (let index = 0; index < users; index++) await implementation.push(privateMessage(implementation, bot, `p-${index}`, `user-${index}`, [text(`Hello from user ${index}.`)]));
    const application = gateway.onebot?.bots[0];
    assert.ok(application);
    await waitFor(() => upstream.requests.length >= bound, 5_000, 'the first turns under way');
    // Every message has reached its turn, which waits for a slot: no call beyond the bound has started.
    await waitFor(() => application.turnLoad.waiting === users - bound, 10_000, 'the other turns waiting');
    await sleep(100);
    assert.equal(upstream.requests.length, bound, 'no more calls start while the bound is reached');
    assert.deepEqual(application.turnLoad, { running: bound, waiting: users - bound }, 'the other turns wait');

    for (let released = 1; released <= users; released++) {
      releases[released - 1]?.();
      await within(implementation.waitForActions('send_message', released), 5_000, `answer ${released} in its chat`);
      await waitFor(() => upstream.requests.length === Math.min(users, released + bound), 5_000, 'a waiting turn takes the freed slot');
      assert.ok(application.turnLoad.running <= bound, `at most ${bound} calls at once`);
    }
    await gateway.onebot?.idle();
    const answered = implementation.actions.filter((action) => action.action === 'send_message').map((action) => action.params.user_id);
    assert.deepEqual([...answered].sort(), Array.from({ length: users }, (_, index) => `user-${index}`).sort(), 'every user is answered once');
    const asked = upstream.requests.map((request) => JSON.stringify(request.body).match(/user (\d)/)?.[1]);
    assert.deepEqual(asked, ['0', '1', '2', '3', '4', '5'], 'waiting turns start in the order they came');
    assert.deepEqual(application.turnLoad, { running: 0, waiting: 0 });
  } finally {
    for (const release of releases) release();
    await setup.close();
  }
});

test('past maxWaitingTurns, a message from yet another chat gets no turn; it stays in the history for the next', { timeout: 30_000 }, async () => {
  const logger = recordingLogger();
  const setup = await startBridge('forward-ws', {}, { replyMode: 'whole', maxConcurrentTurns: 1, maxWaitingTurns: 2 }, logger);
  const releases: Array<() => void> = [];
  const refusals = () => logger.lines.filter((line) => line.message.includes('too many turns waiting'));
  try {
    const { implementation, upstream, gateway } = setup;
    for (let index = 0; index < 5; index++) {
      upstream.enqueue({ kind: 'stream', text: readFixtureText(visionStream), pauseAfterFrames: 2, resume: new Promise<void>((resolve) => releases.push(resolve)) });
    }
    const application = gateway.onebot?.bots[0];
    assert.ok(application);
    // One chat answering, two waiting: the bound. Four more chats write meanwhile.
    for (let index = 0; index < 3; index++) await implementation.push(privateMessage(implementation, bot, `p-${index}`, `user-${index}`, [text(`Hello from user ${index}.`)]));
    await waitFor(() => application.turnLoad.waiting === 2, 10_000, 'two turns waiting');
    for (let index = 3; index < 7; index++) await implementation.push(privateMessage(implementation, bot, `p-${index}`, `user-${index}`, [text(`Hello from user ${index}.`)]));
    // A chat with a turn already writing again is not refused: its next turn waits behind its own.
    await implementation.push(privateMessage(implementation, bot, 'p-2b', 'user-2', [text('And again from user 2.')]));
    await waitFor(() => refusals().length > 0, 5_000, 'the refusal logged');
    await sleep(100);
    assert.deepEqual(application.turnLoad, { running: 1, waiting: 2 }, 'no turn beyond the bound');
    assert.equal(refusals().length, 1, 'a flood is one line, the rest counted');

    for (const release of releases.slice(0, 4)) release();
    await within(implementation.waitForActions('send_message', 4), 5_000, 'the chats with turns answered');
    await gateway.onebot?.idle();
    assert.equal(upstream.requests.length, 4, 'the refused messages made no model call');
    const answered = implementation.actions.filter((action) => action.action === 'send_message').map((action) => action.params.user_id);
    assert.deepEqual([...answered].sort(), ['user-0', 'user-1', 'user-2', 'user-2']);

    // A refused chat's next turn sees what it said before.
    await implementation.push(privateMessage(implementation, bot, 'p-3b', 'user-3', [text('Anyone there?')]));
    releases[4]?.();
    await within(implementation.waitForActions('send_message', 5), 5_000, 'the refused chat answered on its next message');
    assert.match(JSON.stringify(upstream.requests[4]?.body), /Hello from user 3\..*Anyone there\?/s, "the refused message is in the next turn's history");
  } finally {
    for (const release of releases) release();
    await setup.close();
  }
});

test('a turn stopped while it waits for a slot leaves the queue and takes none', async () => {
  const slots = new TurnSlots(1);
  const first = await slots.take(new Cancellation());
  const stopped = new Cancellation();
  const waiting = slots.take(stopped);
  const next = slots.take(new Cancellation());
  assert.deepEqual(slots.load, { running: 1, waiting: 2 });
  stopped.abort('shutdown');
  assert.equal(await waiting, undefined);
  assert.deepEqual(slots.load, { running: 1, waiting: 1 });
  first?.();
  const release = await next;
  assert.ok(release !== undefined, 'the slot goes to the turn behind the stopped one');
  release();
  release();
  assert.deepEqual(slots.load, { running: 0, waiting: 0 }, 'a slot is freed once, however often its release is called');
});
