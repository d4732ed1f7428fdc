/**
 * A string that is one key's id and another key's name. `interlingua keys revoke` once revoked
 * whichever row the database returned first, and said "revoked" with exit 0 on every rerun while
 * the key meant stayed active; now it refuses, names both keys and how to name each alone, and
 * revokes nothing. The admin API (which the console calls with ids) takes such a string as the id.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runKeys } from '../../src/cli/keys.js';
import { openStore } from '../../src/store/open-store.js';
import { KeyRecords } from '../../src/keys/key-records.js';
import { scratchDatabases } from '../store/scratch-databases.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-keys-ambiguous-'));
after(() => rmSync(directory, { recursive: true, force: true }));
const configFile = join(directory, 'gateway.yaml');
writeFileSync(configFile, `database:\n  url: ${join(directory, 'keys.db')}\n`);

async function keys(...args: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const out = new Writable({ write: (chunk: Buffer, _encoding, done) => void ((output += chunk.toString()), done()) });
  const code = await runKeys([...args, '--config', configFile], out);
  return { code, output };
}

async function listed(): Promise<Array<{ id: string; name: string; revokedAt?: number }>> {
  return (await keys('list', '--json')).output.trimEnd().split('\n').map((line) => JSON.parse(line) as { id: string; name: string; revokedAt?: number });
}

test('keys revoke refuses a string that is one key\'s id and another\'s name, naming both, and revokes neither', async () => {
  await keys('create', '--name', 'victim-target');
  const target = (await listed())[0];
  assert.ok(target !== undefined);
  await keys('create', '--name', target.id);
  const innocent = (await listed()).find((key) => key.name === target.id);
  assert.ok(innocent !== undefined);

  for (let attempt = 0; attempt < 2; attempt++) {
    await assert.rejects(keys('revoke', target.id), {
      message:
        `keys revoke: "${target.id}" is both the id of the key "victim-target" and the name of the key ${innocent.id}; nothing was revoked. ` +
        `Name the one you mean: interlingua keys revoke "victim-target" (by its name), or interlingua keys revoke ${innocent.id} (by its id)`,
    });
  }
  assert.deepEqual((await listed()).map((key) => [key.name, key.revokedAt === undefined]), [['victim-target', true], [target.id, true]], 'both keys are active');

  assert.equal((await keys('revoke', 'victim-target')).code, 0);
  assert.deepEqual((await listed()).map((key) => [key.name, key.revokedAt === undefined]), [['victim-target', false], [target.id, true]], 'the key meant, by its name');
  assert.equal((await keys('revoke', innocent.id)).code, 0);
  assert.deepEqual((await listed()).map((key) => key.revokedAt === undefined), [false, false]);
});

for (const { name: storeName, create } of scratchDatabases) {
  test(`${storeName}: through the records the admin API uses, such a string means the key with that id, for changing and for revoking`, async () => {
    const scratch = await create();
    const store = await openStore(scratch.location);
    try {
      const records = new KeyRecords(async () => store);
      const { record: holder } = await records.create({ name: 'holder' });
      const { record: namesake } = await records.create({ name: holder.id });
      assert.equal((await records.update(holder.id, { rpm: 3 }))?.id, holder.id);
      assert.equal((await records.update(holder.id, { tpm: 30 }))?.id, holder.id);
      assert.equal((await records.revoke(holder.id))?.id, holder.id);
      const now = await records.list();
      assert.deepEqual(
        now.map((key) => [key.id, key.rpm, key.tpm, key.revokedAt === undefined]),
        [
          [holder.id, 3, 30, false],
          [namesake.id, undefined, undefined, true],
        ],
      );
    } finally {
      await store.close();
      await scratch.drop();
    }
  });
}
