/**
 * A subscriber to /v1/realtime/events that floods small messages: each would be answered, keeping
 * the event loop busy for as long as the flood lasts. Past `realtimeMaxMessagesPerSecond` within a
 * second it is closed with 1008 and no longer read; another subscriber is answered as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPluginGateway } from './support/plugin-gateway.js';
import { EventSocket } from './support/event-socket.js';
import { recordingLogger } from '../support/recording-logger.js';
import { frame, rawUpgrade } from '../support/raw-websocket.js';
import { realtimeMaxMessagesPerSecond } from '../../src/plugins/realtime-events.js';

test('a subscriber sending more messages a second than it may is closed with 1008; another is still answered', { timeout: 30_000 }, async () => {
  const logger = recordingLogger();
  const setup = await startPluginGateway({ logger });
  try {
    const flooder = await rawUpgrade(Number(new URL(setup.gatewayUrl).port), '/v1/realtime/events?conversation=flood');
    // Small messages, so their answers stay far below the unread limit: only the rate can close it.
    const message = frame(0x1, Buffer.from('{"type":"hello"}'));
    flooder.socket.write(Buffer.concat(Array.from({ length: 3 * realtimeMaxMessagesPerSecond }, () => message)));
    assert.equal(await flooder.closeCode, 1008);
    flooder.socket.destroy();
    assert.ok(
      logger.lines.some((entry) => /messages a second/.test(entry.message)),
      JSON.stringify(logger.lines.map((entry) => entry.message)),
    );

    const other = await EventSocket.open(setup.gatewayUrl, 'calm');
    other.send({ type: 'hello' });
    assert.deepEqual(await other.next(), { type: 'error', message: 'Only {"type":"cancel","job":"…"} is understood.' });
    other.close();
  } finally {
    await setup.close();
  }
});
