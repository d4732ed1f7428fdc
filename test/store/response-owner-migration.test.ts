/**
 * Migration 0004_response_owner on both databases: responses stored before responses had owners
 * stay with anonymous callers when the database never held a gateway key (then no key can have
 * made them), and belong to nobody when it did (their key cannot be known).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, sql } from 'kysely';
import { migrations } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { ResponseRecords } from '../../src/conversations/response-records.js';
import { anonymousOwner, responseOwner, unknownOwner } from '../../src/conversations/response-owner.js';
import { scratchDatabases, type Scratch } from './scratch-databases.js';

const databases = scratchDatabases;

/** A database migrated up to 0003 holding one stored response, and a gateway key when `withKey`. */
async function storedBeforeOwners(scratch: Scratch, withKey: boolean): Promise<void> {
  const db = scratch.before();
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo('0003_usage_records');
    if (error !== undefined) throw error;
    await sql`insert into responses (id, created_at, model, previous_response_id, turn, body)
      values ('resp_old', 1763700000000, 'chat', null, ${JSON.stringify({ system: [], messages: [], answer: { content: [] } })}, '{"id":"resp_old"}')`.execute(db);
    if (withKey) {
      await sql`insert into gateway_keys (id, name, hash, prefix, metadata, created_at) values ('key_a', 'a', 'hash-a', 'sk-il-a', '{}', 1763700000000)`.execute(db);
    }
  } finally {
    await db.destroy();
  }
}

for (const database of databases) {
  describe(`stored responses from before owners, on ${database.name}`, () => {
    test('a database that never held a key gives them to anonymous callers', async () => {
      const scratch = await database.create();
      try {
        await storedBeforeOwners(scratch, false);
        const store = await openStore(scratch.location);
        const records = new ResponseRecords(async () => store);
        assert.equal((await records.get('resp_old', anonymousOwner))?.owner, anonymousOwner);
        await store.close();
      } finally {
        await scratch.drop();
      }
    });

    test('a database that held keys gives them to nobody', async () => {
      const scratch = await database.create();
      try {
        await storedBeforeOwners(scratch, true);
        const store = await openStore(scratch.location);
        const records = new ResponseRecords(async () => store);
        assert.equal(await records.get('resp_old', anonymousOwner), undefined);
        assert.equal(await records.get('resp_old', responseOwner('key_a')), undefined);
        assert.ok((await records.get('resp_old', unknownOwner)) !== undefined, 'kept, not deleted');
        await store.close();
      } finally {
        await scratch.drop();
      }
    });
  });
}
