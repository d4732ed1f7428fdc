/**
 * The usage table's indexes on both databases: the ones its queries read (by time, by key and
 * time) and no other, since every index is paid on every insert of the request path. Migration
 * 0007 drops the request-id index, which no query reads.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openStore } from '../../src/store/open-store.js';
import { scratchDatabases } from './scratch-databases.js';

for (const database of scratchDatabases) {
  describe(`usage indexes on ${database.name}`, () => {
    test('only the indexes its queries read, the request-id index dropped', async () => {
      const scratch = await database.create();
      try {
        const store = await openStore(scratch.location);
        try {
          const query =
            scratch.location.kind === 'sqlite'
              ? sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'usage_records' and name not like 'sqlite_autoindex_%'`
              : sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'usage_records' and schemaname = current_schema() and indexname <> 'usage_records_pkey'`;
          const names = (await query.execute(store.db)).rows.map((row) => row.name).sort();
          assert.deepEqual(names, ['usage_records_by_key_time', 'usage_records_by_time']);
        } finally {
          await store.close();
        }
      } finally {
        await scratch.drop();
      }
    });
  });
}
