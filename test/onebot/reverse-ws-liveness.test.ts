/**
 * A reverse-ws link (the implementation dialled the gateway) whose implementation stops answering
 * pings is closed, as forward-ws links and realtime sockets are (src/net/websocket-heartbeat.ts):
 * one gone without a FIN kept its link, and actions sent to it waited out their timeout and were lost.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { ReverseWsEndpoint } from '../../src/onebot/links/reverse-ws-endpoint.js';
import { silentLogger } from '../../src/gateway/logger.js';

async function endpointServer(t: { after(fn: () => unknown): void }, pingIntervalMs: number): Promise<string> {
  const endpoint = new ReverseWsEndpoint({ path: '/onebot', actionTimeoutMs: 1_000, maxMessageBytes: 1024 * 1024, pingIntervalMs }, () => {}, silentLogger);
  const server = createServer();
  server.on('upgrade', (request, socket, head) => void endpoint.handleUpgrade(request, socket, head));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => {
    endpoint.close();
    server.close();
  });
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/onebot`;
}

test('a reverse-ws implementation that leaves pings unanswered is closed', { timeout: 10_000 }, async (t) => {
  const url = await endpointServer(t, 30);
  const silent = new WebSocket(url, '12.test', { autoPong: false });
  t.after(() => silent.terminate());
  let pings = 0;
  silent.on('ping', () => pings++);
  const closed = once(silent, 'close').then(() => 'closed');
  const bound = new Promise((resolve) => setTimeout(resolve, 5_000, 'still open')).then((value) => value);
  assert.equal(await Promise.race([closed, bound]), 'closed');
  assert.ok(pings >= 1, 'it was pinged first');
});

test('one that answers them stays open', { timeout: 10_000 }, async (t) => {
  const url = await endpointServer(t, 30);
  const alive = new WebSocket(url, '12.test');
  t.after(() => alive.terminate());
  let pings = 0;
  alive.on('ping', () => pings++);
  await once(alive, 'open');
  while (pings < 5) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(alive.readyState, WebSocket.OPEN);
});
