/**
 * A database the gateway cannot start on says what to do: one written by a newer interlingua
 * (a migration this version does not know) was reported as "corrupted migrations", and a damaged
 * file only as SQLite's "database disk image is malformed".
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { openStore } from '../../src/store/open-store.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-sqlite-start-messages-'));
after(() => rmSync(directory, { recursive: true, force: true }));

async function madeDatabase(name: string): Promise<string> {
  const path = join(directory, name);
  const store = await openStore({ kind: 'sqlite', path });
  await store.close();
  return path;
}

test('a database a newer version migrated asks for an upgrade or a backup', async () => {
  const path = await madeDatabase('newer.db');
  const database = new SqliteDatabase(path);
  database.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999_future', '2030-01-01T00:00:00.000Z');
  database.close();
  await assert.rejects(openStore({ kind: 'sqlite', path }), (error: Error) => {
    assert.ok(error.message.includes(path), error.message);
    assert.match(error.message, /written by a newer interlingua \(unknown migration 9999_future\): upgrade, or restore a backup/);
    return true;
  });
});

test('a damaged file is said to be damaged, naming it', async () => {
  const path = await madeDatabase('damaged.db');
  // Page 2 and on overwritten: the header still says SQLite, the tables are garbage.
  const file = openSync(path, 'r+');
  writeSync(file, Buffer.alloc(8192, 0xff), 0, 8192, 4096);
  closeSync(file);
  await assert.rejects(openStore({ kind: 'sqlite', path }), (error: Error) => {
    assert.ok(error.message.includes(path), error.message);
    assert.match(error.message, /is damaged/);
    assert.match(error.message, /restore a backup/);
    return true;
  });
});
