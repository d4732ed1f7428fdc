/**
 * Ollama's load and unload requests (docs/api.md "Load a model" / "Unload a model": `/api/chat`
 * with no messages, `/api/generate` with no prompt, `keep_alive: 0` to unload) are answered by the
 * gateway without an upstream, yet they are admitted with the caller's key like any request: each
 * leaves a usage record (the key, the model asked, status 200, no deployment, no tokens, no cost),
 * and each takes a slot of the key's requests per minute, through the official `ollama` client.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { queryUsage } from '../../src/usage/usage-query.js';
import type { KeySpec } from '../../src/keys/gateway-key.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';

const answer = { kind: 'json' as const, body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      auth: { required: true },
      adminKey: 'admin-key-for-tests-0123456789',
      retry: { attempts: 0 },
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await upstream.stop();
});
beforeEach(() => upstream.reset());

let keyCount = 0;
async function newKey(spec: Omit<KeySpec, 'name'> = {}): Promise<{ key: string; name: string }> {
  const name = `load-key-${++keyCount}`;
  const { key } = await gateway.services.keys.create({ name, ...spec });
  return { key, name };
}

const ollama = (key: string) => new Ollama({ host: gatewayUrl, headers: { authorization: `Bearer ${key}` } });

async function recordsOf(keyName: string) {
  await gateway.services.usage.flush();
  return queryUsage(await gateway.services.store.get(), { keyName });
}

test('each load and unload request leaves a usage record with the key, the model, status 200 and nothing spent', async () => {
  const { key, name } = await newKey();
  const client = ollama(key);
  assert.equal((await client.chat({ model: 'chat', messages: [], stream: false })).done_reason, 'load');
  assert.equal((await client.chat({ model: 'chat', messages: [], keep_alive: 0, stream: false })).done_reason, 'unload');
  assert.equal((await client.generate({ model: 'chat', prompt: '', stream: false })).done_reason, 'load');
  assert.equal((await client.generate({ model: 'chat', prompt: '', keep_alive: 0, stream: false })).done_reason, 'unload');
  assert.equal(upstream.requests.length, 0);

  const records = await recordsOf(name);
  assert.deepEqual(
    records.map((record) => record.caller),
    ['ollama', 'ollama', 'ollama-generate', 'ollama-generate'],
  );
  for (const record of records) {
    assert.equal(record.keyName, name);
    assert.equal(record.model, 'chat');
    assert.equal(record.status, 200);
    assert.equal(record.deployment, undefined, 'no deployment answered');
    assert.equal(record.errorCode, undefined, 'not an error');
    assert.equal(record.attempts, undefined, 'no upstream was tried');
    assert.deepEqual([record.inputTokens, record.outputTokens, record.cachedTokens, record.reasoningTokens], [0, 0, 0, 0]);
    assert.equal(record.cost, 0);
    assert.equal(typeof record.requestId, 'string');
  }
});

test('a load request takes a slot of the key\'s requests per minute, as any request does', async () => {
  const { key, name } = await newKey({ rpm: 2 });
  const client = ollama(key);
  upstream.enqueue(answer);
  await client.chat({ model: 'chat', messages: [], stream: false });
  await client.chat({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], stream: false });
  await assert.rejects(client.generate({ model: 'chat', prompt: '', stream: false }), (error: unknown) => (error as { status_code?: number }).status_code === 429);
  assert.equal(upstream.requests.length, 1);
  const records = await recordsOf(name);
  assert.deepEqual(
    records.map((record) => [record.caller, record.status, record.deployment]),
    [
      ['ollama', 200, undefined],
      ['ollama', 200, 'oa/gpt-4o'],
      ['ollama-generate', 429, undefined],
    ],
  );
});
