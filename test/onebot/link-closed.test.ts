/**
 * A OneBot connection that drops while the model is still answering: nothing more can reach the
 * chat through it (a reconnection is a new connection), so the turn stops and its upstream call
 * is aborted instead of running to the end for nobody, and the chat's history keeps only what
 * the chat received: the sentence sent before the drop, not the model's unsent rest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureText } from '../support/fixtures.js';
import { bot, queueVisionAnswer, startBridge } from './support/bridge-setup.js';
import { privateMessage, text } from './support/test-implementation.js';
import { within } from '../support/within.js';

/** A recorded Anthropic stream (it says "hi" in Portuguese) up to the middle of its second sentence. */
const recorded = 'anthropic/fantasy-sonnet4-simple_streaming.response.sse';
const firstSentence = 'Olá! (That\'s "hi" in Portuguese)';

function framesIntoSecondSentence(): string {
  const frames = readFixtureText(recorded).split(/(?<=\n\n)/);
  const cut = frames.findIndex((frame) => frame.includes('"text":" is a"'));
  assert.ok(cut > 0, 'the recording has the delta the test cuts after');
  return frames.slice(0, cut + 1).join('');
}

type Body = { messages: Array<{ role: string; content: Array<{ type: string; text?: string }> }> };

for (const transport of ['forward-ws', 'reverse-ws'] as const) {
  test(`${transport}: the connection dropping mid-answer aborts the model call; the history keeps only what was sent`, { timeout: 20_000 }, async () => {
    const setup = await startBridge(transport, {}, { replyMode: 'sentences' });
    try {
      const { implementation, upstream, gateway } = setup;
      // The first answer stops mid-sentence and stays open until the gateway closes it.
      upstream.enqueue({ kind: 'hang', firstFrame: framesIntoSecondSentence() });
      queueVisionAnswer(upstream);
      await implementation.push(privateMessage(implementation, bot, 'p-1', 'kim', [text('Say hi in Portuguese.')]));
      const [sent] = await within(implementation.waitForActions('send_message', 1), 5_000, 'the first sentence in the chat');
      assert.deepEqual(sent?.params.message, [{ type: 'text', data: { text: firstSentence } }]);

      implementation.dropConnections();
      await within(upstream.hangClosed, 5_000, 'the upstream request closed after the OneBot connection dropped');
      await gateway.onebot?.idle();

      if (transport === 'reverse-ws') await implementation.connectReverse(`ws://127.0.0.1:${(gateway.server.address() as { port: number }).port}/onebot/v12/ws`);
      else await implementation.waitForConnections(1);
      await implementation.push(privateMessage(implementation, bot, 'p-2', 'kim', [text('And in Spanish?')]));
      await within(implementation.waitForActions('send_message', 2), 5_000, 'an answer to the next message');
      await gateway.onebot?.idle();
      const next = upstream.requests[1]?.body as Body;
      assert.deepEqual(
        next.messages.map((message) => [message.role, message.content.map((part) => part.text).join('')]),
        [
          ['user', 'Say hi in Portuguese.'],
          ['assistant', firstSentence],
          ['user', 'And in Spanish?'],
        ],
      );
    } finally {
      await setup.close();
    }
  });
}
