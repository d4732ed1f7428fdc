/**
 * `serve --workers 2` stopped (SIGTERM) after a reload raised `server.drainMs`: the primary waits
 * for its workers as long as the running configuration lets them drain, not the drain time it
 * started with, so a stream that outlasts the old one still runs to its end.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { openStore } from '../../src/store/open-store.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { KeyRecords } from '../../src/keys/key-records.js';
import { shutdownCutGraceMs } from '../../src/gateway/server.js';
import { TestUpstream } from '../support/test-upstream.js';
import { startWorkers, type WorkersProcess } from './support/workers-process.js';
import { heldStreams } from './support/held-streams.js';

/** The drain time at the start; the primary's backstop then was this + the cut grace + 5 s. */
const startDrainMs = 200;
const startBackstopMs = startDrainMs + shutdownCutGraceMs + 5_000;

let upstream: TestUpstream;
let directory: string;
let gateway: WorkersProcess;
let key: string;

function gatewayConfig(drainMs: number): Record<string, unknown> {
  return {
    server: { drainMs },
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
    models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
    retry: { attempts: 0 },
    auth: { required: true },
    database: { url: join(directory, 'gateway.db') },
  };
}

before(async () => {
  upstream = await new TestUpstream().start();
  directory = mkdtempSync(join(tmpdir(), 'interlingua-workers-drain-'));
  const store = await openStore(parseDatabaseUrl(join(directory, 'gateway.db'), directory));
  try {
    key = (await new KeyRecords(async () => store).create({ name: 'caller' })).key;
  } finally {
    await store.close();
  }
  gateway = await startWorkers(directory, gatewayConfig(startDrainMs));
});

after(async () => {
  await gateway?.kill();
  await upstream.stop();
  rmSync(directory, { recursive: true, force: true });
});

test('SIGTERM after a reload raised drainMs lets streams drain for the new time', async () => {
  writeFileSync(join(directory, 'workers.yaml'), stringify(gatewayConfig(60_000)));
  gateway.signal('SIGHUP');
  await gateway.waitFor(/"message":"configuration reloaded"/, 2);
  const streams = heldStreams(upstream, gateway.url, key, 2);
  await streams.inFlight;
  gateway.signal('SIGTERM');
  await gateway.waitFor(/"message":"shutting down"/, 2);
  // The streams are held past the backstop the start's drain time gave: the wait is the point.
  await new Promise((resolve) => setTimeout(resolve, startBackstopMs + 1_000));
  streams.resume();
  const ends = await streams.ends;
  assert.deepEqual(
    ends.map((end) => end.finished),
    [true, true],
    `both streams ran to their end; output:\n${gateway.output()}`,
  );
  assert.equal(await gateway.closed, 0, gateway.output());
});
