/**
 * The spill file of a long outage: read a chunk at a time, however large (a file over 512 MiB,
 * read whole as one string, stopped every start of the gateway), and bounded in size, what does
 * not fit dropped and counted. The large file is sparse (a hole of zeros between real records,
 * as a crash can leave), so it takes no room on the disk that runs the test.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { openStore } from '../../src/store/open-store.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import { StoreMetrics } from '../../src/metrics/store-metrics.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import type { Logger } from '../../src/gateway/logger.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-usage-spill-size-'));
after(() => rmSync(directory, { recursive: true, force: true }));

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function record(index: number): UsageRecord {
  return { id: `req_${String(index).padStart(5, '0')}`, createdAt: 1_000 + index, model: 'chat', caller: 'openai-chat', stream: false, status: 200, inputTokens: 3, outputTokens: 4, cachedTokens: 0, reasoningTokens: 0, cost: 0.001, latencyMs: 5 };
}

const line = (index: number) => `${JSON.stringify(record(index))}\n`;

test('a spill file over 512 MiB is counted and written back a batch at a time, in bounded memory', async () => {
  const spillFile = join(directory, 'large.jsonl');
  writeFileSync(spillFile, line(0) + line(1));
  truncateSync(spillFile, 520 * 1024 * 1024);
  appendFileSync(spillFile, `\n${line(2)}${line(3)}`);
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'large.db') });
  const rssBefore = process.memoryUsage().rss;
  let rssMost = rssBefore;
  const sample = setInterval(() => (rssMost = Math.max(rssMost, process.memoryUsage().rss)), 5);
  try {
    const warnings: Array<{ message: string; fields: Record<string, unknown> | undefined }> = [];
    const logger: Logger = { ...quiet, warn: (message, fields) => void warnings.push({ message, fields }) };
    const writer = new UsageWriter(async () => store, logger, { batchSize: 2, intervalMs: 60_000, spillFile });
    assert.equal(writer.waiting.spilled, 5, 'four records and the line of zeros between them');
    await writer.replaySpill();
    const stored = (await store.db.selectFrom('usage_records').select('id').orderBy('id').execute()).map((row) => row.id);
    assert.deepEqual(stored, [0, 1, 2, 3].map((index) => record(index).id), 'the records on either side of the hole are written; the hole is skipped');
    assert.deepEqual(
      warnings.map(({ message, fields }) => [message.slice(0, 40), fields?.['lines']]),
      [['lines of the spill file held no usage re', 1]],
      'the skipped line is said',
    );
    assert.equal(existsSync(spillFile), false);
    assert.deepEqual(writer.waiting, { buffered: 0, spilled: 0 });
    await writer.close();
  } finally {
    clearInterval(sample);
    await store.close();
  }
  const grewMb = (rssMost - rssBefore) / 1024 / 1024;
  assert.ok(grewMb < 64, `memory grew by ${grewMb.toFixed(0)} MB reading a 520 MiB file`);
});

test('the spill file stops at its size limit: what does not fit is dropped and counted, and what fits is written back', async () => {
  const spillFile = join(directory, 'limited.jsonl');
  const maxSpillBytes = 4 * 1024;
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'limited.db') });
  const registry = new Registry();
  let away = true;
  const database = async () => {
    if (away) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    return store;
  };
  const writer = new UsageWriter(database, quiet, { batchSize: 5, intervalMs: 60_000, maxBuffered: 10, spillFile, maxSpillBytes, closeWaitMs: 100, metrics: new StoreMetrics(registry) });
  for (let index = 0; index < 200; index++) writer.record(record(index));
  await writer.close();
  // A replay tried while the database was away leaves the file renamed aside; the limit covers both.
  const spilledBytes = [spillFile, `${spillFile}.replaying`].reduce((sum, path) => sum + (existsSync(path) ? statSync(path).size : 0), 0);
  assert.ok(spilledBytes > 0 && spilledBytes <= maxSpillBytes, `the spill file holds ${spilledBytes} bytes, its limit ${maxSpillBytes}`);
  const metrics = await registry.metrics();
  const dropped = [...metrics.matchAll(/^interlingua_usage_dropped_records_total\{reason="[a-z_]+"\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
  assert.ok(dropped > 0, metrics);

  away = false;
  const next = new UsageWriter(database, quiet, { batchSize: 5, intervalMs: 60_000, spillFile, maxSpillBytes });
  await next.replaySpill();
  const stored = await store.db.selectFrom('usage_records').select('id').execute();
  assert.equal(stored.length + dropped, 200, `${stored.length} records written back, ${dropped} dropped: every record is one or the other`);
  await next.close();
  await store.close();
});
