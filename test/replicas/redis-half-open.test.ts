/**
 * Redis behind a half-open connection: the connections a gateway holds stay open but carry
 * nothing any more (a failover behind a virtual IP, a dropped NAT entry), while new connections
 * reach Redis. ioredis's command timeout rejects a command and keeps the socket, so the gateway's
 * own connections have to be dropped and dialled again: the gateway must find Redis again by
 * itself rather than stay degraded for good. (BullMQ's queue and worker make their own
 * connections: src/plugins/jobs/bullmq-job-queue.ts.) Through a TcpProxy in front of the
 * machine's Redis, under a key prefix of this run's own.
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

test("the gateway's Redis connections are dialled again after a half-open fault, and Redis counts as back", { timeout: 60_000 }, async () => {
  // Before the fault: a job runs, so the connections are open and in use.
  const warm = await startPingJob(gateway.gatewayUrl, gateway.upstream, 'half-open');
  assert.match(String((await results.result(warm, 10_000))['text']), /^PING example\.net/);

  proxy.set('halfopen');
  await until(async () => (await healthOf(gateway.gatewayUrl)).status === 'degraded', 15_000, 'the dead connections are noticed');
  // The proxy still carries nothing on the old connections: only connections dialled anew answer.
  await until(async () => (await healthOf(gateway.gatewayUrl)).status === 'ok', 15_000, 'health is ok again on new connections');
});
