/**
 * A forward-ws link notices a peer that is not really there and dials again, without hammering one
 * that is: a peer that takes the TCP connection and never answers the upgrade is given up on after
 * `handshakeTimeoutMs` (ws has no handshake timeout of its own,
 * https://github.com/websockets/ws/blob/master/doc/ws.md#new-websocketaddress-protocols-options);
 * an open link that stops answering pings is cut (the ws README's heartbeat,
 * https://github.com/websockets/ws#how-to-detect-and-close-broken-connections); and a peer that
 * accepts and closes at once is dialled again after a growing, jittered delay
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), which starts
 * over only once a link stayed up `stableAfterMs`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { WebSocketServer } from 'ws';
import { ForwardWsClient, type ForwardWsSettings } from '../../src/onebot/links/forward-ws-client.js';
import { withJitter } from '../../src/onebot/links/jitter.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { RawWebSocketServer } from '../support/raw-websocket.js';
import { within } from '../support/within.js';

function client(t: { after(fn: () => unknown): void }, url: string, settings: Partial<ForwardWsSettings>): ForwardWsClient {
  const forward = new ForwardWsClient({ url, reconnect: { initialDelayMs: 10, maxDelayMs: 40 }, actionTimeoutMs: 1_000, maxMessageBytes: 1024 * 1024, ...settings }, () => {}, silentLogger);
  t.after(() => forward.close());
  forward.start();
  return forward;
}

/** Resolves once `count()` reaches `target`, checking every few milliseconds; fails naming `what` after `ms`. */
async function until(count: () => number, target: number, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (count() < target) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms (${count()} of ${target})`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('a peer that accepts TCP but never answers the handshake is given up on and dialled again', { timeout: 10_000 }, async (t) => {
  const sockets: Socket[] = [];
  const blackhole = createServer((socket) => {
    socket.on('error', () => {});
    sockets.push(socket);
  });
  blackhole.listen(0, '127.0.0.1');
  await once(blackhole, 'listening');
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    blackhole.close();
  });
  client(t, `ws://127.0.0.1:${(blackhole.address() as AddressInfo).port}`, { handshakeTimeoutMs: 50 });
  await until(() => sockets.length, 3, 3_000, 'two more dials after handshakes that timed out');
});

test('an open link whose peer stops answering pings is cut and dialled again', { timeout: 10_000 }, async (t) => {
  // A hand-written server: it completes the upgrade and then answers nothing, pings included.
  const mute = new RawWebSocketServer(() => {});
  const url = await mute.start();
  t.after(() => mute.stop());
  client(t, url, { pingIntervalMs: 30 });
  await within(mute.waitForConnections(1), 3_000, 'the first connection');
  await within(mute.connections[0]?.closed ?? Promise.resolve(), 3_000, 'the silent link cut');
  await within(mute.waitForConnections(2), 3_000, 'the link dialled again');
});

test('a peer that accepts and closes at once is dialled again after a growing delay, not every few milliseconds', { timeout: 10_000 }, async (t) => {
  const arrivals: number[] = [];
  const closing = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  closing.on('connection', (socket) => {
    arrivals.push(Date.now());
    socket.close();
  });
  await once(closing, 'listening');
  t.after(() => new Promise((resolve) => closing.close(resolve)));
  client(t, `ws://127.0.0.1:${(closing.address() as AddressInfo).port}`, { reconnect: { initialDelayMs: 20, maxDelayMs: 320 }, stableAfterMs: 10_000 });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  // Delays (each at least half its step): 20, 40, 80, 160, 320, 320…: some 8 dials in 1.5 s.
  // Reset at every open, it was dialled every 10 to 20 ms: some 60.
  assert.ok(arrivals.length <= 12, `${arrivals.length} dials in 1.5 s`);
  const gaps = arrivals.slice(1).map((at, index) => at - (arrivals[index] ?? at));
  assert.ok((gaps.at(-1) ?? 0) >= 160, `the last gap ${gaps.at(-1)} ms is at least half the largest delay (gaps ${gaps.join(', ')})`);
});

test('a link that stayed up stableAfterMs starts the delays over', { timeout: 10_000 }, async (t) => {
  const arrivals: number[] = [];
  const peer = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  peer.on('connection', (socket) => {
    arrivals.push(Date.now());
    // The first five close at once (the delay grows to its cap); the sixth stays up long enough, then closes.
    setTimeout(() => socket.close(), arrivals.length === 6 ? 200 : 0);
  });
  await once(peer, 'listening');
  t.after(() => new Promise((resolve) => peer.close(resolve)));
  client(t, `ws://127.0.0.1:${(peer.address() as AddressInfo).port}`, { reconnect: { initialDelayMs: 20, maxDelayMs: 640 }, stableAfterMs: 100 });
  await until(() => arrivals.length, 7, 8_000, 'the seventh dial');
  const afterStable = (arrivals[6] ?? 0) - (arrivals[5] ?? 0) - 200;
  // The sixth link stayed up 200 ms (> stableAfterMs), so the next delay is the first one again (10 to 20 ms), not 320 to 640.
  assert.ok(afterStable < 150, `dialled again ${afterStable} ms after the stable link closed`);
});

test('the jittered delay lies in the upper half of the backoff', () => {
  assert.equal(withJitter(1_000, () => 0), 500);
  assert.equal(withJitter(1_000, () => 0.999_999), 1_000);
  for (let index = 0; index < 100; index++) {
    const delay = withJitter(640);
    assert.ok(delay >= 320 && delay <= 640, String(delay));
  }
});
