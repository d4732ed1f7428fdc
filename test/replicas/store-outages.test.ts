/**
 * Infrastructure faults under load: `interlingua serve` replicas on a PostgreSQL and a Redis the
 * test starts privately (own ports, own directories), which it stops and starts again while ten
 * callers keep sending, and a TCP proxy it controls that resets or stalls their connections.
 * The gateways must stay up, answer from what they hold, lose no usage record and write none
 * twice, and keep a key's limit within the documented margin while Redis is away.
 */
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/open-store.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { KeyRecords } from '../../src/keys/key-records.js';
import { TestUpstream, type UpstreamReply } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';
import { startServe, type ServeProcess } from './support/serve-process.js';
import { sendLoad, steadyLoad } from './support/load.js';
import { PrivatePostgres } from './support/private-postgres.js';
import { PrivateRedis } from './support/private-redis.js';
import { TcpProxy } from './support/tcp-proxy.js';

const answer: UpstreamReply = { kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };
const chat = { model: 'chat', messages: [{ role: 'user', content: 'Hi' }] };
const callers = 10;

let upstream: TestUpstream;
let directory: string;
let postgres: PrivatePostgres;
let redis: PrivateRedis;
const replicas: ServeProcess[] = [];

before(async () => {
  directory = mkdtempSync(join(tmpdir(), 'interlingua-outages-'));
  [upstream, postgres, redis] = await Promise.all([new TestUpstream().start(), PrivatePostgres.create(), PrivateRedis.create()]);
});
after(async () => {
  await Promise.all(replicas.filter((replica) => replica.running()).map((replica) => replica.terminate()));
  await upstream.stop();
  await redis.stop();
  await postgres.destroy();
  rmSync(directory, { recursive: true, force: true });
});

// A test that failed midway must not leave the next one without its servers.
afterEach(async () => {
  if (!postgres.running) await postgres.start();
  if (!redis.running) await redis.start();
});

/** A database of the test's own on the private server (created while the server is up). */
async function freshDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(postgres.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withStore<T>(url: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(parseDatabaseUrl(url, directory));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function countRecords(url: string): Promise<number> {
  return withStore(url, async (store) => Number((await store.db.selectFrom('usage_records').select((select) => select.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow()).count));
}

/** Polls until the usage table holds `expected` records, for at most `ms`; the last count seen. */
async function recordsReach(url: string, expected: number, ms = 15_000): Promise<number> {
  const deadline = Date.now() + ms;
  let count = -1;
  while (Date.now() < deadline) {
    count = await countRecords(url).catch(() => -1);
    if (count >= expected) return count;
    await sleep(200);
  }
  return count;
}

function config(databaseUrl: string, redisUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
    models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
    retry: { attempts: 0 },
    auth: { required: true },
    database: { url: databaseUrl },
    redis: { url: redisUrl, keyPrefix: `outages-${Date.now()}:` },
    ...extra,
  };
}

async function start(name: string, settings: Record<string, unknown>): Promise<ServeProcess> {
  const replica = await startServe(directory, name, settings);
  replicas.push(replica);
  return replica;
}

async function health(replica: ServeProcess, path = '/health'): Promise<{ status: number; body: { status: string; away?: Array<{ store: string }> } }> {
  const response = await fetch(`${replica.url}${path}`);
  return { status: response.status, body: (await response.json()) as { status: string; away?: Array<{ store: string }> } };
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

function total(statuses: Map<number, number>): number {
  return [...statuses.values()].reduce((sum, count) => sum + count, 0);
}

test('PostgreSQL stopped and started under load: replicas stay up, keep answering, and store every record once', async () => {
  const database = await freshDatabase('restart_under_load');
  const { key } = await withStore(database, (store) => new KeyRecords(async () => store).create({ name: 'caller', rpm: 1_000_000 }));
  const settings = config(database, redis.url);
  const [first, second] = await Promise.all([start('pg-a', settings), start('pg-b', settings)]);
  upstream.enqueue(...Array.from({ length: 40_000 }, () => answer));
  const headers = () => ({ authorization: `Bearer ${key}` });
  const loads = [first, second].map((replica) => steadyLoad(replica.url, '/v1/chat/completions', chat, callers / 2, headers));

  await sleep(500);
  await postgres.stop();
  // Only the database is away: a loaded host may add a moment's Redis timeout, which must pass.
  let during = await health(first);
  await until(async () => {
    during = await health(first);
    return during.body.status === 'degraded' && during.body.away?.map((away) => away.store).join() === 'database';
  });
  assert.equal(during.status, 200, '/health stays 200 while the gateway can answer');
  assert.equal((await health(first, '/ready')).status, 503);
  assert.equal((await health(first, '/health?strict=1')).status, 503);
  const answeredBefore = loads.reduce((sum, load) => sum + (load.statuses.get(200) ?? 0), 0);
  await sleep(1_500);
  assert.ok(loads.reduce((sum, load) => sum + (load.statuses.get(200) ?? 0), 0) > answeredBefore, 'requests are answered while PostgreSQL is away');
  await postgres.start();
  await until(async () => (await health(first)).body.status === 'ok' && (await health(second)).body.status === 'ok', 15_000);
  await sleep(300);
  const outcomes = await Promise.all(loads.map((load) => load.stop()));

  assert.ok(first.running() && second.running(), 'both processes are still up');
  for (const outcome of outcomes) {
    assert.equal(outcome.unanswered, 0);
    assert.deepEqual([...outcome.statuses.keys()], [200], `every request answered 200: ${JSON.stringify([...outcome.statuses])}`);
  }
  const answered = outcomes.reduce((sum, outcome) => sum + total(outcome.statuses), 0);
  assert.equal(await recordsReach(database, answered), answered, 'records answered = records stored');
  assert.deepEqual(await Promise.all([first.terminate(), second.terminate()]), [0, 0]);
  assert.equal(await countRecords(database), answered, 'and none written twice');
});

test('a replica stopped with SIGTERM while PostgreSQL is away spills its records and writes them at its next start', async () => {
  const database = await freshDatabase('sigterm_in_outage');
  const { key } = await withStore(database, (store) => new KeyRecords(async () => store).create({ name: 'caller' }));
  const settings = config(database, redis.url);
  const replica = await start('spill', settings);
  upstream.enqueue(...Array.from({ length: 2_000 }, () => answer));
  const headers = () => ({ authorization: `Bearer ${key}` });
  const before = await sendLoad(replica.url, '/v1/chat/completions', chat, 50, callers, headers);
  await postgres.stop();
  const during = await sendLoad(replica.url, '/v1/chat/completions', chat, 300, callers, headers);
  assert.deepEqual([...during.statuses], [[200, 300]], 'a key looked up before the outage is served through it');
  assert.equal(await replica.terminate(), 0);
  assert.match(replica.output(), /usage records spilled/);

  await postgres.start();
  const restarted = await start('spill', settings);
  const answered = total(before.statuses) + total(during.statuses);
  assert.equal(await recordsReach(database, answered), answered, 'the spilled records are written at the next start');
  assert.equal(await restarted.terminate(), 0);
  assert.equal(await countRecords(database), answered, 'none written twice');
});

test('Redis stopped under load: no 5xx, limits counted per replica within the limit, health says degraded', async () => {
  const database = await freshDatabase('redis_outage');
  const { key } = await withStore(database, (store) => new KeyRecords(async () => store).create({ name: 'limited', rpm: 40 }));
  const { key: open } = await withStore(database, (store) => new KeyRecords(async () => store).create({ name: 'open' }));
  const settings = config(database, redis.url);
  const [first, second] = await Promise.all([start('redis-a', settings), start('redis-b', settings)]);
  // Both replicas have counted each other before Redis goes: the share is known in advance.
  await until(async () => {
    const texts = await Promise.all([first, second].map(async (replica) => (await fetch(`${replica.url}/metrics`)).text()));
    return texts.every((text) => /^interlingua_replicas_seen 2$/m.test(text));
  });
  upstream.enqueue(...Array.from({ length: 40_000 }, () => answer));
  const loads = [first, second].map((replica) => steadyLoad(replica.url, '/v1/chat/completions', chat, callers / 2, () => ({ authorization: `Bearer ${open}` })));
  await sleep(300);
  await redis.stop();
  await until(async () => (await health(first)).body.status === 'degraded' && (await health(second)).body.status === 'degraded');
  assert.deepEqual((await health(second)).body.away?.map((away) => away.store), ['redis']);
  assert.equal((await health(second, '/ready')).status, 503);

  // A limit of 40 a minute, shared by two replicas without Redis: at most 20 each.
  const limited = await Promise.all([first, second].map((replica) => sendLoad(replica.url, '/v1/chat/completions', chat, 60, 5, () => ({ authorization: `Bearer ${key}` }))));
  const allowed = limited.reduce((sum, outcome) => sum + (outcome.statuses.get(200) ?? 0), 0);
  assert.ok(allowed <= 40, `at most the limit got through (${allowed})`);
  assert.ok(limited.every((outcome) => (outcome.statuses.get(200) ?? 0) === 20), 'each replica let its share through');
  assert.ok(limited.every((outcome) => [...outcome.statuses.keys()].every((status) => status === 200 || status === 429)));

  await sleep(500);
  await redis.start();
  await until(async () => (await health(first)).body.status === 'ok' && (await health(second)).body.status === 'ok', 15_000);
  const outcomes = await Promise.all(loads.map((load) => load.stop()));
  assert.ok(first.running() && second.running());
  for (const outcome of outcomes) {
    assert.equal(outcome.unanswered, 0);
    assert.deepEqual([...outcome.statuses.keys()], [200], `no 5xx while only Redis was away: ${JSON.stringify([...outcome.statuses])}`);
  }
  assert.match(first.output(), /redis unavailable/);
  assert.equal(first.output().match(/redis unavailable/g)?.length, 1, 'the warning is logged once per outage');
  const metrics = await (await fetch(`${first.url}/metrics`)).text();
  const outageSeconds = Number(/^interlingua_store_outage_seconds_total\{store="redis"\} (\S+)$/m.exec(metrics)?.[1]);
  assert.ok(outageSeconds > 0, `the finished outage is counted (${outageSeconds} s)`);
  await Promise.all([first.terminate(), second.terminate()]);
});

test('connections reset or stalled by a proxy in front of both stores: the gateway keeps answering and loses nothing', async () => {
  const database = await freshDatabase('proxied');
  const { key } = await withStore(database, (store) => new KeyRecords(async () => store).create({ name: 'caller', rpm: 1_000_000 }));
  const [databaseProxy, redisProxy] = await Promise.all([new TcpProxy(postgres.port).start(), new TcpProxy(redis.port).start()]);
  const proxiedDatabase = new URL(database);
  proxiedDatabase.port = String(databaseProxy.port);
  const replica = await start('proxied', config(proxiedDatabase.toString(), `redis://${redisProxy.url}`));
  upstream.enqueue(...Array.from({ length: 40_000 }, () => answer));
  const load = steadyLoad(replica.url, '/v1/chat/completions', chat, callers, () => ({ authorization: `Bearer ${key}` }));
  try {
    for (const mode of ['reset', 'stall'] as const) {
      await sleep(400);
      databaseProxy.set(mode);
      redisProxy.set(mode);
      await sleep(1_500);
      databaseProxy.set('pass');
      redisProxy.set('pass');
    }
    await until(async () => (await health(replica)).body.status === 'ok', 15_000);
  } finally {
    databaseProxy.set('pass');
    redisProxy.set('pass');
  }
  const outcome = await load.stop();
  assert.ok(replica.running());
  assert.equal(outcome.unanswered, 0);
  assert.deepEqual([...outcome.statuses.keys()], [200], JSON.stringify([...outcome.statuses]));
  const answered = total(outcome.statuses);
  assert.equal(await recordsReach(database, answered), answered);
  assert.equal(await replica.terminate(), 0);
  assert.equal(await countRecords(database), answered);
  await Promise.all([databaseProxy.stop(), redisProxy.stop()]);
});
