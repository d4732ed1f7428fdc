/**
 * `interlingua serve --workers 2` as operators run it: one port, two worker processes behind
 * it. Requests go through the official openai SDK to a TestUpstream answering with the recorded
 * OpenAI answer and stream (fixtures/openai-chat/fantasy-gpt4o-simple.*). Which worker answered
 * is read from the `x-interlingua-worker` header every worker puts on its answers.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { Agent, request } from 'undici';
import { stringify } from 'yaml';
import { openStore } from '../../src/store/open-store.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { KeyRecords } from '../../src/keys/key-records.js';
import { TestUpstream, type UpstreamReply } from '../support/test-upstream.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';
import { startServe, type ServeProcess } from '../replicas/support/serve-process.js';
import { runCli } from './support/run-cli.js';

const answer: UpstreamReply = { kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };
const messages = [{ role: 'user' as const, content: 'Hi' }];

let upstream: TestUpstream;
let directory: string;
let gateway: ServeProcess;
let configPath: string;
let limitedKey: string;
let openKey: string;
let limitedKeyId: string;
/** Limits large enough that the primary lends the workers blocks of them. */
let reloadedKey: string;
let survivorKey: string;

function gatewayConfig(models: Record<string, unknown>): Record<string, unknown> {
  return {
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
    models,
    retry: { attempts: 0 },
    auth: { required: true },
    database: { url: join(directory, 'gateway.db') },
  };
}

/**
 * A client with a connection pool of its own per call: the primary hands out connections, not
 * requests, so calls that shared kept-alive connections would stay on the workers those reached.
 */
function client(key: string): OpenAI {
  const dispatcher = new Agent({ connections: 1 });
  dispatchers.push(dispatcher);
  return new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0, fetchOptions: { dispatcher } as OpenAI["fetchOptions"] });
}
const dispatchers: Agent[] = [];

/** Sends `count` chats at once; each outcome is its status and the worker that answered. */
async function chats(key: string, count: number, model = 'chat'): Promise<Array<{ status: number; worker: string | null }>> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      try {
        const { response } = await client(key).chat.completions.create({ model, messages }).withResponse();
        return { status: response.status, worker: response.headers.get('x-interlingua-worker') };
      } catch (error) {
        if (error instanceof OpenAI.APIError) return { status: error.status ?? 0, worker: error.headers?.get('x-interlingua-worker') ?? null };
        throw error;
      }
    }),
  );
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output:\n${gateway.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

before(async () => {
  upstream = await new TestUpstream().start();
  upstream.answerUnqueuedWith(() => answer);
  directory = mkdtempSync(join(tmpdir(), 'interlingua-workers-'));
  const config = gatewayConfig({ chat: [{ provider: 'oa', model: 'gpt-4o' }] });
  const store = await openStore(parseDatabaseUrl(join(directory, 'gateway.db'), directory));
  try {
    const keys = new KeyRecords(async () => store);
    const limited = await keys.create({ name: 'limited', rpm: 7 });
    limitedKey = limited.key;
    limitedKeyId = limited.record.id;
    openKey = (await keys.create({ name: 'open' })).key;
    reloadedKey = (await keys.create({ name: 'leased-across-reload', rpm: 40 })).key;
    survivorKey = (await keys.create({ name: 'leased-across-a-death', rpm: 40 })).key;
  } finally {
    await store.close();
  }
  gateway = await startServe(directory, 'workers', config, ['--workers', '2']);
  configPath = join(directory, 'workers.yaml');
});

after(async () => {
  if (gateway.running()) await gateway.terminate();
  await Promise.all(dispatchers.map((dispatcher) => dispatcher.close()));
  await upstream.stop();
  rmSync(directory, { recursive: true, force: true });
});

test('requests land on both workers, and a key limited to 7 a minute gets exactly 7 through across them', async () => {
  const open = await chats(openKey, 12);
  assert.ok(open.every((outcome) => outcome.status === 200));
  assert.deepEqual(new Set(open.map((outcome) => outcome.worker)), new Set(['0', '1']), 'both workers answered');

  const limited = await chats(limitedKey, 24);
  assert.equal(limited.filter((outcome) => outcome.status === 200).length, 7, 'exactly the limit got through');
  assert.equal(limited.filter((outcome) => outcome.status === 429).length, 17);
  assert.deepEqual(new Set(limited.map((outcome) => outcome.worker)), new Set(['0', '1']), 'both workers counted against the one limit');

  // A scrape reaches one worker and answers for both.
  const scraper = new Agent({ connections: 1 });
  dispatchers.push(scraper);
  const scrape = await request(`${gateway.url}/metrics`, { dispatcher: scraper });
  const text = await scrape.body.text();
  const answered = text
    .split('\n')
    .filter((line) => line.startsWith('interlingua_requests_total{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  assert.equal(answered, 36, text);
});

test('a second serve --workers on the busy port says so and exits, workers and all', async () => {
  const port = new URL(gateway.url).port;
  const second = await runCli(['serve', '--config', configPath, '--workers', '2', '--port', port, '--host', '127.0.0.1']);
  assert.equal(second.code, 1);
  assert.match(second.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
});

test('SIGHUP to the primary reloads every worker, and a key\'s leased limit holds across the reload', async () => {
  const before = await chats(reloadedKey, 20);
  assert.ok(before.every((outcome) => outcome.status === 200));
  writeFileSync(configPath, stringify(gatewayConfig({ chat: [{ provider: 'oa', model: 'gpt-4o' }], renamed: [{ provider: 'oa', model: 'gpt-4o' }] })));
  const reloadedBefore = gateway.output().split('configuration reloaded').length - 1;
  gateway.signal('SIGHUP');
  // The file watch may reload too; each reload reaches both workers.
  await until(() => gateway.output().split('configuration reloaded').length - 1 >= reloadedBefore + 2, 'both workers to reload');
  const reloadLines = gateway.output().split('\n').filter((line) => line.includes('configuration reloaded'));
  assert.deepEqual(new Set(reloadLines.map((line) => (JSON.parse(line) as { worker?: number }).worker)), new Set([0, 1]), 'each worker logs its own reload, naming itself');
  const outcomes = await chats(openKey, 12, 'renamed');
  assert.ok(outcomes.every((outcome) => outcome.status === 200), 'the new model answers');
  assert.deepEqual(new Set(outcomes.map((outcome) => outcome.worker)), new Set(['0', '1']), 'on both workers');
  const after = await chats(reloadedKey, 40);
  assert.equal(after.filter((outcome) => outcome.status === 200).length, 20, 'the other 20 of 40 a minute, no more');
});

test('a killed worker is replaced, with a log line, and the port keeps answering', async () => {
  const pids = /2 workers on one port \(pids (\d+), (\d+)\)/.exec(gateway.output());
  assert.ok(pids?.[2], gateway.output());
  const lent = await chats(survivorKey, 20);
  assert.ok(lent.every((outcome) => outcome.status === 200));
  // Usage records wait up to a second for their batch; a process killed outright loses that second's, alone or as a worker.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  process.kill(Number(pids[2]), 'SIGKILL');
  await until(() => gateway.output().includes('worker exited; starting another in its place'), 'the replacement log line');
  // A replacement starts as a whole gateway does, which on a loaded machine has taken over 20 s.
  const deadline = Date.now() + 60_000;
  let workers = new Set<string | null>();
  // Until the replacement listens, the other worker takes every connection.
  while (!(workers.has('0') && workers.has('1')) && Date.now() < deadline) {
    const outcomes = await chats(openKey, 6);
    assert.ok(outcomes.every((outcome) => outcome.status === 200));
    workers = new Set(outcomes.map((outcome) => outcome.worker));
  }
  assert.deepEqual(workers, new Set(['0', '1']), 'the replacement answers');
  // What the killed worker held of the key's lease counts as spent: fewer may get through, never more.
  const after = await chats(survivorKey, 40);
  const through = after.filter((outcome) => outcome.status === 200).length;
  assert.ok(through <= 20 && through >= 10, `${through} of the other 20 got through`);
  assert.equal(after.filter((outcome) => outcome.status === 429).length, 40 - through);
});

test('SIGTERM to the primary drains streams in flight on both workers, then usage from both is in the one store', async () => {
  let resume: () => void = () => {};
  const held = new Promise<void>((resolve) => (resume = resolve));
  const stream: UpstreamReply = { kind: 'stream', text: readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse'), pauseAfterFrames: 1, resume: held };
  upstream.enqueue(...Array.from({ length: 6 }, () => stream));
  const before = upstream.requests.length;
  const streams = Array.from({ length: 6 }, async () => {
    const { data, response } = await client(openKey).chat.completions.create({ model: 'chat', messages, stream: true }).withResponse();
    let text = '';
    let finished: string | null = null;
    for await (const chunk of data) {
      text += chunk.choices[0]?.delta.content ?? '';
      finished = chunk.choices[0]?.finish_reason ?? finished;
    }
    return { worker: response.headers.get('x-interlingua-worker'), text, finished };
  });
  await until(() => upstream.requests.length >= before + 6, 'six streams in flight');
  const exited = gateway.terminate();
  await new Promise((resolve) => setTimeout(resolve, 300));
  resume();
  const results = await Promise.all(streams);
  assert.deepEqual(new Set(results.map((result) => result.worker)), new Set(['0', '1']), 'both workers held streams');
  assert.ok(results.every((result) => result.finished === 'stop' && result.text.length > 0), 'every stream ran to its end');
  assert.equal(await exited, 0, gateway.output());
  assert.match(gateway.output(), /shutting down every worker/);

  const usage = await runCli(['usage', '--config', configPath, '--json']);
  assert.equal(usage.code, 0, usage.stderr);
  const records = usage.stdout.trim().split('\n').map((line) => JSON.parse(line) as { status: number; keyId?: string });
  const limited = records.filter((record) => record.keyId === limitedKeyId);
  assert.equal(limited.filter((record) => record.status === 200).length, 7);
  assert.equal(limited.filter((record) => record.status === 429).length, 17);
  // 12 + 12 + the replacement's rounds + 6 streams on the open key; at least the fixed ones.
  assert.ok(records.filter((record) => record.keyId !== limitedKeyId && record.status === 200).length >= 30);
});
