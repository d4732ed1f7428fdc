/**
 * `interlingua keys revoke` with a configuration that has a `redis` section tells running gateways
 * on the channel the admin API uses (src/keys/key-change-feed.ts), so a gateway refuses the key at
 * once rather than when its 5-second cached lookup runs out. With Redis unreachable it says so on
 * stderr and still revokes (the gateways then refuse the key within those 5 seconds). A gateway in
 * this process on an SQLite file and the machine's Redis (a key prefix of the test's own); the
 * command run as a function on the same configuration file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { runKeys } from '../../src/cli/keys.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';
import { machineRedisUrl, until } from '../replicas/support/plugin-jobs.js';

const keyPrefix = `keys-revoke-cli-${randomUUID()}:`;
/** A port of this test's range that nothing listens on: Redis there refuses the connection. */
const unreachableRedis = 'redis://127.0.0.1:42250';
const directory = mkdtempSync(join(tmpdir(), 'interlingua-keys-revoke-redis-'));
const databasePath = join(directory, 'gateway.db');
const configFile = join(directory, 'gateway.yaml');
const unreachableConfigFile = join(directory, 'unreachable.yaml');
writeFileSync(configFile, `database:\n  url: ${databasePath}\nredis:\n  url: ${machineRedisUrl}\n  keyPrefix: "${keyPrefix}"\n`);
writeFileSync(unreachableConfigFile, `database:\n  url: ${databasePath}\nredis:\n  url: ${unreachableRedis}\n  keyPrefix: "${keyPrefix}"\n`);

let upstream: TestUpstream | undefined;
let gateway: Gateway | undefined;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  upstream.answerUnqueuedWith(() => ({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') }));
  gateway = createGateway(
    resolveConfig({
      providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      retry: { attempts: 0 },
      auth: { required: true },
      database: { url: databasePath },
      redis: { url: machineRedisUrl, keyPrefix },
    }),
    { logger: silentLogger },
  );
  await gateway.openStore();
  const address = await gateway.listen(0, '127.0.0.1');
  gatewayUrl = `http://127.0.0.1:${address.port}`;
});

after(async () => {
  await gateway?.close(0);
  await upstream?.stop();
  const cleaner = new Redis(machineRedisUrl);
  const keys = await cleaner.keys(`${keyPrefix}*`);
  if (keys.length > 0) await cleaner.del(...keys);
  await cleaner.quit();
  rmSync(directory, { recursive: true, force: true });
});

/** `interlingua keys ARGS --config FILE`: its exit code, stdout and stderr. */
async function keys(file: string, ...args: string[]): Promise<{ code: number; output: string; errors: string }> {
  let output = '';
  let errors = '';
  const out = new Writable({ write: (chunk: Buffer, _encoding, done) => void ((output += chunk.toString()), done()) });
  const err = new Writable({ write: (chunk: Buffer, _encoding, done) => void ((errors += chunk.toString()), done()) });
  const code = await runKeys([...args, '--config', file], out, err);
  return { code, output, errors };
}

async function chatStatus(key: string): Promise<number> {
  const response = await fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Well under the 5 s a gateway trusts a cached lookup: a refusal within it came by Redis. */
const soonMs = 1_500;

test('a key revoked with the CLI is refused by a running gateway at once, told over Redis', async () => {
  const created = await keys(configFile, 'create', '--name', 'cli-revoked');
  const key = created.output.trimEnd().split('\n').at(-1) ?? '';
  assert.equal(await chatStatus(key), 200, 'the gateway has looked the key up and holds it');
  const revoked = await keys(configFile, 'revoke', 'cli-revoked');
  assert.equal(revoked.code, 0);
  assert.equal(revoked.errors, '');
  const started = Date.now();
  await until(async () => (await chatStatus(key)) === 401, soonMs, 'the gateway refuses the key revoked with the CLI');
  const refusedAfterMs = Date.now() - started;
  assert.ok(refusedAfterMs < soonMs, `refused after ${refusedAfterMs} ms`);
});

test('with Redis unreachable the CLI says so on stderr and still revokes', async () => {
  const created = await keys(configFile, 'create', '--name', 'cli-revoked-no-redis');
  const key = created.output.trimEnd().split('\n').at(-1) ?? '';
  assert.equal(await chatStatus(key), 200);
  const revoked = await keys(unreachableConfigFile, 'revoke', 'cli-revoked-no-redis');
  assert.equal(revoked.code, 0);
  assert.match(revoked.output, /^revoked cli-revoked-no-redis /);
  assert.match(revoked.errors, /^interlingua: keys revoke: running gateways could not be told at once \(Redis: .*ECONNREFUSED.*\); they refuse the key within 5 seconds\n$/);
  const listed = await keys(configFile, 'list', '--json');
  const record = listed.output.trimEnd().split('\n').map((line) => JSON.parse(line) as { name: string; revokedAt?: number }).find((entry) => entry.name === 'cli-revoked-no-redis');
  assert.ok(record?.revokedAt !== undefined, 'the database holds the revocation');
  await until(async () => (await chatStatus(key)) === 401, 7_000, 'the gateway refuses it once its cached lookup runs out');
});
