/**
 * `serve --workers 2` takes SIGHUP from before its first worker starts, as a single process takes
 * it before it listens: a Node process with no SIGHUP listener is ended by the signal, and the
 * primary took it only after announcing its workers, so a reload sent on the banner ended it when
 * the primary's turn came late on a busy machine (its workers then drained and exited). Sent here
 * while the first worker is still starting, the reload is taken and the gateway comes up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { childrenOf } from './support/workers-process.js';

/** The command of the build this test is part of (test/replicas/support/interlingua-command.ts says why not bin/). */
const command = fileURLToPath(new URL('../replicas/support/interlingua-command.js', import.meta.url));

test('a SIGHUP while the first worker starts reloads, and the primary comes up with its workers', async (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-early-sighup-'));
  const configPath = join(directory, 'workers.yaml');
  writeFileSync(
    configPath,
    stringify({
      providers: { oa: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'upstream-key' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      database: { url: join(directory, 'gateway.db') },
    }),
  );
  const child = spawn(process.execPath, [command, 'serve', '--config', configPath, '--port', '0', '--host', '127.0.0.1', '--workers', '2']);
  const pid = child.pid ?? 0;
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.on('exit', (code, signal) => (exit = { code, signal }));
  t.after(() => {
    for (const target of [...childrenOf(pid), pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(directory, { recursive: true, force: true });
  });
  const until = async (done: () => boolean, what: string) => {
    const deadline = Date.now() + 60_000;
    while (!done()) {
      if (exit !== undefined) assert.fail(`the primary exited (${JSON.stringify(exit)}) while waiting for ${what}; output:\n${output}`);
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; output:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  // The first worker is forked once the primary has read its configuration; it listens a while later.
  await until(() => childrenOf(pid).length > 0, 'the first worker');
  assert.doesNotMatch(output, /workers on one port/, 'the signal goes before the workers are announced');
  child.kill('SIGHUP');
  await until(() => /reloading every worker/.test(output), 'the reload');
  await until(() => /workers on one port/.test(output) && /listening on http/.test(output), 'the banner');
  assert.equal(exit, undefined);
});
