/**
 * `serve --workers 2`: the primary reads the configuration and hands it to every worker, so a
 * worker started in place of a dead one runs what its siblings run, whatever the file says now
 * (a restart-only `database` changed since the start, or a file that no longer loads); and a
 * worker that cannot start exits 1 and is replaced after a wait that doubles.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { stringify } from 'yaml';
import { openStore } from '../../src/store/open-store.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { KeyRecords } from '../../src/keys/key-records.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';
import { startWorkers, type WorkersProcess } from './support/workers-process.js';

let upstream: TestUpstream;
let directory: string;
let gateway: WorkersProcess;
let key: string;

function gatewayConfig(database: string): Record<string, unknown> {
  return {
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
    models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
    retry: { attempts: 0 },
    auth: { required: true },
    database: { url: join(directory, database) },
  };
}

/** One chat on a connection of its own (the primary hands out connections in turn): its status and the worker that answered. */
async function chat(): Promise<{ status: number; worker: string }> {
  const dispatcher = new Agent({ connections: 1 });
  try {
    const response = await request(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      dispatcher,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    await response.body.text();
    return { status: response.statusCode, worker: String(response.headers['x-interlingua-worker']) };
  } finally {
    await dispatcher.close();
  }
}

/** Chats until both workers have answered; every answer on the way must be a 200. */
async function untilBothAnswer(timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const workers = new Set<string>();
  while (workers.size < 2) {
    if (Date.now() > deadline) throw new Error(`only workers ${[...workers].join(', ')} answered; output:\n${gateway.output()}`);
    const outcomes = await Promise.all(Array.from({ length: 4 }, chat));
    assert.deepEqual(outcomes.filter((outcome) => outcome.status !== 200), [], gateway.output());
    for (const outcome of outcomes) workers.add(outcome.worker);
  }
}

/** The primary's JSON log lines with this message. */
function logLines(message: string): Array<Record<string, unknown>> {
  return gateway
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes(message))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.message === message);
}

before(async () => {
  upstream = await new TestUpstream().start();
  upstream.answerUnqueuedWith(() => ({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') }));
  directory = mkdtempSync(join(tmpdir(), 'interlingua-workers-config-'));
  const store = await openStore(parseDatabaseUrl(join(directory, 'gateway.db'), directory));
  try {
    key = (await new KeyRecords(async () => store).create({ name: 'caller' })).key;
  } finally {
    await store.close();
  }
  gateway = await startWorkers(directory, gatewayConfig('gateway.db'));
});

after(async () => {
  await gateway?.kill();
  await upstream.stop();
  rmSync(directory, { recursive: true, force: true });
});

test('a replacement worker runs the running configuration: not a database changed since the start, nor a file that no longer loads', async () => {
  const configPath = join(directory, 'workers.yaml');
  // `database` applies only after a restart: the workers keep gateway.db, where the key is.
  writeFileSync(configPath, stringify(gatewayConfig('elsewhere.db')));
  gateway.signal('SIGHUP');
  await gateway.waitFor(/applies only after a restart: database/);
  writeFileSync(configPath, 'providers:\n  oa:\n    dialect: no-such-dialect\n');
  gateway.signal('SIGHUP');
  await gateway.waitFor(/configuration not reloaded; the running one stays/);

  process.kill(gateway.workerPids[1] ?? 0, 'SIGKILL');
  await gateway.waitFor(/worker exited; starting another in its place/);
  // Until the replacement listens the other worker takes every connection; then both answer the key.
  await untilBothAnswer();
});

test('a worker that cannot start exits 1 and is replaced after a wait that doubles', async () => {
  const database = join(directory, 'gateway.db');
  const exitsOfLead = () => logLines('worker exited; starting another in its place').filter((line) => line.worker === 0);
  const exitsBefore = exitsOfLead().length;
  // The running workers keep the file they opened; a new one finds a folder in its place and cannot open it.
  renameSync(database, `${database}.away`);
  mkdirSync(database);
  const pids = (/workers on one port \(pids ([\d, ]+)\)/.exec(gateway.output())?.[1] ?? '').split(', ').map(Number);
  process.kill(pids[0] ?? 0, 'SIGKILL');
  await gateway.waitFor(/"worker":0,[^\n]*worker exited; starting another in its place/, exitsBefore + 3, 120_000);
  const exits = exitsOfLead().slice(exitsBefore);
  assert.deepEqual(
    exits.map((line) => line.code),
    [null, 1, 1],
    'the killed worker, then two replacements that could not start, each exiting 1',
  );
  const waits = exits.map((line) => Number(line.inMs));
  // The first wait is 0 had the killed worker run for a minute; the ones after it double.
  assert.ok((waits[1] ?? 0) >= 1_000 && waits[2] === 2 * (waits[1] ?? 0), `waits ${waits.join(', ')}`);
  rmSync(database, { recursive: true });
  renameSync(`${database}.away`, database);
  await untilBothAnswer();
});
