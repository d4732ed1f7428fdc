/**
 * A realtime subscriber is pinged every `server.realtimePingIntervalMs`; one that did not answer
 * the previous ping (a peer gone without a FIN, or one that never reads) is terminated, so it
 * gives back its connection. A subscriber that answers (ws and browsers pong by themselves,
 * RFC 6455 §5.5.2) stays. The pattern is the ws README's "How to detect and close broken
 * connections?": https://github.com/websockets/ws#how-to-detect-and-close-broken-connections
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { recordingLogger } from '../support/recording-logger.js';
import { rawUpgrade } from '../support/raw-websocket.js';
import { EventSocket } from './support/event-socket.js';

const pingIntervalMs = 50;

test('a subscriber that never answers a ping is terminated; one that answers stays', { timeout: 10_000 }, async (t) => {
  const logger = recordingLogger();
  const gateway = createGateway(resolveConfig({ server: { realtimePingIntervalMs: pingIntervalMs }, providers: {} }), { logger });
  const { port } = await gateway.listen(0, '127.0.0.1');
  t.after(() => gateway.close(0));

  const answering = await EventSocket.open(`http://127.0.0.1:${port}`, 'answers');
  t.after(() => answering.close());
  // A hand-written client: it reads frames but answers none, pings included.
  const silent = await rawUpgrade(port, '/v1/realtime/events?conversation=silent');
  t.after(() => silent.socket.destroy());
  const pings: number[] = [];
  silent.socket.on('data', (chunk: Buffer) => {
    // Server frames are unmasked; a ping is opcode 0x9 (RFC 6455 §5.5.2).
    for (let index = 0; index < chunk.length; index++) if (chunk[index] === 0x89) pings.push(index);
  });

  const started = Date.now();
  await silent.closed;
  const elapsed = Date.now() - started;
  assert.ok(pings.length >= 1, 'it was pinged before being cut');
  // Cut at the first tick after its unanswered ping: two intervals, give or take the timers.
  assert.ok(elapsed < 40 * pingIntervalMs, `terminated after ${elapsed} ms`);
  assert.ok(logger.lines.some((line) => /did not answer a ping/.test(line.message)), JSON.stringify(logger.lines.map((line) => line.message)));

  // The answering one has been pinged many times meanwhile and is still subscribed.
  await new Promise((resolve) => setTimeout(resolve, 5 * pingIntervalMs));
  answering.send({ type: 'hello' });
  assert.deepEqual(await answering.next(), { type: 'error', message: 'Only {"type":"cancel","job":"…"} is understood.' });
});
