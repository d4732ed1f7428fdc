/**
 * `keys` and `usage` read only the configuration's `database` section, but a misspelt top-level
 * key (`databse:`) is refused as `serve` refuses it, rather than passing for absent and sending the
 * command to the default database; `usage --key NAME` for a name no key has says so and exits 1;
 * `keys create` refuses a name with control characters.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runKeys } from '../../src/cli/keys.js';
import { runUsage } from '../../src/cli/usage.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-store-commands-'));
after(() => rmSync(directory, { recursive: true, force: true }));
// Where a command would put its default database: here, not in the folder the tests run from.
const dataDirectory = join(directory, 'data');
process.env.INTERLINGUA_DATA_DIR = dataDirectory;

function collector(): { out: Writable; text: () => string } {
  let text = '';
  return { out: new Writable({ write: (chunk: Buffer, _encoding, done) => void ((text += chunk.toString()), done()) }), text: () => text };
}

const databaseFile = join(directory, 'keys.db');
const configFile = join(directory, 'gateway.yaml');
writeFileSync(configFile, `adminKey: \${NEVER_SET_ADMIN_KEY}\ndatabase:\n  url: sqlite:${databaseFile}\n`);

test('a misspelt top-level key is refused by keys and usage, with the closest known key, and no database is made', async () => {
  const typo = join(directory, 'typo.yaml');
  writeFileSync(typo, `databse:\n  url: sqlite:${join(directory, 'other.db')}\nproviders: {}\n`);
  const message = `${typo}: databse: unknown key (did you mean "database"?)`;
  await assert.rejects(runKeys(['create', '--name', 'ci', '--config', typo], collector().out), { message });
  await assert.rejects(runKeys(['list', '--config', typo], collector().out), { message });
  await assert.rejects(runUsage(['--config', typo], collector().out), { message });
  assert.equal(existsSync(dataDirectory) ? readdirSync(dataDirectory).length : 0, 0, 'nothing was written to the default database');
});

test('usage --key with a name no key has says so; a key with no requests yet shows an empty table', async () => {
  assert.equal(await runKeys(['create', '--name', 'alice', '--config', configFile], collector().out), 0);
  await assert.rejects(runUsage(['--config', configFile, '--key', 'nobody'], collector().out), {
    message: 'usage: no key is named "nobody"; "interlingua keys list" shows them',
  });
  await assert.rejects(runUsage(['--config', configFile, '--key', 'nobody', '--json'], collector().out), /no key is named "nobody"/);
  const shown = collector();
  assert.equal(await runUsage(['--config', configFile, '--key', 'alice'], shown.out), 0);
  assert.match(shown.text(), /^no requests recorded\n0 requests/);
});

test('keys create refuses a name with a line break or a terminal escape, and makes no key', async () => {
  for (const name of ['two\nlines', '\u001b[31mred']) {
    await assert.rejects(runKeys(['create', '--name', name, '--config', configFile], collector().out), /name: may not contain control characters/);
  }
  const listed = collector();
  assert.equal(await runKeys(['list', '--json', '--config', configFile], listed.out), 0);
  assert.deepEqual(listed.text().trimEnd().split('\n').map((line) => (JSON.parse(line) as { name: string }).name), ['alice']);
});
