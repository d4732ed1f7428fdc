/**
 * Another process on the same SQLite file (a worker of `serve --workers`, `interlingua keys`)
 * holding its write lock: a usage batch does not wait for it on the event loop, where SQLite's
 * busy handler would sleep, but tries again a moment later and is written once the lock is free.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import { StoreAvailability } from '../../src/store/store-availability.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import type { Logger } from '../../src/gateway/logger.js';
import { holdWriteLock, longestStall } from '../store/write-lock-holder.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-usage-lock-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function record(index: number): UsageRecord {
  return { id: `req_${String(index).padStart(4, '0')}`, createdAt: 1_000 + index, model: 'chat', caller: 'openai-chat', stream: false, status: 200, inputTokens: 3, outputTokens: 4, cachedTokens: 0, reasoningTokens: 0, cost: 0.001, latencyMs: 5 };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

test('a batch meeting another writer’s lock leaves the event loop free and is written once the lock is free', async () => {
  const path = join(directory, 'shared.db');
  const store = await openStore({ kind: 'sqlite', path });
  const availability = new StoreAvailability('database', async () => {});
  const logger = recordingLogger();
  try {
    const writer = new UsageWriter(async () => store, logger, { batchSize: 1_000, intervalMs: 60_000, availability });
    const holder = holdWriteLock(path, 400);
    await holder.taken;
    for (let index = 0; index < 250; index++) writer.record(record(index));
    const stall = await longestStall(Promise.all([writer.flush(), holder.released]));
    const stored = await store.db.selectFrom('usage_records').select('id').execute();
    assert.equal(stored.length, 250, 'every record is written, once');
    assert.ok(stall < 150, `the event loop never stood still waiting for the lock (longest stall ${stall} ms, the lock was held 400 ms)`);
    assert.deepEqual(logger.lines.filter((line) => !line.startsWith('debug')), [], 'a lock held for a moment is no failure');
    assert.equal(availability.away, false, 'nor does it make the database count as unavailable');
    await writer.close();
  } finally {
    availability.close();
    await store.close();
  }
});

test('a lock held past the wait limit counts as a failed write, and the records are written once it is free', async () => {
  const path = join(directory, 'held.db');
  const store = await openStore({ kind: 'sqlite', path });
  const logger = recordingLogger();
  try {
    const writer = new UsageWriter(async () => store, logger, { batchSize: 1_000, intervalMs: 50, sqliteLockWaitMs: 100 });
    const holder = holdWriteLock(path, 600);
    await holder.taken;
    for (let index = 0; index < 10; index++) writer.record(record(index));
    const stall = await longestStall(writer.flush());
    assert.ok(stall < 150, `the event loop stayed free (longest stall ${stall} ms)`);
    assert.ok(logger.lines.some((line) => line.startsWith('error writing usage records failed')), `the failure is logged: ${JSON.stringify(logger.lines)}`);
    assert.equal(writer.waiting.buffered, 10, 'the records stay queued');
    await holder.released;
    await writer.flush();
    const stored = await store.db.selectFrom('usage_records').select('id').execute();
    assert.equal(stored.length, 10);
    await writer.close();
  } finally {
    await store.close();
  }
});
