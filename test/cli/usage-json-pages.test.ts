/**
 * `interlingua usage --json` writes records as it reads them, a page at a time, and stops quietly
 * when its reader does (`| head -1`): on 200,000 records it had read every one (5.8 s, 962 MB)
 * before the first line, and a closed pipe ended it with an EPIPE stack trace and exit 1
 * (https://nodejs.org/api/errors.html#common-system-errors: "EPIPE (Broken pipe): A write on a
 * pipe, socket, or FIFO for which there is no process to read the data").
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openStore, type Store } from '../../src/store/open-store.js';
import { toRow } from '../../src/usage/usage-row.js';
import { usagePages } from '../../src/usage/usage-pages.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import { runUsage } from '../../src/cli/usage.js';

const directory = mkdtempSync(join(tmpdir(), 'interlingua-usage-pages-'));
const databaseFile = join(directory, 'usage.db');
const configFile = join(directory, 'interlingua.yaml');
const start = Date.UTC(2026, 10, 1);
/** More than two pages of 1,000. */
const stored = 2_500;

const record = (index: number, createdAt = start + Math.floor(index / 3)): UsageRecord => ({
  id: `req_${String(index).padStart(6, '0')}`,
  createdAt,
  keyName: 'alice',
  model: 'gpt-4o',
  caller: 'openai-chat',
  stream: false,
  status: 200,
  inputTokens: 1000,
  outputTokens: 500,
  cachedTokens: 0,
  reasoningTokens: 0,
  cost: 0.0075,
  latencyMs: 300,
});

let store: Store;
before(async () => {
  store = await openStore({ kind: 'sqlite', path: databaseFile });
  // Three records a millisecond, so pages end inside a run of equal times.
  const rows = Array.from({ length: stored }, (_, index) => toRow(record(index)));
  for (let offset = 0; offset < rows.length; offset += 100) await store.db.insertInto('usage_records').values(rows.slice(offset, offset + 100)).execute();
  writeFileSync(configFile, `providers: {}\ndatabase:\n  url: ${databaseFile}\n`);
});
after(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

test('pages read every matching record once, oldest first, across runs of equal times', async () => {
  const ids: string[] = [];
  for await (const found of usagePages(store, { keyName: 'alice', since: start + 10 }, 7)) ids.push(found.id);
  const expected = Array.from({ length: stored }, (_, index) => record(index)).filter((each) => each.createdAt >= start + 10).map((each) => each.id);
  assert.deepEqual(ids, expected);
});

test('usage --json writes the first records before it reads the last', async () => {
  // A record stored once the first line is out, newer than all: read only if the later pages
  // are read after the first lines were written.
  let lines = '';
  let added = false;
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines += chunk.toString();
      if (added) return done();
      added = true;
      store.db.insertInto('usage_records').values(toRow(record(stored, start + stored))).execute().then(() => done(), done);
    },
  });
  assert.equal(await runUsage(['--config', configFile, '--json'], out), 0);
  const ids = lines.trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id);
  assert.equal(ids.length, stored + 1, 'the record stored while writing is there');
  assert.equal(ids.at(-1), record(stored).id);
  await store.db.deleteFrom('usage_records').where('id', '=', record(stored).id).execute();
});

test('usage --json | head -1: a reader that closes ends the command quietly with exit 0', async () => {
  const main = new URL('../../src/cli/main.js', import.meta.url).href;
  const script = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(${JSON.stringify(['usage', '--config', configFile, '--json'])});`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const first = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
  assert.match(first, /^\{"id":"req_000000"/);
  assert.equal(stderr, '');
  assert.equal(code, 0);
});
