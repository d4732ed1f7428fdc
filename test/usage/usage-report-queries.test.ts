import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, type Store } from '../../src/store/open-store.js';
import { toRow } from '../../src/usage/usage-row.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import { queryUsage, queryUsagePage } from '../../src/usage/usage-query.js';
import { usageSeries, usageTotals } from '../../src/usage/usage-series.js';
import { queryUsageSeries, queryUsageTotals } from '../../src/usage/usage-series-query.js';
import { exportUsageCsv } from '../../src/usage/usage-csv-export.js';
import { queryUsageLog, usageCsv } from '../../src/usage/usage-log.js';
import { LatencyHistogram } from '../../src/usage/latency-histogram.js';
import { createTestDatabase } from '../store/postgres-database.js';

/**
 * The reports the database adds up (overview, pages of /admin/usage, the CSV export) against the
 * same figures computed from every record, on SQLite and on PostgreSQL.
 */
const start = Date.UTC(2026, 10, 1);
const records: UsageRecord[] = Array.from({ length: 61 }, (_, index) => ({
  id: `r${String(index).padStart(3, '0')}`,
  // Three records share each time, so pages meet on equal times.
  createdAt: start + Math.floor(index / 3) * 60_000,
  keyName: `k${index % 2}`,
  model: index % 3 === 0 ? 'gpt-4o' : 'claude',
  ...(index % 4 === 0 ? {} : { deployment: index % 2 === 0 ? 'oa/gpt-4o' : 'an/claude' }),
  caller: 'openai-chat',
  stream: false,
  status: index % 9 === 0 ? 502 : 200,
  ...(index % 11 === 0 ? { errorCode: 'stream_interrupted' } : {}),
  inputTokens: 100 + index,
  outputTokens: 7 * index,
  cachedTokens: 0,
  reasoningTokens: 0,
  cost: index % 5 === 0 ? null : 0.0001 * index,
  latencyMs: 40 + ((index * 37) % 950),
}));

async function withStores(check: (store: Store) => Promise<void>): Promise<void> {
  const sqlite = await openStore({ kind: 'sqlite', path: ':memory:' });
  const database = await createTestDatabase();
  const postgres = await openStore({ kind: 'postgres', url: database.url });
  try {
    for (const store of [sqlite, postgres]) {
      await store.db.insertInto('usage_records').values(records.map(toRow)).execute();
      await check(store);
    }
  } finally {
    await sqlite.close();
    await postgres.close();
    await database.drop();
  }
}

test('the overview from the database equals the one added up from every record', async () => {
  await withStores(async (store) => {
    const since = start - 30_000;
    const fromRecords = usageSeries(records, since, 7 * 60_000, 4);
    const fromDatabase = await queryUsageSeries(store, since, 7 * 60_000, 4);
    assert.ok(Math.abs(fromDatabase.totals.cost - fromRecords.totals.cost) < 1e-9, store.kind);
    const withoutCost = <T extends { cost: unknown }>(value: T) => ({ ...value, cost: 0 });
    assert.deepEqual(withoutCost(fromDatabase.totals), withoutCost(fromRecords.totals), store.kind);
    assert.ok(fromRecords.totals.p95LatencyMs !== null);
    const roundedCosts = (groups: typeof fromRecords.byModel) => groups.map((group) => ({ ...group, cost: group.cost.map((value) => Math.round(value * 1e9)) }));
    assert.deepEqual(roundedCosts(fromDatabase.byModel), roundedCosts(fromRecords.byModel), store.kind);
    assert.deepEqual(roundedCosts(fromDatabase.byDeployment), roundedCosts(fromRecords.byDeployment), store.kind);
    assert.deepEqual(fromDatabase.starts, fromRecords.starts);
    const previous = await queryUsageTotals(store, start, start + 10 * 60_000);
    const expected = usageTotals(records, start, start + 10 * 60_000);
    assert.deepEqual({ ...previous, cost: Math.round(previous.cost * 1e9) }, { ...expected, cost: Math.round(expected.cost * 1e9) }, store.kind);
  });
});

test('pages of /admin/usage, walked with after, hold every record once, oldest first', async () => {
  await withStores(async (store) => {
    const all = await queryUsage(store, { keyName: 'k1' });
    const walked: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await queryUsagePage(store, { keyName: 'k1' }, after, 4);
      assert.ok(page !== undefined);
      walked.push(...page.records.map((record) => record.id));
      if (!page.hasMore) break;
      after = page.records.at(-1)?.id;
    }
    assert.deepEqual(walked, all.map((record) => record.id), store.kind);
    assert.equal(await queryUsagePage(store, {}, 'missing', 4), undefined);
  });
});

test('the CSV export read three rows a page equals the log read at once', async () => {
  await withStores(async (store) => {
    for (const filter of [{ limit: Number.MAX_SAFE_INTEGER, offset: 0 }, { limit: 10, offset: 5, status: 'error' as const }, { limit: Number.MAX_SAFE_INTEGER, offset: 0, deployment: 'oa/gpt-4o' }]) {
      let text = '';
      const written = await exportUsageCsv(store, filter, async (chunk) => void (text += chunk), 3);
      const whole = await queryUsageLog(store, filter);
      assert.equal(text, usageCsv(whole.records), `${store.kind} ${JSON.stringify(filter)}`);
      assert.equal(written, whole.records.length);
    }
  });
});

test('the latency histogram is exact under a second and within 1% above', () => {
  const histogram = new LatencyHistogram();
  for (const [bin, count] of [[120, 50], [999, 45], [12_300, 5]] as const) histogram.add(bin, count);
  assert.equal(histogram.percentile(0.95), 999);
  assert.equal(histogram.percentile(0.96), 12_300);
  assert.equal(new LatencyHistogram().percentile(0.95), null);
});
