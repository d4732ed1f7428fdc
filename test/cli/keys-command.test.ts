/**
 * `interlingua keys` in process (commands.test.ts runs it as a command): what create, list and
 * revoke print, and the message for a key that is not there.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runKeys } from '../../src/cli/keys.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-keys-'));
after(() => rmSync(directory, { recursive: true, force: true }));
const configFile = join(directory, 'gateway.yaml');
writeFileSync(configFile, 'adminKey: ${NEVER_SET_ADMIN_KEY}\nproviders: {}\n');

/** `interlingua keys ARGS --config gateway.yaml`: its exit code and what it printed. */
async function keys(...args: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const out = new Writable({ write: (chunk: Buffer, _encoding, done) => void ((output += chunk.toString()), done()) });
  const code = await runKeys([...args, '--config', configFile], out);
  return { code, output };
}

test('create prints what the key may do, then the key alone on the last line; list and revoke never print it', async () => {
  const created = await keys('create', '--name', 'search-team', '--models', 'gpt-4o,claude-*', '--tpm', '20000', '--budget', '25', '--budget-period', 'week');
  assert.equal(created.code, 0);
  const [summary, key, end] = created.output.split('\n');
  assert.match(summary ?? '', /^search-team \(key_\w+, sk-il-[\w-]+…\), models gpt-4o,claude-\*, 20000 tpm, budget \$25\/week, created \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  assert.match(key ?? '', /^sk-il-\S+$/);
  assert.equal(end, '');

  const listed = await keys('list', '--json');
  const records = listed.output.trimEnd().split('\n').map((line) => JSON.parse(line) as { name: string; tpm?: number });
  assert.deepEqual(records.map((record) => [record.name, record.tpm]), [['search-team', 20000]]);
  assert.ok(!listed.output.includes(key ?? 'no key'), 'the key itself is not listed');

  const revoked = await keys('revoke', 'search-team');
  assert.equal(revoked.code, 0);
  assert.match(revoked.output, /^revoked search-team \(key_\w+, sk-il-[\w-]+…\), .* revoked \d{4}-\d\d-\d\d \d\d:\d\d UTC\n$/);
  assert.match((await keys('list')).output, /^search-team .*, revoked /);
});

test('revoking a key that is not there says so and where to look', async () => {
  await assert.rejects(keys('revoke', 'no-such-key'), { message: 'keys revoke: no key has the name or id "no-such-key"; "interlingua keys list" shows them' });
});
