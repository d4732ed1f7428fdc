/**
 * Migration 0010_wide_counts on both databases: a database made before it (PostgreSQL's 32-bit
 * `integer` token, duration and key limit columns) keeps its rows, then stores and reads back as
 * numbers a request of 3,000,000,000 input tokens, with its cost in the key's day total, and key
 * limits past 2^31 - 1. Before it, PostgreSQL refused the row (SQLSTATE 22003) and the usage
 * writer dropped the record and its spend.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, sql } from 'kysely';
import { migrations } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import { keySpendSince } from '../../src/usage/key-spend.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { scratchDatabases } from './scratch-databases.js';

const big = 3_000_000_000;
const day = Date.UTC(2026, 2, 2);

for (const database of scratchDatabases) {
  describe(`wide counts migration on ${database.name}`, () => {
    test('rows from before it stay; counts past 2^31 - 1 are stored and read back as numbers', async () => {
      const scratch = await database.create();
      try {
        const db = scratch.before();
        try {
          const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
          const { error } = await migrator.migrateTo('0009_key_spend_days');
          if (error !== undefined) throw error;
          await sql`insert into gateway_keys (id, name, hash, prefix, rpm, tpm, metadata, created_at)
            values ('key-old', 'old', 'hash-old', 'il-old', 60, 100000, '{}', ${day})`.execute(db);
          await sql`insert into usage_records (id, created_at, key_id, model, caller, stream, status, input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost, latency_ms, ttft_ms)
            values ('req-old', ${day}, 'key-old', 'chat', 'openai-chat', 0, 200, 7, 3, 0, 0, 0.25, 120, 40)`.execute(db);
          await sql`insert into key_spend_days (key_id, day_start, cost, unpriced_requests) values ('key-old', ${day}, 0.25, 0)`.execute(db);
        } finally {
          await db.destroy();
        }
        const store = await openStore(scratch.location);
        try {
          const old = await store.db.selectFrom('usage_records').selectAll().where('id', '=', 'req-old').executeTakeFirstOrThrow();
          assert.deepEqual([old.input_tokens, old.output_tokens, old.latency_ms, old.ttft_ms], [7, 3, 120, 40]);

          const refused: unknown[] = [];
          const logger = { ...silentLogger, warn: (...args: unknown[]) => void refused.push(args), error: (...args: unknown[]) => void refused.push(args) };
          const writer = new UsageWriter(async () => store, logger, { intervalMs: 60_000 });
          writer.record({
            id: 'req-big', createdAt: day + 1_000, keyId: 'key-old', keyName: 'old', model: 'chat', caller: 'openai-chat', stream: true, status: 200,
            inputTokens: big, outputTokens: big + 1, cachedTokens: big + 2, reasoningTokens: big + 3, cost: 7.5, latencyMs: big + 4, ttftMs: big + 5,
          });
          await writer.close();
          assert.deepEqual(refused, [], 'nothing refused or dropped');

          const row = await store.db.selectFrom('usage_records').selectAll().where('id', '=', 'req-big').executeTakeFirstOrThrow();
          const counts = [row.input_tokens, row.output_tokens, row.cached_tokens, row.reasoning_tokens, row.latency_ms, row.ttft_ms];
          assert.deepEqual(counts, [big, big + 1, big + 2, big + 3, big + 4, big + 5]);
          for (const count of counts) assert.equal(typeof count, 'number');
          const spend = await keySpendSince(store, 'key-old', day);
          assert.equal(spend.cost, 7.75, 'the big request is in the key day total beside the old one');

          await store.db.updateTable('gateway_keys').set({ rpm: big, tpm: 2 ** 53 - 1 }).where('id', '=', 'key-old').execute();
          const key = await store.db.selectFrom('gateway_keys').select(['rpm', 'tpm']).where('id', '=', 'key-old').executeTakeFirstOrThrow();
          assert.deepEqual(key, { rpm: big, tpm: 2 ** 53 - 1 });
          assert.equal(typeof key.rpm, 'number');
        } finally {
          await store.close();
        }
      } finally {
        await scratch.drop();
      }
    });
  });
}
