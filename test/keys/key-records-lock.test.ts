/**
 * The admin API's key writes on an SQLite file another process is writing (a worker of
 * `serve --workers`, `interlingua keys`, a backup): they wait for its write lock with the event
 * loop free, so every other request goes on meanwhile, and are done once the lock is free.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.js';
import { KeyRecords } from '../../src/keys/key-records.js';
import { holdWriteLock, longestStall } from '../store/write-lock-holder.js';

test('creating, changing and revoking a key while another process holds the write lock never stalls the event loop', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-keys-lock-'));
  const path = join(directory, 'shared.db');
  const store = await openStore({ kind: 'sqlite', path });
  try {
    const records = new KeyRecords(async () => store);
    await records.create({ name: 'existing' });
    const holder = holdWriteLock(path, 400);
    await holder.taken;
    const writes = Promise.all([records.create({ name: 'made-while-locked' }), records.update('existing', { rpm: 7 }), records.revoke('existing')]);
    const stall = await longestStall(Promise.all([writes, holder.released]));
    assert.ok(stall < 150, `the event loop never stood still waiting for the lock (longest stall ${stall} ms, the lock was held 400 ms)`);
    const keys = await records.list();
    assert.deepEqual(keys.map((key) => key.name).sort(), ['existing', 'made-while-locked']);
    const existing = keys.find((key) => key.name === 'existing');
    assert.equal(existing?.rpm, 7);
    assert.ok(existing?.revokedAt !== undefined);
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
});
