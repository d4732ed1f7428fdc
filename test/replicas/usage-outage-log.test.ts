/**
 * What an operator reads while usage records cannot reach the database: one warning when the
 * outage starts and one info when it ends, as the gateway wires them (the store's availability
 * logs the outage), not an error for every retry (it was one a second for the whole outage).
 * The records are still retried and written once the database is back.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/open-store.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import { StoreAvailability } from '../../src/store/store-availability.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import { recordingLogger } from '../support/recording-logger.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-usage-outage-log-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function record(index: number): UsageRecord {
  return { id: `req_${index}`, createdAt: 1_000 + index, model: 'chat', caller: 'openai-chat', stream: false, status: 200, inputTokens: 3, outputTokens: 4, cachedTokens: 0, reasoningTokens: 0, cost: 0.001, latencyMs: 5 };
}

test('an outage of many retries is one warning when it starts and one info when it ends; the records are written after', async () => {
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'usage.db') });
  let away = true;
  const get = async (): Promise<Store> => {
    if (away) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    return store;
  };
  const logger = recordingLogger();
  const availability = new StoreAvailability('database', async () => {
    await get();
  }, 60_000);
  availability.useLog(logger);
  const writer = new UsageWriter(get, logger, { batchSize: 2, intervalMs: 60_000, availability });
  for (let retry = 0; retry < 5; retry++) {
    writer.record(record(retry));
    await writer.flush();
  }
  assert.equal(availability.away, true);
  away = false;
  availability.succeeded();
  await writer.flush();
  const stored = await store.db.selectFrom('usage_records').select('id').execute();
  assert.equal(stored.length, 5, 'every record written once the database is back');
  const told = logger.lines.filter((line) => line.level !== 'debug').map((line) => `${line.level}: ${line.message}`);
  assert.deepEqual(told, ['warn: database unavailable; serving from what this replica holds until it returns', 'info: database available again']);
  await writer.close();
  availability.close();
  await store.close();
});
