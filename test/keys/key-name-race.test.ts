/**
 * Keys created with one name at the same moment (two replicas, two admins): one is made, and every
 * other is refused as a name that exists already (400 through the admin API), as one created after
 * it is. The look for the name runs before the insert, so both pass it; the name's UNIQUE
 * constraint then keeps the second insert from storing anything (it skips a conflicting row, so
 * that a try sent again after a lost answer is a no-op), where it once refused it with an error
 * answered as a 500. Each store as two replicas have it: two stores on one database.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, type Store } from '../../src/store/open-store.js';
import { KeyRecords } from '../../src/keys/key-records.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import { scratchDatabases } from '../store/scratch-databases.js';

for (const { name: storeName, create } of scratchDatabases) {
  test(`${storeName}: of keys created with one name at once, one is made and the others are told the name exists already`, async () => {
    const scratch = await create();
    const stores: Store[] = [];
    try {
      stores.push(await openStore(scratch.location), await openStore(scratch.location));
      const replicas = stores.map((store) => new KeyRecords(async () => store));
      for (let round = 0; round < 5; round++) {
        const name = `race-${round}`;
        const results = await Promise.allSettled(Array.from({ length: 4 }, (_, index) => (replicas[index % 2] as KeyRecords).create({ name })));
        const made = results.filter((result) => result.status === 'fulfilled');
        assert.equal(made.length, 1, `round ${round}: one key made`);
        for (const result of results) {
          if (result.status === 'fulfilled') continue;
          const error: unknown = result.reason;
          assert.ok(error instanceof InterlinguaError, `round ${round}: ${String(error)}`);
          assert.equal(error.code, 'invalid_request');
          assert.equal(error.message, `A key named "${name}" exists already.`);
        }
      }
      assert.equal((await replicas[0]?.list())?.length, 5);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await scratch.drop();
    }
  });
}
