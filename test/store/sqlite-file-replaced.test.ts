/**
 * An SQLite file deleted or replaced while the gateway has it open (`rm`, or a backup restored
 * with `mv`): the connection kept writing to the unlinked file, so every later usage record,
 * stored response and key was lost, and a key revoked in the file now at the path was never
 * seen. The handle finds the change, logs it naming the file, and opens the path again.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { openStore } from '../../src/store/open-store.js';
import { StoreHandle } from '../../src/store/store-handle.js';
import { UsageWriter } from '../../src/usage/usage-writer.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import type { Logger } from '../../src/gateway/logger.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-sqlite-file-replaced-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/**
 * `waited`, with the process held open meanwhile: the handle's timers (file checks, probes) are
 * unref'd so as never to keep a process alive, and nothing else here is.
 */
async function heldOpen<T>(waited: Promise<T>): Promise<T> {
  const alive = setInterval(() => {}, 1_000);
  try {
    return await waited;
  } finally {
    clearInterval(alive);
  }
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function record(id: string): UsageRecord {
  return { id, createdAt: 1_000, model: 'chat', caller: 'openai-chat', stream: false, status: 200, inputTokens: 3, outputTokens: 4, cachedTokens: 0, reasoningTokens: 0, cost: 0.001, latencyMs: 5 };
}

/** The usage record ids in the file at `path` now, read by a connection of its own. */
function idsOnDisk(path: string): string[] {
  const database = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    return (database.prepare('select id from usage_records order by id').all() as Array<{ id: string }>).map((row) => row.id);
  } finally {
    database.close();
  }
}

function handleWithLog(path: string): { handle: StoreHandle; errors: Array<{ message: string; fields?: Record<string, unknown> }>; reopened: () => Promise<void> } {
  const handle = new StoreHandle({ kind: 'sqlite', path }, { fileCheckMs: 20 });
  const errors: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  handle.availability.useLog({ warn() {}, info() {}, error: (message, fields) => void errors.push({ message, ...(fields ? { fields } : {}) }) });
  let waiting: Array<() => void> = [];
  handle.onReopened(() => {
    for (const resolve of waiting) resolve();
    waiting = [];
  });
  return { handle, errors, reopened: () => new Promise((resolve) => waiting.push(resolve)) };
}

test('a deleted database file is made again at its path, and the usage records still queued land in it', async () => {
  const path = join(directory, 'deleted.db');
  const { handle, errors, reopened } = handleWithLog(path);
  const writer = new UsageWriter(() => handle.get(), quiet, { intervalMs: 60_000, availability: handle.availability });
  try {
    await handle.get();
    writer.record(record('before'));
    await writer.flush();
    assert.deepEqual(idsOnDisk(path), ['before']);

    const found = reopened();
    writer.record(record('queued'));
    rmSync(path);
    await heldOpen(found);
    writer.record(record('after'));
    await writer.flush();

    assert.deepEqual(idsOnDisk(path), ['after', 'queued'], 'written to the file at the path, which the migrations made anew');
    assert.ok(errors[0]!.message.includes(path), errors[0]!.message);
    assert.match(errors[0]!.message, /deleted/);
    assert.deepEqual(errors[1]?.fields?.deleted, [`${path}-wal`, `${path}-shm`], 'the old file\'s log is not left for the new file');
  } finally {
    await writer.close();
    await handle.close();
  }
});

test('a database file replaced by a backup (mv) is opened again: its keys are read and later writes go to it', async () => {
  const path = join(directory, 'replaced.db');
  const backupPath = join(directory, 'backup.db');
  const backup = await openStore({ kind: 'sqlite', path: backupPath });
  await backup.db
    .insertInto('gateway_keys')
    .values({ id: 'key_restored', name: 'restored', hash: 'h', prefix: 'p', models: null, rpm: null, tpm: null, budget: null, budget_period: null, expires_at: null, metadata: '{}', created_at: 1, revoked_at: 5 })
    .execute();
  await backup.close();

  const { handle, errors, reopened } = handleWithLog(path);
  const writer = new UsageWriter(() => handle.get(), quiet, { intervalMs: 60_000, availability: handle.availability });
  try {
    await handle.get();
    const found = reopened();
    renameSync(backupPath, path);
    await heldOpen(found);

    const key = await (await handle.get()).db.selectFrom('gateway_keys').select(['id', 'revoked_at']).executeTakeFirst();
    assert.deepEqual(key, { id: 'key_restored', revoked_at: 5 }, 'the key as the restored file holds it');
    writer.record(record('after-restore'));
    await writer.flush();
    assert.deepEqual(idsOnDisk(path), ['after-restore']);
    assert.ok(errors[0]!.message.includes(path), errors[0]!.message);
    assert.match(errors[0]!.message, /replaced/);
  } finally {
    await writer.close();
    await handle.close();
  }
});
