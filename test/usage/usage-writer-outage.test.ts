/**
 * The usage writer while its database is away: records wait in memory up to a bound, then in a
 * spill file; a shutdown during the outage spills the rest; the next writer replays the file;
 * every record answered is stored exactly once. The database is an SQLite file the test opens
 * and "takes away" by making the store function fail the way node-postgres does.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/open-store.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import { StoreAvailability } from '../../src/store/store-availability.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import type { Logger } from '../../src/gateway/logger.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-usage-outage-'));
after(() => rmSync(directory, { recursive: true, force: true }));

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function record(index: number): UsageRecord {
  return { id: `req_${index}`, createdAt: 1_000 + index, model: 'chat', caller: 'openai-chat', stream: false, status: 200, inputTokens: 3, outputTokens: 4, cachedTokens: 0, reasoningTokens: 0, cost: 0.001, latencyMs: 5 };
}

/** A store that can be taken away: while away it fails as node-postgres does when the server is gone. */
function switchableStore(store: Store): { get: () => Promise<Store>; away: boolean } {
  const handle = {
    away: false,
    get: async () => {
      if (handle.away) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      return store;
    },
  };
  return handle;
}

async function storedIds(store: Store): Promise<string[]> {
  return (await store.db.selectFrom('usage_records').select('id').orderBy('id').execute()).map((row) => row.id);
}

test('records wait in memory, then in the spill file, and are written once when the database returns', async () => {
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'returns.db') });
  const database = switchableStore(store);
  const spillFile = join(directory, 'returns.jsonl');
  const writer = new UsageWriter(database.get, quiet, { batchSize: 4, intervalMs: 60_000, maxBuffered: 10, spillFile });
  database.away = true;
  for (let index = 0; index < 25; index++) writer.record(record(index));
  await writer.flush();
  assert.ok(writer.waiting.spilled >= 10, `records beyond the bound went to the spill file (${JSON.stringify(writer.waiting)})`);
  assert.ok(writer.waiting.buffered <= 10, 'memory holds at most the bound');
  assert.ok(existsSync(spillFile));

  database.away = false;
  await writer.flush();
  assert.deepEqual(writer.waiting, { buffered: 0, spilled: 0 });
  assert.equal(existsSync(spillFile), false, 'the spill file is removed once written');
  const ids = await storedIds(store);
  assert.equal(ids.length, 25);
  assert.equal(new Set(ids).size, 25);
  await writer.close();
  await store.close();
});

test('a shutdown during the outage spills what waits; the next start writes it, and nothing twice', async () => {
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'restart.db') });
  const database = switchableStore(store);
  const spillFile = join(directory, 'restart.jsonl');
  const first = new UsageWriter(database.get, quiet, { batchSize: 5, intervalMs: 60_000, spillFile, closeWaitMs: 200 });
  for (let index = 0; index < 7; index++) first.record(record(index));
  await first.flush();
  database.away = true;
  for (let index = 7; index < 20; index++) first.record(record(index));
  await first.close();
  assert.equal((await storedIds(store)).length, 7, 'only what was written before the outage is stored');
  assert.ok(existsSync(spillFile), 'the rest went to the spill file at shutdown');

  database.away = false;
  // A replay may meet records that are already stored (written just before a crash): they are skipped.
  const second = new UsageWriter(database.get, quiet, { batchSize: 5, intervalMs: 60_000, spillFile });
  second.record(record(3));
  await second.replaySpill();
  const ids = await storedIds(store);
  assert.equal(ids.length, 20);
  assert.equal(new Set(ids).size, 20);
  assert.equal(existsSync(spillFile), false);
  await second.close();
  await store.close();
});

test('a write that fails for want of the database marks it away, so requests stop trying it', async () => {
  const store = await openStore({ kind: 'sqlite', path: ':memory:' });
  const database = switchableStore(store);
  const availability = new StoreAvailability('database', async () => {
    await database.get();
  }, 20);
  const writer = new UsageWriter(database.get, quiet, { batchSize: 2, intervalMs: 60_000, availability });
  database.away = true;
  writer.record(record(1));
  writer.record(record(2));
  await writer.flush();
  assert.equal(availability.away, true);
  database.away = false;
  // The probe finds the database again and the writer writes what waited, without being asked.
  while ((await storedIds(store)).length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(availability.away, false);
  availability.close();
  await writer.close();
  await store.close();
});
