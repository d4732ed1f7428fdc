/**
 * The per-key day totals the usage writer keeps on both databases: after batches spread over
 * several days and keys (unpriced records and records without a key among them), and batches
 * that repeat ids already stored, each day row equals the GROUP BY over the usage rows, and a
 * budget's spend read from the days equals the old sum over every usage row of the key.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openStore, type Store } from '../../src/store/open-store.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { keySpendSince } from '../../src/usage/key-spend.js';
import { spentSince } from '../../src/usage/usage-query.js';
import { scratchDatabases } from '../store/scratch-databases.js';
import { assertSameSpend, keyIds, periodStarts, spendOverUsageRows, spreadRecords } from './key-spend-fixtures.js';

interface DayRow {
  key_id: string;
  day_start: number;
  cost: number;
  unpriced_requests: number;
}

/** The day rows, and what a GROUP BY over the usage rows says they should hold. */
async function dayRows(store: Store): Promise<{ kept: DayRow[]; summed: DayRow[] }> {
  const order = sql`order by key_id, day_start`;
  const kept = await sql<DayRow>`select key_id, day_start, cost, unpriced_requests from key_spend_days ${order}`.execute(store.db);
  const summed = await sql<DayRow>`select key_id, created_at - created_at % 86400000 as day_start, sum(cost) as cost, coalesce(sum(no_price), 0) as unpriced_requests
    from usage_records where key_id is not null group by key_id, created_at - created_at % 86400000 ${order}`.execute(store.db);
  const numeric = (row: DayRow): DayRow => ({ key_id: row.key_id, day_start: Number(row.day_start), cost: Number(row.cost), unpriced_requests: Number(row.unpriced_requests) });
  return { kept: kept.rows.map(numeric), summed: summed.rows.map(numeric) };
}

async function assertDaysMatchUsage(store: Store): Promise<void> {
  const { kept, summed } = await dayRows(store);
  assert.deepEqual(
    kept.map((row) => [row.key_id, row.day_start, row.unpriced_requests, Math.round(row.cost * 1e6)]),
    summed.map((row) => [row.key_id, row.day_start, row.unpriced_requests, Math.round(row.cost * 1e6)]),
  );
  for (const keyId of [...keyIds, 'key-never-used']) {
    for (const since of periodStarts()) {
      const expected = await spendOverUsageRows(store, keyId, since);
      assertSameSpend(await keySpendSince(store, keyId, since), expected, `${keyId} since ${new Date(since).toISOString()}`);
      assert.equal(Math.round((await spentSince(store, keyId, since)) * 100), Math.round(expected.cost * 100));
    }
  }
}

for (const database of scratchDatabases) {
  describe(`key spend days on ${database.name}`, () => {
    test('the writer keeps each key day equal to the sum of its usage rows, ids already stored counted once', async () => {
      const scratch = await database.create();
      try {
        const store = await openStore(scratch.location);
        try {
          const writer = new UsageWriter(async () => store, silentLogger, { batchSize: 100, sqliteTransactionRows: 37, intervalMs: 60_000 });
          const first = spreadRecords(400, 1);
          for (const record of first) writer.record(record);
          await writer.flush();
          const stored = await sql<{ n: number | string }>`select count(*) as n from usage_records`.execute(store.db);
          assert.equal(Number(stored.rows[0]?.n), 400);
          await assertDaysMatchUsage(store);

          // A second run: new records mixed with ones already stored and an id twice in one batch,
          // as after a shutdown that both wrote and spilled them. Only the new ones count.
          const second = spreadRecords(200, 2);
          const repeated = [...first.slice(0, 30), ...second.slice(0, 100), second[5]!, ...first.slice(200, 260), ...second.slice(100)];
          for (const record of repeated) writer.record(record);
          await writer.close();
          const after = await sql<{ n: number | string }>`select count(*) as n from usage_records`.execute(store.db);
          assert.equal(Number(after.rows[0]?.n), 600);
          await assertDaysMatchUsage(store);
        } finally {
          await store.close();
        }
      } finally {
        await scratch.drop();
      }
    });
  });
}
