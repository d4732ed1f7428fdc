/**
 * One answer at a time in each chat: messages that address the bot while it is answering wait for
 * that answer, and of several only the newest gets a turn of its own, whose history holds them all.
 * A chat that writes fast thus never has more than one model call running and one waiting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatTurns } from '../../src/onebot/model-as-bot/chat-turns.js';
import { readFixtureText } from '../support/fixtures.js';
import { bot, queueVisionAnswer, startBridge, visionStream } from './support/bridge-setup.js';
import { groupMessage, mention, privateMessage, text } from './support/test-implementation.js';
import { within } from '../support/within.js';

test('a chat runs one turn at a time; the newest of the messages waiting meanwhile takes the one waiting turn', async () => {
  const turns = new ChatTurns<string>();
  const started: string[] = [];
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const answer = async (turn: string) => {
    started.push(turn);
    if (turn === 'first') await held;
  };
  const first = turns.schedule('chat-a', 'first', answer);
  const second = turns.schedule('chat-a', 'second', answer);
  const third = turns.schedule('chat-a', 'third', answer);
  const elsewhere = turns.schedule('chat-b', 'other chat', answer);
  await elsewhere;
  assert.deepEqual(started, ['first', 'other chat'], 'another chat is not held up; this one waits for its answer');
  assert.equal(turns.busyChats, 1);
  release();
  await Promise.all([first, second, third]);
  assert.deepEqual(started, ['first', 'other chat', 'third'], 'one more turn, for the newest message');
  assert.equal(turns.busyChats, 0, 'nothing is kept for a chat once its turns are over');
});

test('a failed turn does not stop the chat: the waiting turn still runs', async () => {
  const turns = new ChatTurns<number>();
  const started: number[] = [];
  const failing = turns.schedule('chat', 1, async (turn) => {
    started.push(turn);
    throw new Error('model unreachable');
  });
  const next = turns.schedule('chat', 2, async (turn) => {
    started.push(turn);
  });
  await Promise.all([failing, next]);
  assert.deepEqual(started, [1, 2]);
});

type Body = { messages: Array<{ role: string; content: Array<{ type: string; text?: string }> }> };

test('messages that mention the bot while it answers are answered once, after that answer, quoting the newest', { timeout: 20_000 }, async () => {
  const setup = await startBridge('forward-ws', {}, { replyMode: 'whole' });
  let resume = () => {};
  try {
    const { implementation, upstream } = setup;
    upstream.enqueue({ kind: 'stream', text: readFixtureText(visionStream), pauseAfterFrames: 2, resume: new Promise<void>((resolve) => (resume = resolve)) });
    queueVisionAnswer(upstream, 2);
    await implementation.push(groupMessage(implementation, bot, 'g-1', 'alice', [mention(bot.user_id), text(' describe the picture')]));
    await within(waitFor(() => upstream.requests.length === 1), 5_000, 'the first turn asked the model');
    await implementation.push(groupMessage(implementation, bot, 'g-2', 'bob', [mention(bot.user_id), text(' and the colours?')]));
    await implementation.push(groupMessage(implementation, bot, 'g-3', 'carol', [mention(bot.user_id), text(' and the shapes?')]));
    await implementation.push(privateMessage(implementation, bot, 'p-1', 'dave', [text('hello')]));
    await within(waitFor(() => upstream.requests.length >= 2), 5_000, 'the private chat is answered meanwhile');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(upstream.requests.length, 2, 'the group waits for its answer under way; only the private chat asked meanwhile');

    resume();
    const sent = await within(implementation.waitForActions('send_message', 3), 5_000, 'three answers in all');
    await setup.gateway.onebot?.idle();
    assert.equal(upstream.requests.length, 3, 'two turns for the group: the first message and the newest');
    const groupReplies = sent.filter((action) => action.params.detail_type === 'group');
    const quoted = groupReplies.map((action) => (action.params.message as Array<{ type: string; data: { message_id?: string } }>)[0]?.data.message_id);
    assert.deepEqual(quoted, ['g-1', 'g-3']);
    // The history: the first question, its answer, then what came in while it was answered.
    const second = (upstream.requests[2]?.body as Body).messages.map((message) => `${message.role}: ${message.content.map((part) => part.text ?? '').join(' ')}`);
    assert.equal(second.length, 3, second.join('\n'));
    assert.match(second[0]!, /^user: alice: describe the picture/);
    assert.match(second[1]!, /^assistant: This image shows/);
    assert.match(second[2]!, /^user: bob: and the colours\? carol: and the shapes\?$/);
  } finally {
    resume();
    await setup.close();
  }
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
