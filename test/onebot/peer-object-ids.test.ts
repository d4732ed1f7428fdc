/**
 * Ids a OneBot peer sends are strings (or numbers, from implementations of OneBot 11 lineage); an
 * object in their place is no id. `String()` of a peer's `{"toString":1}` throws, and did so inside
 * a socket's frame listener or a dropped promise, which ended the whole gateway. Each such frame
 * now counts as no id, and the bridge and the bot application go on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bot, queueVisionAnswer, startBridge } from './support/bridge-setup.js';
import { privateMessage, text } from './support/test-implementation.js';
import { peerId } from '../../src/onebot/peer-id.js';

const hostile = () => ({ toString: 1 });

test('peerId reads strings and finite numbers, and nothing else', () => {
  assert.equal(peerId('m-1'), 'm-1');
  assert.equal(peerId(42), '42');
  for (const value of [hostile(), null, undefined, Number.NaN, true, ['1'], { valueOf: 1 }]) assert.equal(peerId(value), undefined);
});

test('a send_message answered with an object for message_id, and a response whose echo is an object, leave the bridge answering', async () => {
  const setup = await startBridge('forward-ws', { messageId: hostile });
  try {
    const { implementation, upstream } = setup;
    queueVisionAnswer(upstream, 2);
    // A response for no action this side sent.
    implementation.sendRaw(JSON.stringify({ status: 'ok', retcode: 0, data: null, message: '', echo: hostile() }));
    await implementation.push(privateMessage(implementation, bot, 'p-1', 'alice', [text('hello')]));
    await implementation.waitForActions('send_message', 1);
    await setup.gateway.onebot?.idle();
    const first = implementation.actions.filter((action) => action.action === 'send_message').length;
    assert.ok(first > 1, `the answer went out sentence by sentence, ${first} messages`);
    await implementation.push(privateMessage(implementation, bot, 'p-2', 'alice', [text('again')]));
    await implementation.waitForActions('send_message', first + 1);
    await setup.gateway.onebot?.idle();
    assert.equal(upstream.requests.length, 2, 'the second message reached the model too');
  } finally {
    await setup.close();
  }
});
