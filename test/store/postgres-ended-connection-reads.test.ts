/**
 * Reads the request path and the admin API make on PostgreSQL, handed a connection the server
 * had ended before the gateway heard of it (`pg_terminate_backend` by an operator, a pooler or a
 * failover tool, on a server that stays up): each is read again on another connection rather
 * than answered with a 503 (connection-loss-retry.ts). So is the usage writer's batch, which stores
 * a record once however often it is sent; the other writes are in postgres-ended-connection-writes.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { UpstreamReply } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';
import { gatewayOverPostgres } from './postgres-gateway.js';
import { endConnectionsUnheard } from './end-connections.js';
import type { Store } from '../../src/store/open-store.js';
import { queryUsage, queryUsagePage, usageTotals } from '../../src/usage/usage-query.js';
import { queryUsageLog, usageLogPage } from '../../src/usage/usage-log.js';
import { queryUsageSeries } from '../../src/usage/usage-series-query.js';
import { queryDeploymentStats } from '../../src/usage/deployment-stats-query.js';
import { spendByKey } from '../../src/usage/key-spend.js';

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

// A change reads first (is the name taken, which key is named): here it is the read that meets the end.
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

/** Each usage report the admin API, the console and the CLI read, by where it is asked for. */
const usageReports: Array<[string, (store: Store, firstId: string) => Promise<unknown>]> = [
  ['GET /admin/usage?limit=', (store) => queryUsage(store, { last: 10 })],
  ['GET /admin/usage?after=', (store, firstId) => queryUsagePage(store, {}, firstId, 10)],
  ['GET /admin/usage/log', (store) => queryUsageLog(store, { limit: 10, offset: 0 })],
  ['GET /admin/usage/export.csv', (store) => usageLogPage(store, { limit: 10, offset: 0 }, undefined, 10)],
  ['GET /admin/overview', (store) => queryUsageSeries(store, 0, Date.now() + 1000, 1)],
  ['GET /admin/deployments/stats', (store) => queryDeploymentStats(store, 0)],
  ['GET /admin/keys/spend', (store) => spendByKey(store)],
  ['interlingua usage --totals', (store) => usageTotals(store, {})],
];

for (const [where, report] of usageReports) {
  test(`${where}: its usage report is read on a connection the server had already ended`, async () => {
    const { services } = setup.gateway;
    const store = await services.store.get();
    let first = (await queryUsage(store, { last: 1 }))[0];
    if (first === undefined) {
      const { key } = await services.keys.create({ name: 'reported' });
      const answer = await fetch(`${setup.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Count this.' }] }) });
      assert.equal(answer.status, 200, await answer.text());
      await services.usage.flush();
      first = (await queryUsage(store, { last: 1 }))[0];
    }
    assert.ok(first !== undefined, 'a usage record to report');
    await endAll();
    await report(store, first.id);
    assert.equal(services.store.availability.away, false);
  });
}

test('a batch of usage records is written on a connection the server had already ended', async () => {
  const { usage, store } = setup.gateway.services;
  await endAll();
  const id = `usage_after_an_end_${Date.now()}`;
  usage.record({ id, createdAt: Date.now(), model: 'chat', caller: 'openai-chat', stream: false, status: 200, inputTokens: 1, outputTokens: 1, cachedTokens: 0, reasoningTokens: 0, cost: null, latencyMs: 1 });
  await usage.flush();
  assert.deepEqual(usage.waiting, { buffered: 0, spilled: 0 }, 'the batch was written, not left queued');
  assert.equal((await queryUsage(await store.get(), {})).filter((record) => record.id === id).length, 1);
});
