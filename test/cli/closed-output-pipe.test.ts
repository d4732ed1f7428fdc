/**
 * `interlingua convert … | head -c 0` and `interlingua keys list | head -1`: a reader that has
 * closed its end before the command writes ends the command quietly with exit 0, as for `usage`,
 * not with an EPIPE stack trace ("EPIPE (Broken pipe): A write on a pipe, socket, or FIFO for
 * which there is no process to read the data": https://nodejs.org/api/errors.html#common-system-errors).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { runKeys } from '../../src/cli/keys.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-closed-pipe-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/** The compiled entry point beside this test, so the command runs the code this test was built with. */
const mainModule = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** `interlingua ARGS` with its standard output (and, with `closeErrors`, its standard error) closed by the reader at once. */
function runWithReaderGone(args: string[], closeErrors = false): Promise<{ code: number | null; stderr: string }> {
  const script = `const { main } = await import(${JSON.stringify(mainModule)}); process.exitCode = await main(${JSON.stringify(args)});`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    if (closeErrors) child.stderr.destroy();
    else child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('convert with its reader gone ends quietly with exit 0, standard error too', async () => {
  const request = join(directory, 'request.json');
  // logit_bias has no Anthropic equivalent: a warning is written to standard error as well.
  writeFileSync(request, JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], logit_bias: { '1': 2 } }));
  const args = ['convert', '--from', 'openai-chat', '--to', 'anthropic', request];
  assert.deepEqual(await runWithReaderGone(args), { code: 0, stderr: 'warning (unsupported) logit_bias: "logit_bias" (openai-chat) has no equivalent in anthropic and was left out.\n' });
  assert.deepEqual(await runWithReaderGone(args, true), { code: 0, stderr: '' });
});

test('keys list with its reader gone ends quietly with exit 0', async () => {
  const configFile = join(directory, 'keys.yaml');
  writeFileSync(configFile, `database:\n  url: sqlite:${join(directory, 'keys.db')}\n`);
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  for (const name of ['one', 'two']) assert.equal(await runKeys(['create', '--name', name, '--config', configFile], discard), 0);
  for (const json of [[], ['--json']]) assert.deepEqual(await runWithReaderGone(['keys', 'list', '--config', configFile, ...json]), { code: 0, stderr: '' });
});
