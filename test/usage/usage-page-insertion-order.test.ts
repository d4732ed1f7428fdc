/**
 * `GET /admin/usage?after=` on SQLite pages records in the order they were stored, not by request
 * time: a record the writer stores late (after an outage, carrying its request's earlier time)
 * comes on the next page of a reader that had already gone past that time. On PostgreSQL pages go
 * by time, so such a record is found by reading its span again with `since`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, type Store } from '../../src/store/open-store.js';
import { queryUsagePage, type UsageFilter } from '../../src/usage/usage-query.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { createTestDatabase } from '../store/postgres-database.js';

const start = Date.UTC(2026, 4, 1, 12);

function usageRecord(id: string, createdAt: number, keyName = 'exporter'): UsageRecord {
  return { id, createdAt, keyName, model: 'gpt-4o', caller: 'openai-chat', stream: false, status: 200, inputTokens: 10, outputTokens: 2, cachedTokens: 0, reasoningTokens: 0, cost: 0.001, latencyMs: 90 };
}

/** Stores records as the gateway does: a batch through the usage writer. */
async function store(target: Store, records: UsageRecord[]): Promise<void> {
  const writer = new UsageWriter(async () => target, silentLogger, { intervalMs: 60_000 });
  for (const record of records) writer.record(record);
  await writer.close();
}

async function ids(target: Store, filter: UsageFilter, after: string | undefined, limit = 100): Promise<{ ids: string[]; hasMore: boolean }> {
  const page = await queryUsagePage(target, filter, after, limit);
  assert.ok(page !== undefined, `a record has the id ${after}`);
  return { ids: page.records.map((record) => record.id), hasMore: page.hasMore };
}

const before = [usageRecord('r1', start), usageRecord('r2', start + 60_000), usageRecord('other', start + 90_000, 'someone-else'), usageRecord('r3', start + 120_000)];
// Their requests came before r1's; the batch that holds them lands after r3 was read.
const late = [usageRecord('late', start - 30_000), usageRecord('late-other', start - 20_000, 'someone-else')];

test('on SQLite a record stored late with an earlier time comes after the last record read, with and without a key filter', async () => {
  const target = await openStore({ kind: 'sqlite', path: ':memory:' });
  try {
    await store(target, before);
    assert.deepEqual(await ids(target, {}, undefined), { ids: ['r1', 'r2', 'other', 'r3'], hasMore: false });
    assert.deepEqual(await ids(target, { keyName: 'exporter' }, undefined), { ids: ['r1', 'r2', 'r3'], hasMore: false });

    await store(target, late);
    assert.deepEqual(await ids(target, {}, 'r3'), { ids: ['late', 'late-other'], hasMore: false });
    assert.deepEqual(await ids(target, { keyName: 'exporter' }, 'r3'), { ids: ['late'], hasMore: false });
    assert.deepEqual(await ids(target, { keyName: 'exporter' }, 'late'), { ids: [], hasMore: false });

    // Walked a page of one at a time from the start, every record comes once.
    const walked: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await ids(target, {}, after, 1);
      walked.push(...page.ids);
      if (!page.hasMore) break;
      after = page.ids.at(-1);
    }
    assert.deepEqual(walked, ['r1', 'r2', 'other', 'r3', 'late', 'late-other']);
    // `since` and `until` still filter, over the stored order: the late record is not before the others.
    assert.deepEqual(await ids(target, { since: start - 25_000 }, undefined), { ids: ['r1', 'r2', 'other', 'r3', 'late-other'], hasMore: false });
    assert.deepEqual(await ids(target, { since: start, until: start + 100_000 }, 'r1'), { ids: ['r2', 'other'], hasMore: false });
    assert.equal(await queryUsagePage(target, {}, 'missing', 10), undefined);
  } finally {
    await target.close();
  }
});

test('on PostgreSQL pages go by time: a record stored late is behind the cursor, and reading its span again with since finds it', async () => {
  const database = await createTestDatabase();
  const target = await openStore({ kind: 'postgres', url: database.url });
  try {
    await store(target, before);
    assert.deepEqual(await ids(target, {}, undefined), { ids: ['r1', 'r2', 'other', 'r3'], hasMore: false });
    await store(target, late);
    assert.deepEqual(await ids(target, {}, 'r3'), { ids: [], hasMore: false });
    assert.deepEqual(await ids(target, { since: start - 60_000 }, undefined), { ids: ['late', 'late-other', 'r1', 'r2', 'other', 'r3'], hasMore: false });
  } finally {
    await target.close();
    await database.drop();
  }
});
