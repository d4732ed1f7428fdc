/**
 * `interlingua serve` that cannot start exits 1 with the reason, as Docker, systemd and
 * Kubernetes restart policies expect, rather than staying alive neither listening nor exiting:
 * what the gateway had opened before the failure (Redis connections, store probes, usage
 * timers) is closed. Redis is the machine's, under a key prefix of the test's own.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { stringify } from 'yaml';
import { closedPort } from '../support/closed-port.js';

/** The command of the build this test is part of (test/replicas/support/interlingua-command.ts says why not bin/). */
const command = fileURLToPath(new URL('../replicas/support/interlingua-command.js', import.meta.url));
const redisUrl = process.env['INTERLINGUA_TEST_REDIS'] ?? 'redis://127.0.0.1:6379';
/** Far beyond a start that fails at once: a process still there then is one that would never exit. */
const hungAfterMs = 30_000;

const directory = mkdtempSync(join(tmpdir(), 'interlingua-failed-start-'));
after(() => rmSync(directory, { recursive: true, force: true }));

const provider = { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'upstream-key' };

function configFile(name: string, database: string, upstream: Record<string, unknown> = provider): string {
  const path = join(directory, `${name}.yaml`);
  writeFileSync(
    path,
    stringify({
      providers: { oa: upstream },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      database: { url: database },
      redis: { url: redisUrl, keyPrefix: `failed-start-${randomUUID()}:` },
    }),
  );
  return path;
}

/** Runs `interlingua serve ARGS`: its exit code and standard error, or 'still running' when it was still there after `hungAfterMs`. */
function serve(args: string[]): Promise<{ code: number | null | 'still running'; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [command, 'serve', '--host', '127.0.0.1', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: 'still running', stderr });
    }, hungAfterMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

test('a PostgreSQL server that cannot be reached stops the start: the reason, and exit code 1', async () => {
  const port = await closedPort();
  const result = await serve(['--config', configFile('no-postgres', `postgres://postgres@127.0.0.1:${port}/test`), '--port', '0']);
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /ECONNREFUSED/);
});

test('a port already taken stops the start: the reason, and exit code 1', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = taken.address() as AddressInfo;
    const result = await serve(['--config', configFile('port-taken', `sqlite:${join(directory, 'port-taken.db')}`), '--port', String(port)]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, new RegExp(`port ${port} on 127.0.0.1 is already in use`));
  } finally {
    taken.close();
  }
});

test('a chat template that does not parse stops the start: the reason, and exit code 1', async () => {
  const broken = { dialect: 'openai-completions', baseUrl: 'http://127.0.0.1:9/v1', chatTemplate: { source: '{% for turn in %}' } };
  const result = await serve(['--config', configFile('bad-template', `sqlite:${join(directory, 'bad-template.db')}`, broken), '--port', '0']);
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /chat template could not be parsed/);
});
