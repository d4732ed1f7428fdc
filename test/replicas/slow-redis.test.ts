/**
 * A Redis that answers every command, only slowly (each chunk 140 ms late each way: under the
 * 500 ms command timeout, over half of it): it is not away, yet every request waiting on it pays
 * for it, so `/health` says `degraded` and names it under `slow`, and says `ok` again once it is
 * quick. `/ready` stays 200: replicas share their Redis, and draining one moves its traffic to
 * others that wait on the same Redis. Through a TcpProxy in front of the machine's Redis.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RedisConnections } from '../../src/store/redis-connections.js';
import { sendHealth } from '../../src/gateway/health.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { machineRedisPort, until } from './support/plugin-jobs.js';

let proxy: TcpProxy;
let connections: RedisConnections;
let server: Server;
let url: string;

before(async () => {
  proxy = await new TcpProxy(machineRedisPort).start();
  // Checked every 200 ms rather than the gateway's 2 s, so three slow round trips come quickly.
  connections = new RedisConnections(`redis://${proxy.url}`, { checkMs: 200 });
  await connections.ready(5_000);
  server = createServer((request, response) => sendHealth([connections.availability], request.url === '/ready', response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  proxy.set('pass');
  await connections.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await proxy.stop();
});

async function health(path = '/health'): Promise<{ status: number; body: { status: string; away?: unknown[]; slow?: Array<{ store: string; latencyMs: number }> } }> {
  const response = await fetch(`${url}${path}`);
  return { status: response.status, body: (await response.json()) as { status: string } };
}

test('a Redis slow for several checks is reported as degraded and slow, and as ok once quick again', { timeout: 30_000 }, async () => {
  assert.equal((await health()).body.status, 'ok');
  proxy.set('slow', 140);
  await until(async () => (await health()).body.slow !== undefined, 10_000, '/health names Redis as slow');
  const slow = await health();
  assert.equal(slow.status, 200);
  assert.equal(slow.body.status, 'degraded');
  assert.equal(slow.body.away, undefined, 'slow is not away');
  assert.equal(slow.body.slow?.[0]?.store, 'redis');
  assert.ok((slow.body.slow?.[0]?.latencyMs ?? 0) >= 250, JSON.stringify(slow.body));
  assert.equal((await health('/ready')).status, 200);

  proxy.set('pass');
  await until(async () => (await health()).body.status === 'ok', 10_000, '/health is ok once Redis is quick');
});
