/**
 * Commands that only read (`keys list`, `keys revoke`, `usage`) pointed at an SQLite file that is
 * not there say so, naming the file and where its location came from, and exit 1, leaving no
 * file or folder behind; `keys create` still makes the database.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { runKeys } from '../../src/cli/keys.js';
import { runUsage } from '../../src/cli/usage.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-missing-db-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/** The compiled entry point beside this test, so the command runs the code this test was built with. */
const mainModule = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** `interlingua ARGS` in a process of its own: its exit code and standard error. */
function runMain(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  const script = `const { main } = await import(${JSON.stringify(mainModule)}); process.exitCode = await main(${JSON.stringify(args)});`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd, env: { ...process.env, INTERLINGUA_DATA_DIR: '' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
    child.stdin.end();
  });
}

test('keys list, keys revoke and usage refuse a database that is not there, naming it, and create nothing', async () => {
  const typo = join(directory, 'var', 'lib', 'interlinuga.db');
  const configFile = join(directory, 'typo.yaml');
  writeFileSync(configFile, `database:\n  url: sqlite:${typo}\n`);
  const said = `no database at ${typo} (database.url in ${configFile})`;
  for (const run of [() => runKeys(['list', '--config', configFile], discard()), () => runKeys(['revoke', 'ci-bot', '--config', configFile], discard()), () => runUsage(['--config', configFile], discard())]) {
    await assert.rejects(run(), (error: Error) => error.message.startsWith(said));
  }
  assert.equal(existsSync(join(directory, 'var')), false, 'no folder was made');

  assert.equal(await runKeys(['create', '--name', 'ci-bot', '--config', configFile], discard()), 0);
  assert.ok(existsSync(typo), 'keys create makes the database');
  assert.equal(await runKeys(['list', '--config', configFile], discard()), 0);
});

test('run as a command, a read without a database exits 1 and says where the default file was looked for', async () => {
  const empty = mkdtempSync(join(directory, 'elsewhere-'));
  for (const args of [['keys', 'list'], ['usage']]) {
    const result = await runMain(args, empty);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stderr, `interlingua: no database at ${join(empty, 'interlingua.db')} (the default in the working directory); "interlingua serve" or "interlingua keys create" makes one there\n`);
  }
  assert.deepEqual(readdirSync(empty), [], 'nothing was created');
});
