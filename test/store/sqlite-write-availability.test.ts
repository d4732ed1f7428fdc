/**
 * An SQLite file that cannot be written (a full disk) still answers reads, so a `select 1` probe
 * found it back every 500 ms and the next usage batch took it away again: the health flapped and
 * the log had an outage warning twice a second. The outage a failed write begins ends when a
 * write succeeds. The full disk is SQLite's page limit: inserts fail with SQLITE_FULL ("database
 * or disk is full"), reads succeed, as on a file system with no room left.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StoreHandle } from '../../src/store/store-handle.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import type { Logger } from '../../src/gateway/logger.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-sqlite-write-availability-'));
after(() => rmSync(directory, { recursive: true, force: true }));

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function record(index: number): UsageRecord {
  return { id: `req_${String(index).padStart(4, '0')}`, createdAt: 1_000 + index, model: 'chat', caller: 'openai-chat', stream: false, status: 200, inputTokens: 3, outputTokens: 4, cachedTokens: 0, reasoningTokens: 0, cost: 0.001, latencyMs: 5 };
}

test('an SQLite file that takes no writes stays unavailable until a write succeeds, without flapping', async () => {
  const handle = new StoreHandle({ kind: 'sqlite', path: join(directory, 'full.db') });
  const store = await handle.get();
  const sqlite = store.sqlite!;
  const changes: boolean[] = [];
  const warnings: string[] = [];
  handle.availability.useLog({ warn: (message) => void warnings.push(message), info() {} });
  handle.availability.listen({ changed: (_store, away) => void changes.push(away) });
  const writer = new UsageWriter(() => handle.get(), quiet, { batchSize: 50, intervalMs: 100, availability: handle.availability });
  try {
    sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
    for (let index = 0; index < 200; index++) writer.record(record(index));
    await writer.flush();
    assert.equal(handle.availability.away, true, 'a batch that fails for a full disk marks the database away');
    // Three probes (every 500 ms) and a dozen retries of the batch (every 100 ms).
    await sleep(1_600);
    assert.deepEqual(changes, [true], `one outage, not one per probe: ${JSON.stringify(changes)}`);
    assert.equal(warnings.length, 1, warnings.join('; '));

    sqlite.pragma('max_page_count = 1073741823');
    for (let waited = 0; handle.availability.away && waited < 3_000; waited += 20) await sleep(20);
    assert.deepEqual(changes, [true, false], 'the first batch written ends the outage');
    await writer.flush();
    const stored = await store.db.selectFrom('usage_records').select('id').execute();
    assert.equal(stored.length, 200);
  } finally {
    await writer.close();
    await handle.close();
  }
});

test('an outage a read began is still ended by a read', async () => {
  const handle = new StoreHandle({ kind: 'sqlite', path: join(directory, 'read.db') });
  await handle.get();
  try {
    handle.availability.failed(Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' }));
    assert.equal(handle.availability.away, true);
    for (let waited = 0; handle.availability.away && waited < 3_000; waited += 20) await sleep(20);
    assert.equal(handle.availability.away, false, 'the `select 1` probe found the file');
  } finally {
    await handle.close();
  }
});
