/**
 * A gateway started while Redis is away: a realtime subscription is refused with a 503
 * (`store_unavailable`, retry shortly) while Redis is away, and succeeds once it is back. The
 * subscription to Redis pub/sub once inherited the 500 ms command timeout, failed, and its
 * failure was kept: every subscription got a 500 for the rest of the process's life. Through a
 * TcpProxy in front of the machine's Redis, under a key prefix of this run's own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { startPluginGateway, type PluginGateway } from '../plugins/support/plugin-gateway.js';
import { EventSocket } from '../plugins/support/event-socket.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { healthOf, machineRedisPort, PublishedResults, startPingJob, until } from './support/plugin-jobs.js';

const prefix = `interlingua-test-at-start-${randomUUID()}`;
let proxy: TcpProxy;
let gateway: PluginGateway;

before(async () => {
  proxy = await new TcpProxy(machineRedisPort).start();
  proxy.set('reset');
  gateway = await startPluginGateway({ redis: { url: `redis://${proxy.url}`, keyPrefix: prefix } });
});
after(async () => {
  proxy.set('pass');
  await gateway.close();
  await (await PublishedResults.on(prefix)).close(prefix);
  await proxy.stop();
});

/** The status, `retry-after` and body of a refused upgrade. */
function refusal(url: string): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'], body }));
    });
    socket.on('open', () => reject(new Error('the upgrade was accepted')));
    socket.on('error', () => {});
  });
}

test('with Redis away since the start, subscriptions get a 503 to retry, and succeed once Redis is back', { timeout: 30_000 }, async () => {
  const url = `${gateway.gatewayUrl.replace(/^http/, 'ws')}/v1/realtime/events?conversation=at-start`;
  const refused = await refusal(url);
  assert.equal(refused.status, 503, refused.body);
  assert.equal(refused.retryAfter, '1');
  assert.equal((JSON.parse(refused.body) as { error: { code: string } }).error.code, 'store_unavailable');

  proxy.set('pass');
  await until(async () => (await healthOf(gateway.gatewayUrl)).status === 'ok', 10_000, 'Redis is seen again');
  const events = await EventSocket.open(gateway.gatewayUrl, 'at-start');
  // And the subscription works: a job started now reaches it.
  await startPingJob(gateway.gatewayUrl, gateway.upstream, 'at-start');
  assert.equal((await events.next())['type'], 'plugin.result');
  events.close();
});
