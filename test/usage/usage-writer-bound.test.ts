/**
 * The usage writer's memory bound holds when the spill file cannot take records either: on a
 * full disk the database and the spill file fail together, and the buffer grew without end. The
 * oldest records go, counted in `interlingua_usage_dropped_records_total` and in a few error
 * lines (not one a record). The database fails as SQLite does on a full disk (its page limit
 * reached), or as PostgreSQL does when its server is gone (a port nobody listens on); the spill
 * file sits under a path whose "directory" is a file, which no process (root included) can write.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { Registry } from 'prom-client';
import { openStore, type Store } from '../../src/store/open-store.js';
import type { StoreTables } from '../../src/store/tables.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import { StoreMetrics } from '../../src/metrics/store-metrics.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import type { Logger } from '../../src/gateway/logger.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-usage-bound-'));
after(() => rmSync(directory, { recursive: true, force: true }));
const notADirectory = join(directory, 'not-a-directory');
writeFileSync(notADirectory, '');
const unwritableSpill = join(notADirectory, 'usage-spill.jsonl');

function record(index: number): UsageRecord {
  return { id: `req_${String(index).padStart(5, '0')}`, createdAt: 1_000 + index, model: 'chat', caller: 'openai-chat', stream: false, status: 200, inputTokens: 3, outputTokens: 4, cachedTokens: 0, reasoningTokens: 0, cost: 0.001, latencyMs: 5 };
}

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, debug() {}, info() {}, warn() {}, error: (message) => void errors.push(message) };
}

async function droppedCounted(registry: Registry, reason: string): Promise<number> {
  const line = (await registry.metrics()).split('\n').find((text) => text.startsWith(`interlingua_usage_dropped_records_total{reason="${reason}"}`));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

test('SQLite on a full disk with an unwritable spill file: memory holds the bound, the oldest records are dropped and counted', async () => {
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'full.db') });
  const sqlite = store.sqlite!;
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  // No page more: every insert fails with SQLITE_FULL ("database or disk is full"), as on a full disk.
  sqlite.pragma(`max_page_count = ${pages}`);
  const registry = new Registry();
  const logger = recordingLogger();
  const writer = new UsageWriter(async () => store, logger, { batchSize: 10, intervalMs: 60_000, maxBuffered: 100, spillFile: unwritableSpill, metrics: new StoreMetrics(registry) });
  for (let round = 0; round < 10; round++) {
    for (let index = round * 100; index < (round + 1) * 100; index++) writer.record(record(index));
    await writer.flush();
    assert.ok(writer.waiting.buffered <= 100, `memory holds at most its bound (${writer.waiting.buffered} after ${(round + 1) * 100} records)`);
  }
  const buffered = writer.waiting.buffered;
  assert.equal(await droppedCounted(registry, 'buffer_full'), 1_000 - buffered, 'every record not held is counted as dropped');
  const dropLines = logger.errors.filter((message) => message.startsWith('usage records dropped'));
  assert.ok(dropLines.length >= 1 && dropLines.length <= 2, `the drops are logged, a line per 10 seconds, not one per drop: ${dropLines.length}`);

  sqlite.pragma('max_page_count = 1073741823');
  await writer.flush();
  const stored = (await store.db.selectFrom('usage_records').select('id').orderBy('id').execute()).map((row) => row.id);
  assert.equal(stored.length, buffered);
  assert.deepEqual(stored, Array.from({ length: buffered }, (_, offset) => record(1_000 - buffered + offset).id), 'the newest records are the ones kept');
  await writer.close();
  await store.close();
});

test('PostgreSQL away with an unwritable spill file: the same bound holds while batches are in flight', async () => {
  // Nothing listens on port 1: every connection is refused at once, as by a server that is down.
  const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 1_000 });
  const store: Store = { kind: 'postgres', db: new Kysely<StoreTables>({ dialect: new PostgresDialect({ pool }) }), close: () => Promise.resolve() };
  const registry = new Registry();
  const logger = recordingLogger();
  const writer = new UsageWriter(async () => store, logger, { batchSize: 20, intervalMs: 60_000, maxBuffered: 100, spillFile: unwritableSpill, metrics: new StoreMetrics(registry) });
  for (let index = 0; index < 1_000; index++) {
    writer.record(record(index));
    assert.ok(writer.waiting.buffered <= 100, `memory holds at most its bound (${writer.waiting.buffered} at record ${index})`);
    // Connection attempts run (and fail) between records, batches going out and coming back.
    if (index % 50 === 0) await turn();
  }
  await writer.flush();
  assert.ok(writer.waiting.buffered <= 100);
  assert.equal(await droppedCounted(registry, 'buffer_full'), 1_000 - writer.waiting.buffered);
  await writer.close();
  assert.equal(await droppedCounted(registry, 'spill_failed'), writer.waiting.buffered, 'what waited at shutdown and could not be spilled is counted too');
  assert.ok(logger.errors.some((message) => message.startsWith('usage records dropped: the database is unavailable and the spill file cannot be written')), logger.errors.join('; '));
  await store.db.destroy();
});

test('without a spill file the bound is a bound too', async () => {
  const registry = new Registry();
  const writer = new UsageWriter(
    async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    },
    recordingLogger(),
    { batchSize: 10, intervalMs: 60_000, maxBuffered: 50, metrics: new StoreMetrics(registry) },
  );
  for (let index = 0; index < 500; index++) writer.record(record(index));
  await writer.flush();
  assert.ok(writer.waiting.buffered <= 50, `${writer.waiting.buffered} buffered`);
  assert.equal(await droppedCounted(registry, 'buffer_full'), 500 - writer.waiting.buffered);
  await writer.close();
});
