/**
 * Another process holding an SQLite file's write lock: a write that waits for it past its
 * deadline marks the database away, and the `select 1` probe, which a held write lock does not
 * stop, ended that outage every 500 ms while the lock was still held (five outages in 8 s).
 * Now a missed deadline counts as a failed write, and the outage ends once the lock can be taken.
 * And a write that gives up on the lock names the file and says why.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreHandle } from '../../src/store/store-handle.js';
import { StoreDeadline, StoreDeadlineError } from '../../src/store/store-deadline.js';
import { writeRows } from '../../src/store/row-write.js';
import { openStore } from '../../src/store/open-store.js';
import { isLockHeldElsewhere, writeWhenUnlocked } from '../../src/store/sqlite-lock-wait.js';
import { holdWriteLock } from './write-lock-holder.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-sqlite-lock-outage-'));
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

test('a write that missed its deadline on a held lock keeps the database away until the lock is free', async () => {
  const path = join(directory, 'held.db');
  const handle = new StoreHandle({ kind: 'sqlite', path });
  const changes: boolean[] = [];
  handle.availability.listen({ changed: (_store, away) => void changes.push(away) });
  const deadline = new StoreDeadline(handle.availability, 100);
  try {
    await handle.get();
    const holder = holdWriteLock(path, 2_000);
    await holder.taken;
    await assert.rejects(
      deadline.run(async (signal) => writeRows(await handle.get(), (await handle.get()).db.deleteFrom('responses').where('id', '=', 'none'), signal)),
      StoreDeadlineError,
    );
    assert.equal(handle.availability.away, true);
    await holder.released;
    assert.deepEqual(changes, [true], `no outage ended while the lock was held (probes every 500 ms): ${JSON.stringify(changes)}`);
    // Once the lock is free, the next probe takes it and ends the outage, with no usage batch to write.
    await heldOpen(new Promise<void>((resolve) => handle.availability.listen({ changed: (_store, away) => !away && resolve() })));
    assert.deepEqual(changes, [true, false]);
  } finally {
    await handle.close();
  }
});

test('a write that gives up on a held lock names the file and the other process', async () => {
  const path = join(directory, 'named.db');
  const store = await openStore({ kind: 'sqlite', path });
  try {
    const holder = holdWriteLock(path, 800);
    await holder.taken;
    const sqlite = store.sqlite!;
    await assert.rejects(
      writeWhenUnlocked(sqlite, () => sqlite.prepare("delete from responses where id = 'none'").run(), 100),
      (error: Error) => {
        assert.ok(error.message.includes(path), error.message);
        assert.match(error.message, /another process holds its write lock/);
        assert.ok(isLockHeldElsewhere(error), 'SQLite\'s code (SQLITE_BUSY) is kept');
        return true;
      },
    );
    await holder.released;
  } finally {
    await store.close();
  }
});
