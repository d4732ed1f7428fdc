/**
 * better-sqlite3 runs on the event loop: a flush writes at most `sqliteTransactionRows` rows per
 * transaction and lets the loop turn between two, so requests in flight are answered between
 * slices instead of waiting for the whole batch.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import { silentLogger } from '../../src/gateway/logger.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-usage-slices-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function record(index: number): UsageRecord {
  return { id: `req_${String(index).padStart(4, '0')}`, createdAt: 1_000 + index, model: 'chat', caller: 'openai-chat', stream: false, status: 200, inputTokens: 3, outputTokens: 4, cachedTokens: 0, reasoningTokens: 0, cost: 0.001, latencyMs: 5 };
}

test('a flush into an SQLite file writes a slice per turn of the event loop, and every record once', async () => {
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'slices.db') });
  try {
    const sqlite = store.sqlite;
    assert.ok(sqlite !== undefined);
    const stored = () => (sqlite.prepare('select count(*) as count from usage_records').get() as { count: number }).count;
    const writer = new UsageWriter(async () => store, silentLogger, { batchSize: 1_000, sqliteTransactionRows: 100, intervalMs: 60_000 });
    for (let index = 0; index < 450; index++) writer.record(record(index));
    const seenBetween: number[] = [];
    // Stops with the flush: a turn after it could find the store closed below.
    let flushed = false;
    const watch = () => {
      if (flushed) return;
      seenBetween.push(stored());
      if (seenBetween.length < 20) setImmediate(watch);
    };
    setImmediate(watch);
    await writer.flush();
    flushed = true;
    assert.equal(stored(), 450);
    const partial = seenBetween.filter((count) => count > 0 && count < 450);
    assert.ok(partial.length >= 2, `the loop turned between slices: ${JSON.stringify(seenBetween)}`);
    assert.ok(partial.every((count) => count % 100 === 0), `each turn saw whole slices of 100: ${JSON.stringify(partial)}`);
    await writer.close();
  } finally {
    await store.close();
  }
});
