/**
 * Redis behind a half-open connection: the connections a gateway holds stay open but carry
 * nothing any more (a failover behind a virtual IP, a dropped NAT entry), while new connections
 * reach Redis. ioredis's command timeout rejects a command and keeps the socket, so every
 * connection, BullMQ's queue and worker included, has to be dropped and dialled again: the
 * gateway must find Redis again by itself, and an async plugin job started during the fault must
 * still be queued, run and published. Through a TcpProxy in front of the machine's Redis, under a
 * key prefix of this run's own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startPluginGateway, type PluginGateway } from '../plugins/support/plugin-gateway.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { healthOf, machineRedisPort, PublishedResults, startPingJob, until } from './support/plugin-jobs.js';

const prefix = `interlingua-test-halfopen-${randomUUID()}`;
let proxy: TcpProxy;
let gateway: PluginGateway;
let results: PublishedResults;

before(async () => {
  proxy = await new TcpProxy(machineRedisPort).start();
  results = await PublishedResults.on(prefix);
  gateway = await startPluginGateway({ redis: { url: `redis://${proxy.url}`, keyPrefix: prefix } });
});
after(async () => {
  proxy.set('pass');
  await gateway.close();
  await results.close(prefix);
  await proxy.stop();
});

test('every Redis connection, BullMQ\'s included, is dialled again after a half-open fault, and jobs run again', { timeout: 60_000 }, async () => {
  // Before the fault: a job runs, so the queue's and the worker's connections are open and in use.
  const warm = await startPingJob(gateway.gatewayUrl, gateway.upstream, 'half-open');
  assert.match(String((await results.result(warm, 10_000))['text']), /^PING example\.net/);

  proxy.set('halfopen');
  // Started on dead connections: answered at once (it waits in the replica), not held.
  const during = await startPingJob(gateway.gatewayUrl, gateway.upstream, 'half-open', 10_000);
  const published = await results.result(during, 30_000);
  assert.equal(published['ok'], true, 'the job started during the fault ran once Redis was found again');
  await until(async () => (await healthOf(gateway.gatewayUrl)).status === 'ok', 15_000, 'health is ok again');

  // And the gateway keeps working on its new connections: another job runs without delay.
  const later = await startPingJob(gateway.gatewayUrl, gateway.upstream, 'half-open');
  assert.equal((await results.result(later, 15_000))['ok'], true);
});
