/**
 * Migration 0006_usage_attempts on both databases: rows from before it read as they were (no
 * attempts, request id or message), new rows keep their attempts, and the usage log's model
 * filter (substring, glob, LIKE's own wildcards taken literally) and status classes work the same.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, sql } from 'kysely';
import { migrations } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { queryUsageLog } from '../../src/usage/usage-log.js';
import { scratchDatabases } from './scratch-databases.js';

const databases = scratchDatabases;

const base = { caller: 'openai-chat', stream: 0, input_tokens: 1, output_tokens: 1, cached_tokens: 0, reasoning_tokens: 0, cost: 0, latency_ms: 10 };

for (const database of databases) {
  describe(`usage attempts on ${database.name}`, () => {
    test('old rows read as before, new rows keep their attempts, filters match', async () => {
      const scratch = await database.create();
      try {
        const db = scratch.before();
        try {
          const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
          const { error } = await migrator.migrateTo('0005_usage_no_price');
          if (error !== undefined) throw error;
          await sql`insert into usage_records (id, created_at, model, deployment, caller, stream, status, input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost, latency_ms)
            values ('req_old', 1000, 'gpt-4o', 'oa/gpt-4o', 'openai-chat', 0, 200, 1, 1, 0, 0, 0.5, 10)`.execute(db);
        } finally {
          await db.destroy();
        }
        const store = await openStore(scratch.location);
        try {
          const attempts = [
            { deployment: 'an/claude', status: 429, errorCode: 'rate_limited', ms: 12 },
            { deployment: 'oa/gpt-4o', status: 503, errorCode: 'overloaded', ms: 30 },
          ];
          await store.db
            .insertInto('usage_records')
            .values([
              { ...base, id: 'req_new', created_at: 2000, model: 'claude_sonnet', deployment: 'oa/gpt-4o', status: 503, error_code: 'overloaded', request_id: 'rid-1', error_message: 'Overloaded.', attempts: JSON.stringify(attempts) },
              { ...base, id: 'req_bad', created_at: 3000, model: 'claudexsonnet', status: 404, error_code: 'not_found' },
            ])
            .execute();
          const all = await queryUsageLog(store, { limit: 10, offset: 0 });
          const old = all.records.find((record) => record.id === 'req_old');
          assert.equal(old?.attempts, undefined);
          assert.equal(old?.requestId, undefined);
          assert.equal(old?.cost, 0.5);
          const fresh = all.records.find((record) => record.id === 'req_new');
          assert.deepEqual(fresh?.attempts, attempts);
          assert.equal(fresh?.requestId, 'rid-1');
          assert.equal(fresh?.errorMessage, 'Overloaded.');
          const ids = async (filter: Parameters<typeof queryUsageLog>[1]) => (await queryUsageLog(store, filter)).records.map((record) => record.id).sort();
          assert.deepEqual(await ids({ limit: 10, offset: 0, model: '4O' }), ['req_old'], 'substring, any case');
          assert.deepEqual(await ids({ limit: 10, offset: 0, model: 'claude*' }), ['req_bad', 'req_new'], 'glob');
          assert.deepEqual(await ids({ limit: 10, offset: 0, model: 'claude_' }), ['req_new'], 'an underscore is literal, not a LIKE wildcard');
          assert.deepEqual(await ids({ limit: 10, offset: 0, model: 'gpt-*' }), ['req_old'], 'a glob matches the whole name');
          assert.deepEqual(await ids({ limit: 10, offset: 0, model: '4o*' }), [], 'a glob is anchored');
          assert.deepEqual(await ids({ limit: 10, offset: 0, status: '4xx' }), ['req_bad']);
          assert.deepEqual(await ids({ limit: 10, offset: 0, deployment: 'an/claude' }), ['req_new'], 'a deployment that failed an attempt');
          assert.deepEqual(await ids({ limit: 10, offset: 0, deployment: 'oa/gpt-4o' }), ['req_new', 'req_old'], 'the last deployment, or the only one of an old row');
          assert.deepEqual(await ids({ limit: 10, offset: 0, deployment: 'an/clau' }), [], 'a whole name, not a part');
          assert.deepEqual(await ids({ limit: 10, offset: 0, status: '5xx' }), ['req_new']);
        } finally {
          await store.close();
        }
      } finally {
        await scratch.drop();
      }
    });
  });
}
