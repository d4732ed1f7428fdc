/**
 * Migration 0009_key_spend_days on both databases: the day totals are filled from the usage rows
 * already recorded (unpriced rows, priced rows with `no_price` null or 0, rows without a key),
 * so a budget reads the same spend right after the upgrade as the sum over those rows did, and
 * the usage writer then adds to the same days.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, sql } from 'kysely';
import { migrations } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { toRow } from '../../src/usage/usage-row.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { keySpendSince } from '../../src/usage/key-spend.js';
import { assertSameSpend, keyIds, periodStarts, spendOverUsageRows, spreadRecords } from '../usage/key-spend-fixtures.js';
import { scratchDatabases } from './scratch-databases.js';

for (const database of scratchDatabases) {
  describe(`key spend days migration on ${database.name}`, () => {
    test('the days are filled from the rows recorded before it, and written on after it', async () => {
      const scratch = await database.create();
      try {
        const before = spreadRecords(300, 4, 'old').map(toRow);
        // A priced row says `no_price` null (the writer) or 0 (some writers of old): both count as priced.
        for (const row of before.slice(0, 40)) if (row.no_price === null) row.no_price = 0;
        const db = scratch.before();
        try {
          const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
          const { error } = await migrator.migrateTo('0008_usage_estimated');
          if (error !== undefined) throw error;
          for (let start = 0; start < before.length; start += 50) await db.insertInto('usage_records' as never).values(before.slice(start, start + 50) as never).execute();
          // A start stopped during the fill (SQLite runs no migration in a transaction) left the table
          // made, with part of the rows in it, and the migration not done: the next start must go on.
          await sql`create table key_spend_days (key_id text not null, day_start bigint not null, cost double precision not null, unpriced_requests bigint not null, constraint key_spend_days_pkey primary key (key_id, day_start))`.execute(db);
          await sql`insert into key_spend_days values (${keyIds[0]}, 0, 1000, 0)`.execute(db);
        } finally {
          await db.destroy();
        }
        const store = await openStore(scratch.location);
        try {
          const filled = await sql<{ n: number | string }>`select count(*) as n from key_spend_days`.execute(store.db);
          assert.ok(Number(filled.rows[0]?.n) >= keyIds.length * 5, 'a row for each key and day it spent on');
          const check = async (what: string) => {
            for (const keyId of keyIds) {
              for (const since of periodStarts()) assertSameSpend(await keySpendSince(store, keyId, since), await spendOverUsageRows(store, keyId, since), `${what}: ${keyId} since ${since}`);
            }
          };
          await check('backfilled');
          const writer = new UsageWriter(async () => store, silentLogger, { intervalMs: 60_000 });
          for (const record of spreadRecords(150, 5, 'new')) writer.record(record);
          await writer.close();
          await check('written on');
        } finally {
          await store.close();
        }
      } finally {
        await scratch.drop();
      }
    });
  });
}
