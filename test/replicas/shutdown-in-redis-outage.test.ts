/**
 * `interlingua serve` with async plugins, stopped while Redis is away: it must exit promptly
 * (it once waited for ever, its plugin queue's close rejecting and the stores never closed),
 * with no ioredis error left unheard, and the jobs it had accepted (the model was told "started
 * as job …") must not be lost: they are spilled, and queued by the next start once Redis is
 * back. Redis is the machine's, through a TcpProxy, under a key prefix of this run's own; the
 * database an SQLite file in a temporary directory.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TestUpstream } from '../support/test-upstream.js';
import { LandmarkService } from '../plugins/support/plugin-gateway.js';
import { startServe, type ServeProcess } from './support/serve-process.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { healthOf, machineRedisPort, PublishedResults, startPingJob, until } from './support/plugin-jobs.js';

const prefix = `interlingua-test-shutdown-${randomUUID()}`;
let directory: string;
let upstream: TestUpstream;
let pings: LandmarkService;
let proxy: TcpProxy;
let results: PublishedResults;
const started: ServeProcess[] = [];

before(async () => {
  directory = mkdtempSync(join(tmpdir(), 'interlingua-shutdown-'));
  [upstream, pings, proxy] = await Promise.all([new TestUpstream().start(), new LandmarkService().start(), new TcpProxy(machineRedisPort).start()]);
  results = await PublishedResults.on(prefix);
});
after(async () => {
  proxy.set('pass');
  for (const gateway of started) if (gateway.running()) gateway.signal('SIGKILL');
  await results.close(prefix);
  await Promise.all([upstream.stop(), pings.stop(), proxy.stop()]);
  rmSync(directory, { recursive: true, force: true });
});

function config(): Record<string, unknown> {
  return {
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
    plugins: {
      ping: {
        type: 'http',
        url: `${pings.url}/ping`,
        method: 'GET',
        async: true,
        description: 'Pings a host; its result follows later.',
        parameters: { type: 'object', properties: { addr: { type: 'string' } }, required: ['addr'] },
      },
    },
    models: { travel: { deployments: [{ provider: 'oa', model: 'gpt-4o' }], plugins: ['ping'] } },
    retry: { attempts: 0 },
    server: { drainMs: 500 },
    database: { url: join(directory, 'gateway.db') },
    // No `redis.spillFile`: `serve` keeps waiting jobs beside the configuration by default.
    redis: { url: `redis://${proxy.url}`, keyPrefix: prefix },
  };
}

async function start(name: string, settings: Record<string, unknown>): Promise<ServeProcess> {
  const gateway = await startServe(directory, name, settings);
  started.push(gateway);
  return gateway;
}

test('stopped while Redis is away, a gateway exits promptly and its accepted jobs run after the next start', { timeout: 90_000 }, async () => {
  const spillFile = join(directory, 'gateway.jobs-spill.jsonl');
  const first = await start('gateway', config());
  proxy.set('reset');
  await until(async () => (await healthOf(first.url)).status === 'degraded', 10_000, 'Redis is seen as away');
  const jobs = [await startPingJob(first.url, upstream, 'trip-a'), await startPingJob(first.url, upstream, 'trip-b')];

  const exit = await Promise.race([first.terminate(), sleep(15_000, 'still running', { ref: false })]);
  assert.equal(exit, 0, 'SIGTERM during the outage ends the process, cleanly');
  assert.doesNotMatch(first.output(), /Unhandled error event/, 'no ioredis error event went unheard');
  assert.ok(existsSync(spillFile), 'the jobs still waiting for Redis were spilled');
  for (const job of jobs) assert.match(readFileSync(spillFile, 'utf8'), new RegExp(job));

  proxy.set('pass');
  const second = await start('gateway', config());
  for (const job of jobs) assert.equal((await results.result(job, 20_000))['ok'], true, `${job}, accepted before the shutdown, ran after the next start`);
  await until(() => !existsSync(spillFile), 5_000, 'the spill file is gone once its jobs are queued');
  assert.equal(await second.terminate(), 0);
});
