/**
 * The SQLite file the store opens: WAL, so readers never wait on the writer, and synchronous
 * NORMAL, so no commit waits on the disk while it holds the event loop (src/store/open-store.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.js';

test('an SQLite store is in WAL mode with synchronous NORMAL', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-sqlite-settings-'));
  const store = await openStore({ kind: 'sqlite', path: join(directory, 'state.db') });
  try {
    const sqlite = store.sqlite;
    assert.ok(sqlite !== undefined);
    assert.equal(sqlite.pragma('journal_mode', { simple: true }), 'wal');
    // 1 is NORMAL (https://www.sqlite.org/pragma.html#pragma_synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA).
    assert.equal(sqlite.pragma('synchronous', { simple: true }), 1);
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
});
