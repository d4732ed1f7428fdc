/**
 * A replica started while Redis is away has never seen the replica count; it counted itself
 * alone and took a whole limit while the others each took their share, so the replicas together
 * allowed more than the limit. It now starts from the count it kept at its last run. Redis is
 * the machine's, through a TcpProxy that simulates the outage, under a key of this test's own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { ReplicaCensus } from '../../src/limits/replica-census.js';
import { OutageTolerantLimiter } from '../../src/limits/outage-tolerant-limiter.js';
import { RedisLimiter } from '../../src/limits/redis-limiter.js';
import { RedisConnections } from '../../src/store/redis-connections.js';
import { machineRedisPort, machineRedisUrl, until } from './support/plugin-jobs.js';
import { TcpProxy } from './support/tcp-proxy.js';

const prefix = `interlingua-test-census-${randomUUID()}:`;
let proxy: TcpProxy;
let directory: string;
const connections: RedisConnections[] = [];

before(async () => {
  proxy = await new TcpProxy(machineRedisPort).start();
  directory = mkdtempSync(join(tmpdir(), 'interlingua-census-'));
});
after(async () => {
  proxy.set('pass');
  await Promise.all(connections.map((redis) => redis.close()));
  const redis = new Redis(machineRedisUrl);
  const names = await redis.keys(`${prefix}*`);
  if (names.length > 0) await redis.del(...names);
  redis.disconnect();
  await proxy.stop();
  rmSync(directory, { recursive: true, force: true });
});

function replica(file: string): { redis: RedisConnections; census: ReplicaCensus; limiter: OutageTolerantLimiter } {
  const redis = new RedisConnections(`redis://${proxy.url}`, { probeMs: 50 });
  connections.push(redis);
  const census = new ReplicaCensus(redis.commands, `${prefix}replicas`, 60_000, 180_000, join(directory, file));
  const limiter = new OutageTolerantLimiter(new RedisLimiter(redis.open({}), prefix), redis.availability, () => census.replicas, 'degrade');
  return { redis, census, limiter };
}

test('a replica started during a Redis outage takes its share of a limit, not all of it', { timeout: 30_000 }, async () => {
  const first = replica('first.replicas-seen');
  const second = replica('second.replicas-seen');
  await Promise.all([first.redis.ready(5_000), second.redis.ready(5_000)]);
  await first.census.beat();
  assert.equal(await second.census.beat(), 2);
  await first.census.beat();

  proxy.set('reset');
  await until(() => first.redis.availability.away, 5_000, 'Redis seen away');
  // The first replica restarts, its Redis still away.
  const restarted = replica('first.replicas-seen');
  await restarted.census.beat();
  assert.ok(restarted.census.replicas >= 2, `counts the replicas it last saw (${restarted.census.replicas})`);

  const rpm = 10;
  let allowed = 0;
  for (let request = 0; request < rpm; request++) if ((await restarted.limiter.admitRequest('key', rpm)).allowed) allowed++;
  for (let request = 0; request < rpm; request++) if ((await second.limiter.admitRequest('key', rpm)).allowed) allowed++;
  assert.ok(allowed <= rpm, `the two replicas together allowed ${allowed} of ${rpm}`);
});
