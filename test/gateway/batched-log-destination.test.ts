import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The JSON logger as `serve` makes it (writing to standard error), in a process of its own. */
const loggerModule = new URL('../../src/gateway/logger.js', import.meta.url).href;

interface Ended {
  lines: Array<Record<string, unknown>>;
  /** Milliseconds from the child's 'logged' mark on stdout to each line's arrival. */
  arrivals: number[];
  code: number | null;
}

/** Runs `body` after `const log = createJsonLogger()`; collects what reaches standard error. */
function runLogging(body: string, env: NodeJS.ProcessEnv = process.env): Promise<Ended> {
  const script = `const { createJsonLogger } = await import(${JSON.stringify(loggerModule)}); const log = createJsonLogger(); ${body}`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let loggedAt: number | undefined;
  let text = '';
  const arrivals: number[] = [];
  child.stdout.on('data', () => (loggedAt ??= Date.now()));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
    if (loggedAt !== undefined) arrivals.push(Date.now() - loggedAt);
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const lines = text
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ lines, arrivals, code });
    });
  });
}

const logLines = (count: number) => `for (let i = 0; i < ${count}; i++) log.info('request served', { i });`;

function assertAllInOrder(lines: Array<Record<string, unknown>>, count: number): void {
  assert.equal(lines.length, count);
  lines.forEach((line, index) => assert.equal(line.i, index));
}

test('lines gathered in memory are all written, in order, when the process exits or crashes', async () => {
  // More than one batch, and a tail that has not reached its size or its timer.
  const exited = await runLogging(`${logLines(1_000)} process.exit(3);`);
  assert.equal(exited.code, 3);
  assertAllInOrder(exited.lines, 1_000);

  const crashed = await runLogging(`${logLines(250)} throw new Error('boom');`);
  assert.equal(crashed.code, 1);
  assertAllInOrder(crashed.lines, 250);

  const ended = await runLogging(logLines(10));
  assert.equal(ended.code, 0);
  assertAllInOrder(ended.lines, 10);
});

/** One libuv thread, held by a long key derivation queued first: a write handed to the thread pool would still wait behind it when the process exits, and be lost. */
const busyPool = `(await import('node:crypto')).pbkdf2('secret', 'salt', 1_000_000, 64, 'sha512', () => {});`;

test('a batch handed over just before the process exits is written, even when libuv\'s threads are all busy (to a pipe)', async () => {
  const exited = await runLogging(`${busyPool} ${logLines(1_000)} process.exit(3);`, { ...process.env, UV_THREADPOOL_SIZE: '1' });
  assert.equal(exited.code, 3);
  assertAllInOrder(exited.lines, 1_000);
});

test('a batch handed over just before the process exits is written, even when libuv\'s threads are all busy (to a file)', async () => {
  const script = `const { createJsonLogger } = await import(${JSON.stringify(loggerModule)}); const log = createJsonLogger(); ${busyPool} ${logLines(1_000)} process.exit(3);`;
  const directory = mkdtempSync(join(tmpdir(), 'interlingua-log-file-'));
  try {
    const file = join(directory, 'stderr.log');
    const stderr = openSync(file, 'w');
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', stderr], env: { ...process.env, UV_THREADPOOL_SIZE: '1' } });
    closeSync(stderr);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 3);
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assertAllInOrder(lines, 1_000);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a few lines reach standard error within about 100 ms, while the process goes on', async () => {
  const { lines, arrivals } = await runLogging(`${logLines(3)} process.stdout.write('logged\\n'); setTimeout(() => {}, 1_000);`);
  assertAllInOrder(lines, 3);
  assert.ok(arrivals[0] !== undefined && arrivals[0] < 800, `arrived after ${arrivals[0]} ms, before the process ended at 1000 ms`);
});
