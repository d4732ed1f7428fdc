/**
 * A OneBot bot application (`dialect: onebot`) that sends actions and never reads the answers:
 * once more than the connection's unread limit waits for it, the gateway closes the connection
 * with 1008 (RFC 6455 section 7.4.1), fails what waited on it and reads nothing more from it;
 * the next request dials a fresh connection, which is read as before. The application is written
 * by hand, so the test reads the close frame as it comes rather than waiting for the connection to end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppConnection, type BotMessage } from '../../src/onebot/bot-as-model/app-connection.js';
import { recordingLogger } from '../support/recording-logger.js';
import { frame, RawWebSocketServer, type RawConnection } from '../support/raw-websocket.js';

const self = { platform: 'interlingua', user_id: 'echo-bot' };
/** A server's frame carrying one action (servers do not mask, RFC 6455 section 5.1). */
const action = (body: Record<string, unknown>) => frame(0x1, Buffer.from(JSON.stringify(body)), { masked: false });
const sendMessage = (text: string) => action({ action: 'send_message', params: { detail_type: 'private', user_id: 'caller', message: text }, self, echo: text });

test('a bot application that never reads is closed with 1008 past the unread limit and its later actions are not read; the next connection is read', { timeout: 60_000 }, async () => {
  const application = new RawWebSocketServer((connection: RawConnection, index: number) => {
    if (index > 0) return;
    // Stop reading, ask for 32 MiB of answers (each `get_version` answer echoes its 32 KiB
    // `echo`), then send a message as the bot, which is read only if the gateway still reads.
    connection.socket.pause();
    const ask = action({ action: 'get_version', params: {}, echo: 'x'.repeat(32 * 1024) });
    for (let count = 0; count < 1024; count++) connection.socket.write(ask);
    connection.socket.write(sendMessage('read at last'));
  });
  const url = await application.start();
  let closeCount = 0;
  let onClose = () => {};
  const closes = new Promise<void>((resolve) => (onClose = resolve));
  const received: BotMessage[] = [];
  let onMessage = () => {};
  const messages = new Promise<void>((resolve) => (onMessage = resolve));
  const connection = new AppConnection(
    'flooding-bot',
    url,
    undefined,
    (message) => {
      received.push(message);
      onMessage();
    },
    () => {
      closeCount++;
      onClose();
    },
    { logger: recordingLogger(), maxMessageBytes: 16 * 1024 * 1024, maxUnreadBytes: 1024 * 1024 },
  );
  try {
    await connection.ready(5_000);
    connection.announce(self);
    const first = await Promise.race([closes.then(() => 'closed for unread answers'), messages.then(() => 'its last action was read')]);
    assert.equal(first, 'closed for unread answers');
    assert.equal(closeCount, 1, 'what waited on the connection fails once, when it is closed');

    const flooder = application.connections[0];
    assert.ok(flooder);
    flooder.socket.resume();
    assert.equal(await flooder.closeCode, 1008);
    flooder.socket.destroy();

    await connection.ready(5_000);
    connection.announce(self);
    application.connections[1]?.socket.write(sendMessage('on the new connection'));
    await messages;
    assert.deepEqual(
      received.map((message) => message.segments),
      [[{ type: 'text', data: { text: 'on the new connection' } }]],
    );
    assert.equal(closeCount, 1);
  } finally {
    connection.close();
    await application.stop();
  }
});
