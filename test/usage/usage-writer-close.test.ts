/**
 * What the usage writer does with records that are not plain queued ones when it closes: a record
 * still being completed (its tokens estimated) past the close's wait is recorded as seen, once;
 * one completed in time is recorded as completed; a record that comes after the close goes to the
 * spill file, for the next start, or is reported lost when there is none.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/open-store.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import type { Logger } from '../../src/gateway/logger.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-usage-close-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function record(id: string, outputTokens: number): UsageRecord {
  return { id, createdAt: 1_000, model: 'chat', caller: 'anthropic', stream: true, status: 499, errorCode: 'shutdown', inputTokens: 16, outputTokens, cachedTokens: 0, reasoningTokens: 0, cost: 0, latencyMs: 5 };
}

/** A logger that keeps what was said at warn and error. */
function listeningLogger(): Logger & { said: string[] } {
  const said: string[] = [];
  return { said, debug() {}, info() {}, warn: (message) => void said.push(message), error: (message) => void said.push(message) };
}

async function storedRecords(store: Store): Promise<Array<{ id: string; output_tokens: number }>> {
  return store.db.selectFrom('usage_records').select(['id', 'output_tokens']).orderBy('id').execute();
}

/** A completion settled by hand, recording (as the request meter does) once, whoever comes first. */
function pendingCompletion(writer: UsageWriter, id: string, estimatedTokens: number, seenTokens: number): { finish: () => void; asSeenCalls: () => number } {
  let recorded = false;
  let asSeenCalls = 0;
  let finish!: () => void;
  const completing = new Promise<void>((resolve) => (finish = resolve)).then(() => {
    if (recorded) return;
    recorded = true;
    writer.record(record(id, estimatedTokens));
  });
  writer.recordLater(completing, () => {
    asSeenCalls++;
    if (recorded) return;
    recorded = true;
    writer.record(record(id, seenTokens));
  });
  return { finish, asSeenCalls: () => asSeenCalls };
}

test('a record whose completion outlasts the close is written as seen, once', async () => {
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'late.db') });
  const logger = listeningLogger();
  const writer = new UsageWriter(async () => store, logger, { closeWaitMs: 100, intervalMs: 60_000 });
  const late = pendingCompletion(writer, 'late', 40, 5);
  const onTime = pendingCompletion(writer, 'on-time', 30, 2);
  setTimeout(onTime.finish, 10);
  await writer.close();
  assert.deepEqual(await storedRecords(store), [
    { id: 'late', output_tokens: 5 },
    { id: 'on-time', output_tokens: 30 },
  ]);
  assert.equal(late.asSeenCalls(), 1);
  assert.equal(onTime.asSeenCalls(), 0, 'a completion that finished in time is not recorded as seen');
  assert.ok(logger.said.some((message) => message.includes('without the token estimates')), logger.said.join('; '));
  late.finish();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal((await storedRecords(store)).length, 2, 'the late completion records nothing more');
  await store.close();
});

test('a record after the close goes to the spill file, and the next start writes it', async () => {
  const path = join(directory, 'after.db');
  const spillFile = join(directory, 'after.jsonl');
  const first = await openStore({ kind: 'sqlite', path });
  const writer = new UsageWriter(async () => first, listeningLogger(), { spillFile, intervalMs: 60_000 });
  writer.record(record('before', 1));
  await writer.close();
  writer.record(record('after', 2));
  assert.ok(existsSync(spillFile));
  await first.close();

  const second = await openStore({ kind: 'sqlite', path });
  const next = new UsageWriter(async () => second, listeningLogger(), { spillFile, intervalMs: 60_000 });
  await next.replaySpill();
  assert.deepEqual((await storedRecords(second)).map((row) => row.id), ['after', 'before']);
  await next.close();
  await second.close();
});

test('a record after the close without a spill file is reported lost', async () => {
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'lost.db') });
  const logger = listeningLogger();
  const writer = new UsageWriter(async () => store, logger, { intervalMs: 60_000 });
  await writer.close();
  writer.record(record('after', 2));
  assert.ok(logger.said.some((message) => message.includes('after shutdown')), logger.said.join('; '));
  assert.deepEqual(await storedRecords(store), []);
  await store.close();
});
