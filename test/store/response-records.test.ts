/**
 * The stored-response records on both databases the store runs on: the default SQLite file and
 * PostgreSQL (multi-replica mode), through the same migrations and queries.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, type Store } from '../../src/store/open-store.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { ResponseRecords, maxChainLength } from '../../src/conversations/response-records.js';
import type { StoredResponse } from '../../src/conversations/stored-turn.js';
import { anonymousOwner, responseOwner } from '../../src/conversations/response-owner.js';
import { createTestDatabase, type TestDatabase } from './postgres-database.js';
import { holdWriteLock, longestStall } from './write-lock-holder.js';
import { StoreAvailability } from '../../src/store/store-availability.js';
import { StoreDeadline } from '../../src/store/store-deadline.js';
import { StoreAwayError } from '../../src/store/store-outage.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const owner = responseOwner('key_owner');

function turnRecord(id: string, previous: string | null, text: string, by = owner): StoredResponse {
  return {
    id,
    createdAt: 1_763_700_000_000,
    model: 'chat',
    previousResponseId: previous,
    owner: by,
    turn: { system: [], messages: [{ role: 'user', content: [{ type: 'text', text }] }], answer: { content: [{ type: 'text', text: `re: ${text}` }] } },
    body: { id, object: 'response', output_text_for_test: text },
  };
}

const databases: Array<{ name: string; open: () => Promise<{ store: Store; cleanup: () => Promise<void> }> }> = [
  {
    name: 'SQLite',
    open: async () => ({ store: await openStore({ kind: 'sqlite', path: ':memory:' }), cleanup: async () => {} }),
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const database: TestDatabase = await createTestDatabase();
      return { store: await openStore(parseDatabaseUrl(database.url, '.')), cleanup: () => database.drop() };
    },
  },
];

for (const database of databases) {
  describe(`stored responses on ${database.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let records: ResponseRecords;
    before(async () => {
      ({ store, cleanup } = await database.open());
      records = new ResponseRecords(async () => store);
    });
    after(async () => {
      await store.close();
      await cleanup();
    });

    test('a saved response reads back whole', async () => {
      const saved = turnRecord('resp_a', null, 'first');
      await records.save(saved);
      assert.deepEqual(await records.get('resp_a', owner), saved);
      assert.equal(await records.get('resp_missing', owner), undefined);
    });

    test('a chain reads back oldest first, and a deleted link ends it there', async () => {
      await records.save(turnRecord('resp_1', null, 'one'));
      await records.save(turnRecord('resp_2', 'resp_1', 'two'));
      await records.save(turnRecord('resp_3', 'resp_2', 'three'));
      const texts = (await records.chain('resp_3', owner))?.map((turn) => (turn.messages[0]?.content[0] as { text: string }).text);
      assert.deepEqual(texts, ['one', 'two', 'three']);
      assert.equal(await records.delete('resp_1', owner), true);
      assert.equal(await records.delete('resp_1', owner), false);
      assert.equal((await records.chain('resp_3', owner))?.length, 2);
      assert.equal(await records.chain('resp_nowhere', owner), undefined);
    });

    test('a chain that loops back on itself stops', async () => {
      await records.save(turnRecord('resp_x', 'resp_y', 'x'));
      await records.save(turnRecord('resp_y', 'resp_x', 'y'));
      assert.equal((await records.chain('resp_x', owner))?.length, 2);
      assert.ok(maxChainLength >= 100);
    });

    test("another owner's response reads, chains and deletes as a missing one", async () => {
      await records.save(turnRecord('resp_mine', null, 'mine'));
      await records.save(turnRecord('resp_theirs', 'resp_mine', 'theirs', responseOwner('key_other')));
      await records.save(turnRecord('resp_anonymous', null, 'anonymous', anonymousOwner));
      assert.equal(await records.get('resp_mine', responseOwner('key_other')), undefined);
      assert.equal(await records.get('resp_mine', anonymousOwner), undefined);
      assert.equal(await records.get('resp_anonymous', owner), undefined);
      assert.equal((await records.get('resp_anonymous', anonymousOwner))?.owner, anonymousOwner);
      assert.equal(await records.chain('resp_mine', anonymousOwner), undefined);
      assert.equal((await records.chain('resp_theirs', responseOwner('key_other')))?.length, 1, "a link to another owner's turn ends the chain");
      assert.equal(await records.delete('resp_mine', responseOwner('key_other')), false);
      assert.equal((await records.get('resp_mine', owner))?.id, 'resp_mine', 'still there for its owner');
    });

    test('an id is stored once', async () => {
      await records.save(turnRecord('resp_once', null, 'once'));
      await assert.rejects(records.save(turnRecord('resp_once', null, 'twice')));
    });
  });
}

test('migrations run once: opening a migrated database again changes nothing', async () => {
  const database = await createTestDatabase();
  try {
    const first = await openStore(parseDatabaseUrl(database.url, '.'));
    await new ResponseRecords(async () => first).save(turnRecord('resp_kept', null, 'kept'));
    await first.close();
    const second = await openStore(parseDatabaseUrl(database.url, '.'));
    assert.equal((await new ResponseRecords(async () => second).get('resp_kept', owner))?.id, 'resp_kept');
    await second.close();
  } finally {
    await database.drop();
  }
});

describe('database.url', () => {
  test('names SQLite files, memory, or a PostgreSQL server', () => {
    assert.deepEqual(parseDatabaseUrl('state.db', '/srv/gw'), { kind: 'sqlite', path: '/srv/gw/state.db' });
    assert.deepEqual(parseDatabaseUrl('sqlite:data/x.db', '/srv/gw'), { kind: 'sqlite', path: '/srv/gw/data/x.db' });
    assert.deepEqual(parseDatabaseUrl('sqlite:///var/lib/x.db', '/srv/gw'), { kind: 'sqlite', path: '/var/lib/x.db' });
    assert.deepEqual(parseDatabaseUrl(':memory:', '/srv/gw'), { kind: 'sqlite', path: ':memory:' });
    assert.deepEqual(parseDatabaseUrl('postgres://u@db:5432/gw', '/srv/gw'), { kind: 'postgres', url: 'postgres://u@db:5432/gw' });
    assert.deepEqual(parseDatabaseUrl('postgresql://db/gw', '/'), { kind: 'postgres', url: 'postgresql://db/gw' });
  });
  test('refuses what is neither', () => {
    assert.throws(() => parseDatabaseUrl('mysql://db/gw', '/'), /neither a postgres:\/\/ URL nor an SQLite file/);
    assert.throws(() => parseDatabaseUrl('sqlite:', '/'), /names no SQLite file/);
  });
});

test('on an SQLite file another process is writing, a response is saved once the lock is free, the event loop free meanwhile', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-responses-lock-'));
  const path = join(directory, 'shared.db');
  const store = await openStore({ kind: 'sqlite', path });
  try {
    const records = new ResponseRecords(async () => store);
    const holder = holdWriteLock(path, 400);
    await holder.taken;
    const stall = await longestStall(Promise.all([records.save(turnRecord('resp_locked', null, 'hello')), holder.released]));
    assert.ok(stall < 150, `the event loop never stood still waiting for the lock (longest stall ${stall} ms, the lock was held 400 ms)`);
    assert.equal((await records.get('resp_locked', owner))?.id, 'resp_locked');
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
});

test('on an SQLite file another process is writing, a delete waits for the lock with the event loop free', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-responses-lock-'));
  const path = join(directory, 'shared.db');
  const store = await openStore({ kind: 'sqlite', path });
  try {
    const records = new ResponseRecords(async () => store);
    await records.save(turnRecord('resp_deleted', null, 'hello'));
    const holder = holdWriteLock(path, 400);
    await holder.taken;
    let deleted: boolean | undefined;
    const stall = await longestStall(Promise.all([records.delete('resp_deleted', owner).then((found) => (deleted = found)), holder.released]));
    assert.ok(stall < 150, `the event loop never stood still waiting for the lock (longest stall ${stall} ms, the lock was held 400 ms)`);
    assert.equal(deleted, true);
    assert.equal(await records.get('resp_deleted', owner), undefined);
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a write given up on at its deadline while another process holds the lock is not done later', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-responses-lock-'));
  const path = join(directory, 'shared.db');
  const store = await openStore({ kind: 'sqlite', path });
  const availability = new StoreAvailability('database', async () => {}, 60_000);
  try {
    const records = new ResponseRecords(async () => store, new StoreDeadline(availability, 100));
    await records.save(turnRecord('resp_kept', null, 'hello'));
    const holder = holdWriteLock(path, 500);
    await holder.taken;
    await assert.rejects(records.delete('resp_kept', owner), StoreAwayError);
    assert.equal(availability.away, true, 'the database counts as away');
    await holder.released;
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal((await new ResponseRecords(async () => store).get('resp_kept', owner))?.id, 'resp_kept', 'the caller was told it failed, and it did');
  } finally {
    availability.close();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
});
