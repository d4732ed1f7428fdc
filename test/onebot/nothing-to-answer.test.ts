/**
 * A private message with nothing readable in it (an empty text) is not answered: the model would
 * get no user message (OpenAI refuses an empty list; Anthropic's system prompt goes outside
 * `messages`, leaving none), or, with earlier turns, one ending on the bot's own reply.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bot, queueVisionAnswer, startBridge } from './support/bridge-setup.js';
import { privateMessage, text } from './support/test-implementation.js';

test('an empty private message calls no model; the next one that says something is answered alone', { timeout: 20_000 }, async () => {
  const setup = await startBridge('forward-ws');
  try {
    queueVisionAnswer(setup.upstream);
    const { implementation } = setup;
    await implementation.push(privateMessage(implementation, bot, 'p-empty', 'carol', [text('   ')]));
    await setup.gateway.onebot?.idle();
    await implementation.push(privateMessage(implementation, bot, 'p-said', 'carol', [text('hello there')]));
    await implementation.waitForActions('send_message', 1);
    await setup.gateway.onebot?.idle();
    assert.equal(setup.upstream.requests.length, 1, 'only the message that says something reached the model');
    const body = setup.upstream.requests[0]?.body as { messages: Array<{ role: string; content: Array<{ text?: string }> }> };
    const users = body.messages.filter((message) => message.role === 'user');
    assert.deepEqual(users.map((message) => message.content.map((part) => part.text).join('')), ['hello there']);
  } finally {
    await setup.close();
  }
});
