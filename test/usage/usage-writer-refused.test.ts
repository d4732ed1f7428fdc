/**
 * Usage records PostgreSQL would refuse for what they hold. A NUL in any text (a caller's model
 * name, a path's deployment) made the server refuse the whole batch; the writer put it back and
 * tried again every second, and every later record of every key queued behind it until it was
 * dropped. Text is now stored without NULs, and a batch refused for its data is written record by
 * record, the record still refused dropped and counted, so one bad record never holds up others.
 * Each test runs against a database of its own on the PostgreSQL server at 127.0.0.1.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { openStore, type Store } from '../../src/store/open-store.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import { UsageSpill, defaultMaxSpillBytes } from '../../src/usage/usage-spill.js';
import { StoreMetrics } from '../../src/metrics/store-metrics.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import type { Logger } from '../../src/gateway/logger.js';
import { createTestDatabase } from '../store/postgres-database.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-usage-refused-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function record(index: number, fields: Partial<UsageRecord> = {}): UsageRecord {
  return { id: `req_${String(index).padStart(4, '0')}`, createdAt: 1_000 + index, model: 'chat', caller: 'openai-chat', stream: false, status: 200, inputTokens: 3, outputTokens: 4, cachedTokens: 0, reasoningTokens: 0, cost: 0.001, latencyMs: 5, ...fields };
}

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, debug() {}, info() {}, warn() {}, error: (message) => void errors.push(message) };
}

async function droppedCounted(registry: Registry, reason: string): Promise<number> {
  const line = (await registry.metrics()).split('\n').find((text) => text.startsWith(`interlingua_usage_dropped_records_total{reason="${reason}"}`));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

/** A PostgreSQL store of the test's own, dropped when the test ends. */
async function postgresStore(t: { after: (done: () => Promise<void>) => void }): Promise<Store> {
  const database = await createTestDatabase();
  const store = await openStore(parseDatabaseUrl(database.url, '.'));
  t.after(async () => {
    await store.close();
    await database.drop();
  });
  return store;
}

test('a NUL in any text of a usage record is stored as U+FFFD on PostgreSQL, and the records after it are written', async (t) => {
  const store = await postgresStore(t);
  const logger = recordingLogger();
  const writer = new UsageWriter(async () => store, logger, { batchSize: 100, intervalMs: 60_000 });
  writer.record(record(0));
  writer.record(
    record(1, {
      model: 'nope\u0000',
      deployment: 'oa/gpt-4o\u0000',
      keyId: 'key_\u0000',
      keyName: 'team\u0000a',
      errorCode: 'not_found\u0000',
      errorMessage: 'No model "nope\u0000".',
      requestId: 'request\u0000',
      attempts: [{ deployment: 'oa/gpt-4o\u0000', status: 404, ms: 3 }],
      status: 404,
    }),
  );
  for (let index = 2; index < 6; index++) writer.record(record(index));
  await writer.flush();
  assert.deepEqual(writer.waiting, { buffered: 0, spilled: 0 }, `nothing is left queued (${logger.errors.join('; ')})`);
  const rows = await store.db.selectFrom('usage_records').selectAll().orderBy('id').execute();
  assert.equal(rows.length, 6, 'every record is stored, the one with NULs and those after it');
  const stored = rows[1]!;
  assert.equal(stored.model, 'nope\uFFFD');
  assert.equal(stored.deployment, 'oa/gpt-4o\uFFFD');
  assert.equal(stored.key_id, 'key_\uFFFD');
  assert.equal(stored.key_name, 'team\uFFFDa');
  assert.equal(stored.error_code, 'not_found\uFFFD');
  assert.equal(stored.error_message, 'No model "nope\uFFFD".');
  assert.equal(stored.request_id, 'request\uFFFD');
  assert.deepEqual(JSON.parse(stored.attempts ?? 'null'), [{ deployment: 'oa/gpt-4o\u0000', status: 404, ms: 3 }], 'attempts keep their NUL as the JSON escape \\u0000');
  await writer.close();
});

test('a record PostgreSQL refuses for what it holds is dropped and counted; the rest of its batch and the batches after it are written', async (t) => {
  const store = await postgresStore(t);
  const registry = new Registry();
  const logger = recordingLogger();
  const writer = new UsageWriter(async () => store, logger, { batchSize: 100, intervalMs: 60_000, metrics: new StoreMetrics(registry) });
  // status is an integer column (an HTTP status): 2^40 is out of its range (SQLSTATE 22003), at every try.
  for (let index = 0; index < 5; index++) writer.record(record(index, index === 2 ? { status: 2 ** 40 } : {}));
  await writer.flush();
  assert.deepEqual(writer.waiting, { buffered: 0, spilled: 0 }, 'the refused record does not stay queued');
  assert.equal(await droppedCounted(registry, 'refused'), 1);
  assert.ok(
    logger.errors.some((message) => message.startsWith('usage records dropped: the database refuses the record for what it holds')),
    logger.errors.join('; '),
  );
  for (let index = 5; index < 8; index++) writer.record(record(index));
  await writer.flush();
  const ids = (await store.db.selectFrom('usage_records').select('id').orderBy('id').execute()).map((row) => row.id);
  assert.deepEqual(ids, ['req_0000', 'req_0001', 'req_0003', 'req_0004', 'req_0005', 'req_0006', 'req_0007']);
  await writer.close();
});

test('a refused record in the spill file does not keep the spill file from being written', async (t) => {
  const store = await postgresStore(t);
  const registry = new Registry();
  const spillFile = join(directory, 'refused.jsonl');
  new UsageSpill(spillFile, defaultMaxSpillBytes).append([record(0), record(1, { status: 2 ** 40 }), record(2, { model: 'spilled\u0000' })]);
  const writer = new UsageWriter(async () => store, recordingLogger(), { batchSize: 100, intervalMs: 60_000, spillFile, metrics: new StoreMetrics(registry) });
  await writer.replaySpill();
  assert.deepEqual(writer.waiting, { buffered: 0, spilled: 0 });
  assert.equal(await droppedCounted(registry, 'refused'), 1);
  const rows = await store.db.selectFrom('usage_records').select(['id', 'model']).orderBy('id').execute();
  assert.deepEqual(rows, [
    { id: 'req_0000', model: 'chat' },
    { id: 'req_0002', model: 'spilled\uFFFD' },
  ]);
  await writer.close();
});
