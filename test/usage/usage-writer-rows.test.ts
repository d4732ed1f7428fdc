/**
 * The SQLite writer binds several rows to one INSERT statement and the rest of a batch one row at a
 * time: every row must land whole, each value in its own column, and an id already stored (or
 * repeated in the batch) must be skipped without taking its neighbours with it.
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

const directory = mkdtempSync(join(tmpdir(), 'interlingua-usage-rows-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/** Each record's fields differ from its neighbours', so a value bound to the wrong row or column shows. */
function record(index: number): UsageRecord {
  return {
    id: `req_${String(index).padStart(4, '0')}`,
    createdAt: 10_000 + index,
    model: `model-${index}`,
    caller: index % 2 === 0 ? 'openai-chat' : 'anthropic',
    stream: index % 3 === 0,
    status: index % 5 === 0 ? 429 : 200,
    inputTokens: 100 + index,
    outputTokens: 200 + index,
    cachedTokens: index,
    reasoningTokens: 2 * index,
    cost: index % 4 === 0 ? null : index / 1000,
    latencyMs: 300 + index,
    ...(index % 2 === 0 ? { keyId: `key-${index}`, keyName: `name-${index}` } : {}),
    ...(index % 5 === 0 ? { errorCode: 'rate_limited', errorMessage: `slow down ${index}` } : {}),
    ...(index % 3 === 0 ? { ttftMs: 50 + index, requestId: `request-${index}`, estimated: true } : {}),
    ...(index % 7 === 0 ? { deployment: `provider/model-${index}`, attempts: [{ deployment: `provider/model-${index}`, status: 200, ms: 40 + index }] } : {}),
  };
}

function expectedRow(index: number): Record<string, unknown> {
  const source = record(index);
  return {
    id: source.id,
    created_at: source.createdAt,
    key_id: source.keyId ?? null,
    key_name: source.keyName ?? null,
    model: source.model,
    deployment: source.deployment ?? null,
    caller: source.caller,
    stream: source.stream ? 1 : 0,
    status: source.status,
    error_code: source.errorCode ?? null,
    input_tokens: source.inputTokens,
    output_tokens: source.outputTokens,
    cached_tokens: source.cachedTokens,
    reasoning_tokens: source.reasoningTokens,
    cost: source.cost ?? 0,
    no_price: source.cost === null ? 1 : null,
    latency_ms: source.latencyMs,
    ttft_ms: source.ttftMs ?? null,
    request_id: source.requestId ?? null,
    error_message: source.errorMessage ?? null,
    attempts: source.attempts === undefined ? null : JSON.stringify(source.attempts),
    usage_estimated: source.estimated === true ? 1 : null,
  };
}

test('a batch of several statements and single rows stores every record whole, once, each value in its column', async () => {
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'rows.db') });
  try {
    const sqlite = store.sqlite;
    assert.ok(sqlite !== undefined);
    const writer = new UsageWriter(async () => store, silentLogger, { batchSize: 1_000, sqliteTransactionRows: 100, intervalMs: 60_000 });
    // Record 3 is stored before the batch; the batch then holds it again, and record 11 twice.
    writer.record(record(3));
    await writer.flush();
    sqlite.prepare("update usage_records set model = 'stored first' where id = ?").run(record(3).id);
    const indexes = [...Array.from({ length: 23 }, (_, index) => index), 11];
    for (const index of indexes) writer.record(record(index));
    await writer.flush();
    const rows = sqlite.prepare('select * from usage_records order by id').all() as Array<Record<string, unknown>>;
    assert.equal(rows.length, 23);
    for (const [index, row] of rows.entries()) {
      const expected = index === 3 ? { ...expectedRow(3), model: 'stored first' } : expectedRow(index);
      assert.deepEqual(row, expected, `row ${index}`);
    }
    await writer.close();
  } finally {
    await store.close();
  }
});
