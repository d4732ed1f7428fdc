/**
 * A key revoked (or changed) through one replica while Redis is away: its publish fails, and it
 * was only logged, so other replicas went on serving the revoked key from their caches (and, with
 * the database away too, until it returned). The change now waits on the replica and is published
 * once Redis is back. Through a TcpProxy in front of the machine's Redis; the other replicas are
 * stood for by a subscriber straight to Redis, on a key prefix of this run's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisConnections } from '../../src/store/redis-connections.js';
import { keyChangeChannel, shareKeyChanges } from '../../src/keys/key-change-feed.js';
import type { GatewayKey } from '../../src/keys/gateway-key.js';
import type { KeyChangeListener } from '../../src/keys/key-records.js';
import { TcpProxy } from '../replicas/support/tcp-proxy.js';
import { machineRedisPort, machineRedisUrl, until } from '../replicas/support/plugin-jobs.js';

test('a key change made while Redis is away is published once Redis is back', { timeout: 30_000 }, async (t) => {
  const keyPrefix = `interlingua-test-fix-outage-${randomUUID()}:`;
  const proxy = await new TcpProxy(machineRedisPort).start();
  const connections = new RedisConnections(`redis://${proxy.url}`, { probeMs: 100 });
  const otherReplica = new Redis(machineRedisUrl);
  t.after(async () => {
    proxy.set('pass');
    await otherReplica.quit();
    await connections.close();
    await proxy.stop();
  });
  const heard: Array<{ hash: string; key: GatewayKey }> = [];
  otherReplica.on('message', (_channel: string, text: string) => heard.push(JSON.parse(text) as { hash: string; key: GatewayKey }));
  await otherReplica.subscribe(keyChangeChannel(keyPrefix));
  const listeners: KeyChangeListener[] = [];
  const applied: string[] = [];
  const warnings: string[] = [];
  shareKeyChanges({ onChange: (listener) => void listeners.push(listener) }, { apply: (hash) => void applied.push(hash) }, { connections, keyPrefix }, { warn: (message) => void warnings.push(message) });
  await connections.ready(5_000);

  proxy.set('reset');
  await until(() => connections.availability.away, 10_000, 'the outage is seen');
  const hash = 'a'.repeat(64);
  const limited: GatewayKey = { id: 'key-1', name: 'revoked-in-outage', prefix: 'il-abc', metadata: {}, createdAt: 1, rpm: 5 };
  const key: GatewayKey = { ...limited, revokedAt: 2 };
  for (const listener of listeners) listener(hash, limited);
  for (const listener of listeners) listener(hash, key);
  assert.deepEqual(applied, [hash, hash], 'applied here at once');
  await until(() => warnings.length > 0, 5_000, 'the failed publish is told');

  proxy.set('pass');
  await until(() => heard.length > 0, 15_000, 'the change is published when Redis is back');
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(heard, [{ hash, key }], 'only the latest change of the key, once');
});
