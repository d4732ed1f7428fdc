/**
 * An SQLite file the gateway cannot use stops its start with an error that names the file:
 * SQLite's own messages ("unable to open database file", "file is not a database", "disk I/O
 * error") name none, and an operator must know which path to look at.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingDatabaseError, openStore } from '../../src/store/open-store.js';
import { isStoreOutage } from '../../src/store/store-outage.js';

async function openingError(path: string): Promise<Error> {
  try {
    const store = await openStore({ kind: 'sqlite', path });
    await store.close();
  } catch (error) {
    return error as Error;
  }
  assert.fail(`${path} opened`);
}

test('a path SQLite cannot open, or a file that is no database, is named in the error', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-sqlite-open-'));
  try {
    const aDirectory = join(directory, 'a-directory.db');
    mkdirSync(aDirectory);
    const cannotOpen = await openingError(aDirectory);
    assert.ok(cannotOpen.message.includes(aDirectory), cannotOpen.message);
    assert.match(cannotOpen.message, /unable to open database file/);
    assert.ok(isStoreOutage(cannotOpen), 'SQLite\'s code is kept (SQLITE_CANTOPEN)');

    const garbage = join(directory, 'garbage.db');
    writeFileSync(garbage, 'this is not an SQLite database, only text long enough to have a header '.repeat(20));
    const notDatabase = await openingError(garbage);
    assert.ok(notDatabase.message.includes(garbage), notDatabase.message);
    assert.match(notDatabase.message, /file is not a database/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('opened with existingOnly, a file that is not there is said to be missing, and nothing is created', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-sqlite-open-'));
  try {
    const missing = join(directory, 'no-such-folder', 'interlingua.db');
    await assert.rejects(openStore({ kind: 'sqlite', path: missing }, undefined, { existingOnly: true }), (error: unknown) => {
      assert.ok(error instanceof MissingDatabaseError);
      assert.equal(error.path, missing);
      return true;
    });
    assert.equal(existsSync(join(directory, 'no-such-folder')), false, 'no folder made');
    // A file that is there opens as ever.
    const made = await openStore({ kind: 'sqlite', path: join(directory, 'made.db') });
    await made.close();
    const reopened = await openStore({ kind: 'sqlite', path: join(directory, 'made.db') }, undefined, { existingOnly: true });
    await reopened.close();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
