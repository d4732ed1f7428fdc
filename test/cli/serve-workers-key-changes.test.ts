/**
 * `interlingua serve --workers 2` without Redis: a key changed through one worker's admin API
 * applies on the other at once. Each worker caches what it looked up for 5 seconds; before the
 * primary passed changes on, a revoked key was let in by the other worker until its cache ran out.
 * Which worker answered is read from the `x-interlingua-worker` header.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { TestUpstream, type UpstreamReply } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';
import { startServe, type ServeProcess } from '../replicas/support/serve-process.js';

const adminKey = 'admin-key-for-worker-key-changes-0123456789';
const answer: UpstreamReply = { kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };

let upstream: TestUpstream;
let directory: string;
let gateway: ServeProcess;

before(async () => {
  upstream = await new TestUpstream().start();
  upstream.answerUnqueuedWith(() => answer);
  directory = mkdtempSync(join(tmpdir(), 'interlingua-worker-keys-'));
  gateway = await startServe(
    directory,
    'workers',
    {
      providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }], other: [{ provider: 'oa', model: 'gpt-4o-mini' }] },
      retry: { attempts: 0 },
      auth: { required: true },
      adminKey,
      database: { url: join(directory, 'gateway.db') },
    },
    ['--workers', '2'],
  );
});

after(async () => {
  if (gateway.running()) await gateway.terminate();
  await upstream.stop();
  rmSync(directory, { recursive: true, force: true });
});

/** One call on a connection of its own: the primary hands out connections, not requests, in turn. */
async function call(path: string, method: string, key: string, body?: unknown): Promise<{ status: number; worker: string | undefined; json: unknown }> {
  const dispatcher = new Agent({ connections: 1 });
  try {
    const response = await request(`${gateway.url}${path}`, {
      method: method as 'GET',
      dispatcher,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const worker = response.headers['x-interlingua-worker'];
    return { status: response.statusCode, worker: typeof worker === 'string' ? worker : undefined, json: await response.body.json() };
  } finally {
    await dispatcher.close();
  }
}

const chat = (key: string, model = 'chat') => call('/v1/chat/completions', 'POST', key, { model, messages: [{ role: 'user', content: 'Hi' }] });

/** Calls until each worker has answered one with `status`, so both hold the key in their caches. */
async function onBothWorkers(send: () => Promise<{ status: number; worker: string | undefined }>, status: number): Promise<void> {
  const seen = new Set<string>();
  for (let round = 0; round < 20 && seen.size < 2; round++) {
    const outcome = await send();
    assert.equal(outcome.status, status);
    if (outcome.worker !== undefined) seen.add(outcome.worker);
  }
  assert.deepEqual(seen, new Set(['0', '1']), 'both workers answered');
}

/** Well under the 5 s a worker trusts a cached lookup: what holds within it came through the primary. */
async function refusedByBoth(send: () => Promise<{ status: number; worker: string | undefined }>, status: number): Promise<void> {
  const seen = new Set<string>();
  const deadline = Date.now() + 2_500;
  while (seen.size < 2) {
    assert.ok(Date.now() < deadline, `both workers refused within 2.5 s (seen: ${[...seen].join(', ')})`);
    const outcome = await send();
    assert.equal(outcome.status, status, `worker ${outcome.worker ?? '?'} refused the changed key`);
    if (outcome.worker !== undefined) seen.add(outcome.worker);
  }
}

test('a key revoked through one worker is refused by the other at once', async () => {
  const created = await call('/admin/keys', 'POST', adminKey, { name: 'revoked-on-one-worker' });
  assert.equal(created.status, 201);
  const key = (created.json as { key: string }).key;
  await onBothWorkers(() => chat(key), 200);

  const revoked = await call('/admin/keys/revoked-on-one-worker', 'DELETE', adminKey);
  assert.equal(revoked.status, 200);
  await refusedByBoth(() => chat(key), 401);
});

test('new models set through one worker apply on the other at once', async () => {
  const created = await call('/admin/keys', 'POST', adminKey, { name: 'narrowed-on-one-worker' });
  const key = (created.json as { key: string }).key;
  await onBothWorkers(() => chat(key), 200);

  assert.equal((await call('/admin/keys/narrowed-on-one-worker', 'PATCH', adminKey, { models: ['other'] })).status, 200);
  await refusedByBoth(() => chat(key), 403);
  assert.equal((await chat(key, 'other')).status, 200, 'the model the key keeps still answers');
});
