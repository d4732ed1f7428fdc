/**
 * A caller never waits long on a stalled PostgreSQL: every database call on a request's path
 * (a stored Responses turn, a stored response read, the admin API's keys, a budget not yet
 * counted) is given up on after the store's deadline (1 s) and answered 503 `store_unavailable`,
 * as a key lookup is; the pool's own read timeout (30 s) is for work off the request's path.
 * While the database is known to be away, a turn to be stored is refused before the upstream is
 * asked; a turn whose answer came but could not be stored keeps the upstream's tokens in its
 * usage record. A gateway in this process on a database of the test's own (machine's
 * PostgreSQL), behind a proxy that holds every connection silent (`stall`) and then lets it go.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { queryUsage } from '../../src/usage/usage-query.js';
import { TestUpstream, type UpstreamReply } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';
import { createTestDatabase, postgresServer, type TestDatabase } from '../store/postgres-database.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { countTokensOfEach } from '../../src/gateway/tokenizer/tokenizer-client.js';

/** 20 input and 2 output tokens. */
const answer: UpstreamReply = { kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };
const adminKey = 'admin-key-for-tests-0123456789';
/** Four times the deadline: the answer comes well within it, and the pool's 30 s read timeout far outside. */
const patienceMs = 4_000;

let upstream: TestUpstream;
let database: TestDatabase;
let proxy: TcpProxy;
let gateway: Gateway;
let url: string;

before(async () => {
  upstream = await new TestUpstream().start();
  upstream.answerUnqueuedWith(() => answer);
  database = await createTestDatabase();
  proxy = await new TcpProxy(Number(new URL(postgresServer).port || 5432)).start();
  const proxied = new URL(database.url);
  proxied.port = String(proxy.port);
  gateway = createGateway(
    resolveConfig({
      providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      retry: { attempts: 0 },
      adminKey,
      database: { url: proxied.toString() },
    }),
    { logger: silentLogger },
  );
  await gateway.openStore();
  // A budgeted request's hold is estimated by the tokenizer's thread, which takes a second or more
  // of a core to start: started here, so that the stall's clock times the store alone.
  await countTokensOfEach(['warm']);
  url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  proxy.set('pass');
  await gateway.close(0);
  await proxy.stop();
  await upstream.stop();
  await database.drop();
});

interface Answer {
  status: number | 'no answer';
  ms: number;
  code?: string;
  requestId?: string;
  body: Record<string, unknown>;
}

async function call(path: string, init: { method?: string; body?: unknown; authorization?: string } = {}): Promise<Answer> {
  const started = Date.now();
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.authorization !== undefined) headers['authorization'] = `Bearer ${init.authorization}`;
  try {
    const response = await fetch(`${url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.timeout(patienceMs),
    });
    const body = (await response.json()) as Record<string, unknown>;
    const code = (body['error'] as { code?: string } | undefined)?.code;
    return { status: response.status, ms: Date.now() - started, ...(code !== undefined ? { code } : {}), requestId: response.headers.get('x-request-id') ?? '', body };
  } catch {
    return { status: 'no answer', ms: Date.now() - started, body: {} };
  }
}

async function healthy(): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const health = (await (await fetch(`${url}/health`)).json()) as { status: string };
    if (health.status === 'ok') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the database did not count as back within 15 s');
}

function refusedSoon(answer: Answer, what: string): void {
  assert.deepEqual([answer.status, answer.code], [503, 'store_unavailable'], `${what}: ${answer.status} after ${answer.ms} ms ${JSON.stringify(answer.body)}`);
}

/** The store answers again (the proxy lets the held connections go) and the gateway has seen it. */
async function released(): Promise<void> {
  proxy.set('pass');
  await healthy();
}

test('with PostgreSQL stalled, a stored response, the admin keys and a budget not yet counted are answered 503 within the deadline', async () => {
  const { key: budgeted } = await gateway.services.keys.create({ name: 'budgeted', budget: { usd: 100, period: 'month' } });
  const stored = await call('/v1/responses', { body: { model: 'chat', input: 'Hi' } });
  assert.equal(stored.status, 200);
  // The key is looked up (and cached) now; its budget is first counted during the stall.
  assert.equal((await call('/v1/models', { authorization: budgeted })).status, 200);

  proxy.set('stall');
  try {
    const [read, keys, budget] = await Promise.all([
      call(`/v1/responses/${String(stored.body['id'])}`),
      call('/admin/keys', { authorization: adminKey }),
      call('/v1/chat/completions', { body: { model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }, authorization: budgeted }),
    ]);
    refusedSoon(read, 'GET of a stored response');
    refusedSoon(keys, 'GET /admin/keys');
    refusedSoon(budget, "a budgeted key's first request");
  } finally {
    await released();
  }
});

test('a turn whose answer could not be stored keeps its tokens; once the database is known away, a turn that needs it is refused before its upstream', async () => {
  const stored = await call('/v1/responses', { body: { model: 'chat', input: 'Hi' } });
  assert.equal(stored.status, 200);
  const storedId = String(stored.body['id']);

  proxy.set('stall');
  let turn: Answer;
  try {
    const asked = upstream.requests.length;
    turn = await call('/v1/responses', { body: { model: 'chat', input: 'Hi' } });
    refusedSoon(turn, 'a turn whose answer could not be stored');
    assert.equal(upstream.requests.length, asked + 1, 'the database was not known away yet: the upstream was asked');

    // The database is known away now: a turn that needs it is refused before any upstream call.
    refusedSoon(await call('/v1/responses', { body: { model: 'chat', input: 'Hi' } }), 'a turn to be stored');
    refusedSoon(await call('/v1/responses', { body: { model: 'chat', input: 'Hi', previous_response_id: storedId, store: false } }), 'a turn continuing a stored one');
    assert.equal(upstream.requests.length, asked + 1, 'no upstream was asked for a turn that could not be stored');
    assert.equal((await call('/v1/responses', { body: { model: 'chat', input: 'Hi', store: false } })).status, 200, 'a turn that needs no database is answered');
  } finally {
    await released();
  }

  const store = await gateway.services.store.get();
  let record;
  for (const deadline = Date.now() + 10_000; record === undefined && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    record = (await queryUsage(store, {})).find((candidate) => candidate.requestId === turn.requestId);
  }
  assert.ok(record !== undefined, 'the failed turn was recorded');
  assert.deepEqual([record.status, record.errorCode, record.inputTokens, record.outputTokens], [503, 'store_unavailable', 20, 2], 'with the tokens the upstream reported and billed');
  assert.ok((record.cost ?? 0) > 0, 'and their cost');
});
