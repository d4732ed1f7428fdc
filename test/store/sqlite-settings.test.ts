/**
 * The SQLite file the store opens: WAL, so readers never wait on the writer; synchronous NORMAL,
 * so no commit waits on the disk while it holds the event loop; and the log checkpointed by a
 * thread of its own, never by the gateway's connection (src/store/open-store.ts, wal-checkpointer.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '../../src/store/open-store.js';

test('an SQLite store is in WAL mode with synchronous NORMAL, and its log is checkpointed off the event loop', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-sqlite-settings-'));
  const path = join(directory, 'state.db');
  const store = await openStore({ kind: 'sqlite', path });
  try {
    const sqlite = store.sqlite;
    assert.ok(sqlite !== undefined);
    assert.equal(sqlite.pragma('journal_mode', { simple: true }), 'wal');
    // 1 is NORMAL (https://www.sqlite.org/pragma.html#pragma_synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA).
    assert.equal(sqlite.pragma('synchronous', { simple: true }), 1);
    assert.equal(sqlite.pragma('wal_autocheckpoint', { simple: true }), 0);
    // Written to the log only: the database file holds none of it until a checkpoint copies it there.
    const before = statSync(path).size;
    sqlite.exec('create table filler (text text)');
    const insert = sqlite.prepare('insert into filler values (?)');
    sqlite.transaction(() => {
      for (let row = 0; row < 2_000; row++) insert.run('x'.repeat(1_000));
    })();
    assert.equal(statSync(path).size, before, 'the gateway connection does not checkpoint');
    // The checkpointing thread runs every second.
    for (let waited = 0; statSync(path).size <= before + 1_000_000 && waited < 5_000; waited += 100) await sleep(100);
    assert.ok(statSync(path).size > before + 1_000_000, `the log reached the database file (${statSync(path).size} bytes)`);
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
});
