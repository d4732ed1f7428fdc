/**
 * Reports read the usage records in slices of a bounded count of records (usage-series-query.ts
 * `forEachSlice`), with a turn of the event loop between them: a window that starts long before
 * its records is not read in one slice once they begin, and the slices together read every record
 * once, where several share a millisecond too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openStore, type Store } from '../../src/store/open-store.js';
import { toRow } from '../../src/usage/usage-row.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import { usageSeries } from '../../src/usage/usage-series.js';
import { forEachSlice, queryUsageSeries } from '../../src/usage/usage-series-query.js';
import { createTestDatabase } from '../store/postgres-database.js';

const day = 86_400_000;
const start = Date.UTC(2026, 10, 1);
/** A month's window whose records begin twenty days in: three a second, sharing their millisecond. */
function records(count: number): UsageRecord[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `r${String(index).padStart(6, '0')}`,
    createdAt: start + 20 * day + Math.floor(index / 3) * 1000,
    model: index % 2 === 0 ? 'gpt-4o' : 'claude',
    deployment: index % 2 === 0 ? 'oa/gpt-4o' : 'an/claude',
    caller: 'openai-chat',
    stream: false,
    status: index % 7 === 0 ? 502 : 200,
    inputTokens: 10,
    outputTokens: index % 13,
    cachedTokens: 0,
    reasoningTokens: 0,
    cost: null,
    latencyMs: 40 + (index % 900),
  }));
}

async function insert(store: Store, all: readonly UsageRecord[]): Promise<void> {
  for (let index = 0; index < all.length; index += 500) await store.db.insertInto('usage_records').values(all.slice(index, index + 500).map(toRow)).execute();
}

async function slicesOf(store: Store, end: number): Promise<Array<{ from: number; until: number; records: number }>> {
  const slices: Array<{ from: number; until: number; records: number }> = [];
  await forEachSlice(store, start, end, async (from, until) => {
    const counted = await sql<{ records: number | string }>`select count(*) as records from usage_records where created_at >= ${from} and created_at < ${until}`.execute(store.db);
    slices.push({ from, until, records: Number(counted.rows[0]?.records) });
  });
  return slices;
}

function checkSlices(slices: ReadonlyArray<{ from: number; until: number; records: number }>, end: number, total: number, kind: string): void {
  assert.equal(slices[0]?.from, start, kind);
  assert.equal(slices.at(-1)?.until, end, kind);
  for (let index = 1; index < slices.length; index++) assert.equal(slices[index]?.from, slices[index - 1]?.until, `${kind}: slices follow each other`);
  assert.equal(
    slices.reduce((sum, slice) => sum + slice.records, 0),
    total,
    `${kind}: every record read once`,
  );
  const first = slices.find((slice) => slice.records > 0);
  assert.ok(first !== undefined && first.records <= 2_000, `${kind}: the first slice with records read ${first?.records}`);
}

test('SQLite: the twenty empty days pass in one slice, and the records are read a bounded count at a time', async () => {
  const store = await openStore({ kind: 'sqlite', path: ':memory:' });
  try {
    const all = records(9_000);
    await insert(store, all);
    const end = start + 30 * day;
    const slices = await slicesOf(store, end);
    checkSlices(slices, end, all.length, 'sqlite');
    assert.ok(slices[0]!.until >= start + 20 * day, 'the empty stretch is one slice');
    // The overview over those slices equals the one added up from every record.
    const fromRecords = usageSeries(all, start, 3 * day, 10);
    const fromDatabase = await queryUsageSeries(store, start, 3 * day, 10);
    assert.deepEqual(fromDatabase.totals, fromRecords.totals);
    assert.deepEqual(fromDatabase.byModel, fromRecords.byModel);
  } finally {
    await store.close();
  }
});

test('PostgreSQL: the same slices', async () => {
  const database = await createTestDatabase();
  const store = await openStore({ kind: 'postgres', url: database.url });
  try {
    const all = records(5_000);
    await insert(store, all);
    const end = start + 30 * day;
    checkSlices(await slicesOf(store, end), end, all.length, 'postgres');
  } finally {
    await store.close();
    await database.drop();
  }
});
