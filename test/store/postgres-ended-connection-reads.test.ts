/**
 * Reads the request path and the admin API make on PostgreSQL, handed a connection the server
 * had ended before the gateway heard of it (`pg_terminate_backend` by an operator, a pooler or a
 * failover tool, on a server that stays up): each is read again on another connection rather
 * than answered with a 503 (connection-loss-retry.ts). Writes are not tried again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { UpstreamReply } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';
import { gatewayOverPostgres } from './postgres-gateway.js';
import { endConnectionsUnheard } from './end-connections.js';

const chatAnswer: UpstreamReply = { kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };

const setup = gatewayOverPostgres(chatAnswer);

/**
 * Every connection the pool holds ended: the usage records written first, so that each is idle,
 * and a few connections opened, so that there are some whatever the test before left behind.
 */
async function endAll(): Promise<void> {
  await setup.gateway.services.usage.flush();
  const { db } = await setup.gateway.services.store.get();
  await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.01)`.execute(db)));
  endConnectionsUnheard(setup.databaseName);
}

test('a budgeted key is admitted on a connection the server had already ended', async () => {
  const { services } = setup.gateway;
  const { record } = await services.keys.create({ name: 'budgeted', budget: { usd: 100, period: 'month' } });
  await endAll();
  // The first request of a budget period reads what the key spent in it from the usage records.
  await services.access.admit(record, 'chat');
  assert.equal(services.store.availability.away, false);
});

test('whether any key exists (an open gateway) is read on a connection the server had already ended', async () => {
  await endAll();
  assert.equal(await setup.gateway.services.keys.any(), true);
});

test('keys are listed (the admin API, the console) on a connection the server had already ended', async () => {
  await endAll();
  assert.ok((await setup.gateway.services.keys.list()).some((key) => key.name === 'budgeted'));
});

// A change reads first (is the name taken, which key is named), and writes on the connection that read succeeded on.
test('a key is created on a connection the server had already ended', async () => {
  await endAll();
  assert.equal((await setup.gateway.services.keys.create({ name: 'made-after-an-end' })).record.name, 'made-after-an-end');
});

test("a key's limits are changed on a connection the server had already ended", async () => {
  await endAll();
  assert.equal((await setup.gateway.services.keys.update('budgeted', { rpm: 5 }))?.rpm, 5);
});

test('a key is revoked on a connection the server had already ended', async () => {
  await endAll();
  assert.notEqual((await setup.gateway.services.keys.revoke('budgeted'))?.revokedAt, undefined);
  assert.equal(setup.gateway.services.store.availability.away, false);
});
