/**
 * `serve --workers 2` whose primary is killed outright (`kill -9`, the OOM killer): each worker
 * finishes the streams it holds, writes their usage records, and exits, rather than being ended
 * by Node's cluster at once (src/cli/serve-worker-role.ts, stopOnPrimary, says how and cites the
 * documented behaviour).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { KeyRecords } from '../../src/keys/key-records.js';
import { TestUpstream } from '../support/test-upstream.js';
import { alive, startWorkers, type WorkersProcess } from './support/workers-process.js';
import { heldStreams } from './support/held-streams.js';
import { runCli } from './support/run-cli.js';

let upstream: TestUpstream;
let directory: string;
let gateway: WorkersProcess;
let key: string;
let keyId: string;

before(async () => {
  upstream = await new TestUpstream().start();
  directory = mkdtempSync(join(tmpdir(), 'interlingua-workers-orphaned-'));
  const store = await openStore(parseDatabaseUrl(join(directory, 'gateway.db'), directory));
  try {
    const created = await new KeyRecords(async () => store).create({ name: 'caller' });
    key = created.key;
    keyId = created.record.id;
  } finally {
    await store.close();
  }
  gateway = await startWorkers(directory, {
    server: { drainMs: 20_000 },
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
    models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
    retry: { attempts: 0 },
    auth: { required: true },
    database: { url: join(directory, 'gateway.db') },
  });
});

after(async () => {
  await gateway?.kill();
  await upstream.stop();
  rmSync(directory, { recursive: true, force: true });
});

test('workers whose primary is killed finish their streams, record them, and exit', async () => {
  const streams = heldStreams(upstream, gateway.url, key, 6);
  await streams.inFlight;
  process.kill(gateway.pid, 'SIGKILL');
  // Each worker sees its channel close and starts draining; only then do the streams go on.
  await gateway.waitFor(/"message":"shutting down"/, 2);
  assert.ok(gateway.workerPids.every(alive), 'the workers outlive their primary while they drain');
  streams.resume();
  const ends = await streams.ends;
  assert.deepEqual(new Set(ends.map((end) => end.worker)), new Set(['0', '1']), 'both workers held streams');
  assert.deepEqual(
    ends.map((end) => end.finished),
    ends.map(() => true),
    `every stream ran to its end; output:\n${gateway.output()}`,
  );
  await gateway.closed;
  assert.ok(!gateway.workerPids.some(alive), 'the workers exit once drained');

  const usage = await runCli(['usage', '--config', join(directory, 'workers.yaml'), '--json']);
  assert.equal(usage.code, 0, usage.stderr);
  const records = usage.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { status: number; keyId?: string });
  assert.equal(records.filter((record) => record.keyId === keyId && record.status === 200).length, 6, usage.stdout);
});
