/**
 * A key changed through one replica's admin API reaches the other replica at once over Redis,
 * rather than when its 5-second cached lookup runs out: new limits take effect there, and a key
 * revoked just before a PostgreSQL outage is refused there although that replica can no longer
 * read the database (it once went on serving it for the whole outage). Two gateways on the
 * machine's PostgreSQL (a database of the test's own; the second through a TCP proxy the test
 * resets) and Redis (a key prefix of the test's own).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream, type UpstreamReply } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../store/postgres-database.js';
import { machineRedisUrl, until } from './support/plugin-jobs.js';
import { TcpProxy } from './support/tcp-proxy.js';

const adminKey = 'admin-key-for-key-changes-0123456789';
const answer: UpstreamReply = { kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };
const keyPrefix = `key-changes-${randomUUID()}:`;

let upstream: TestUpstream;
let database: TestDatabase;
let proxy: TcpProxy;
let first: { gateway: Gateway; url: string };
let second: { gateway: Gateway; url: string };

async function startGateway(databaseUrl: string): Promise<{ gateway: Gateway; url: string }> {
  const gateway = createGateway(
    resolveConfig({
      providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      retry: { attempts: 0 },
      auth: { required: true },
      adminKey,
      database: { url: databaseUrl },
      redis: { url: machineRedisUrl, keyPrefix },
    }),
    { logger: silentLogger },
  );
  await gateway.openStore();
  const address = await gateway.listen(0, '127.0.0.1');
  return { gateway, url: `http://127.0.0.1:${address.port}` };
}

before(async () => {
  upstream = await new TestUpstream().start();
  upstream.answerUnqueuedWith(() => answer);
  database = await createTestDatabase();
  const direct = new URL(database.url);
  proxy = await new TcpProxy(Number(direct.port || 5432), direct.hostname).start();
  const proxied = new URL(database.url);
  proxied.port = String(proxy.port);
  first = await startGateway(database.url);
  second = await startGateway(proxied.toString());
});

after(async () => {
  await Promise.all([first.gateway.close(0), second.gateway.close(0)]);
  await proxy.stop();
  await upstream.stop();
  await database.drop();
  const cleaner = new Redis(machineRedisUrl);
  const keys = await cleaner.keys(`${keyPrefix}*`);
  if (keys.length > 0) await cleaner.del(...keys);
  await cleaner.quit();
});

async function admin(path: string, method: string, body?: unknown): Promise<{ status: number; body: { id: string; key: string } }> {
  const response = await fetch(`${first.url}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as { id: string; key: string } };
}

async function chatStatus(url: string, key: string): Promise<number> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Well under the 5 s a replica trusts a cached lookup: what arrives within it came by Redis. */
const soonMs = 2_500;

test('new limits set through one replica apply on the other at once', async () => {
  const created = await admin('/keys', 'POST', { name: 'narrowed' });
  assert.equal(created.status, 201);
  assert.equal(await chatStatus(second.url, created.body.key), 200, 'the second replica has looked the key up');
  assert.equal((await admin('/keys/narrowed', 'PATCH', { models: ['other-*'] })).status, 200);
  await until(async () => (await chatStatus(second.url, created.body.key)) === 403, soonMs, 'the second replica refuses the model the key no longer has');
});

test('a key revoked through one replica just before a PostgreSQL outage is refused by the other through the outage', async () => {
  const created = await admin('/keys', 'POST', { name: 'revoked-before-outage' });
  assert.equal(await chatStatus(second.url, created.body.key), 200);
  assert.equal((await admin(`/keys/${created.body.id}`, 'DELETE')).status, 200);
  proxy.set('reset');
  try {
    await until(async () => (await chatStatus(second.url, created.body.key)) === 401, soonMs, 'the second replica refuses the revoked key');
    assert.equal(await chatStatus(second.url, created.body.key), 401, 'and goes on refusing it');
  } finally {
    proxy.set('pass');
  }
});
