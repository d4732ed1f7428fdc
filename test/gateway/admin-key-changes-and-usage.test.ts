/**
 * The admin API's key changes, usage list and moments: a PATCH keeps what it leaves out (a new
 * budget keeps its period), `GET /admin/usage?limit=N` gives the newest N as `interlingua usage
 * --limit N` does, and an expiry or window that is not a clear moment is a 400 naming it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';

const adminKey = 'admin-key-for-tests-0123456789';
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  gateway = createGateway(
    resolveConfig({
      providers: { oa: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'upstream-key' } },
      models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
      adminKey,
    }),
    { logger: silentLogger },
  );
  const address = await gateway.listen(0, '127.0.0.1');
  gatewayUrl = `http://127.0.0.1:${address.port}`;
});
after(() => gateway.close(1000));

/** The parts of the admin API's answers these tests read. */
interface AdminAnswer {
  budget?: { usd: number; period: string };
  rpm?: number;
  expiresAt?: number;
  data?: Array<{ id: string; name: string; budget?: { usd: number; period: string } }>;
  error?: { message: string };
}

/** The admin API's status and JSON answer. */
async function admin(path: string, method = 'GET', body?: unknown): Promise<{ status: number; body: AdminAnswer }> {
  const response = await fetch(`${gatewayUrl}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as AdminAnswer };
}

test('PATCH keeps what it leaves out: a new budget keeps a weekly period weekly, a new period keeps the amount', async () => {
  assert.equal((await admin('/keys', 'POST', { name: 'weekly', budget: 10, budgetPeriod: 'week', rpm: 5 })).status, 201);
  const raised = await admin('/keys/weekly', 'PATCH', { budget: 20 });
  assert.equal(raised.status, 200, JSON.stringify(raised.body));
  assert.deepEqual(raised.body.budget, { usd: 20, period: 'week' });
  assert.equal(raised.body.rpm, 5);
  const daily = await admin('/keys/weekly', 'PATCH', { budgetPeriod: 'day' });
  assert.deepEqual(daily.body.budget, { usd: 20, period: 'day' });
  const listed = await admin('/keys');
  assert.deepEqual(listed.body.data?.find((key) => key.name === 'weekly')?.budget, { usd: 20, period: 'day' }, 'as stored');
  assert.equal((await admin('/keys/weekly', 'PATCH', { budget: null, budgetPeriod: 'week' })).status, 400, 'a lifted budget has no period');
  const lifted = await admin('/keys/weekly', 'PATCH', { budget: null });
  assert.equal(lifted.body.budget, undefined);

  assert.equal((await admin('/keys', 'POST', { name: 'unbudgeted' })).status, 201);
  const periodAlone = await admin('/keys/unbudgeted', 'PATCH', { budgetPeriod: 'week' });
  assert.equal(periodAlone.status, 400);
  assert.match(periodAlone.body.error?.message ?? '', /budgetPeriod: the key has no budget/);
  assert.deepEqual((await admin('/keys/unbudgeted', 'PATCH', { budget: 5 })).body.budget, { usd: 5, period: 'month' }, 'a first budget is monthly unless said');
});

test('GET /admin/usage?limit=N gives the newest N records, oldest first, as interlingua usage --limit does', async () => {
  const store = await gateway.services.store.get();
  const start = Date.UTC(2026, 0, 2, 3, 4, 5);
  await store.db
    .insertInto('usage_records')
    .values(
      Array.from({ length: 5 }, (_, index) => ({
        id: `newest-${index}`,
        created_at: start + index * 60_000,
        key_id: null,
        key_name: 'limit-check',
        model: 'chat',
        deployment: 'oa/gpt-4o',
        caller: 'openai-chat',
        stream: 0,
        status: 200,
        error_code: null,
        input_tokens: 10,
        output_tokens: 1,
        cached_tokens: 0,
        reasoning_tokens: 0,
        cost: 0.001,
        no_price: 0,
        latency_ms: 100,
        ttft_ms: null,
        request_id: null,
        error_message: null,
        attempts: null,
        usage_estimated: null,
      })),
    )
    .execute();
  const ids = async (query: string) => ((await admin(`/usage?key=limit-check${query}`)).body.data ?? []).map((record) => record.id);
  assert.deepEqual(await ids('&limit=2'), ['newest-3', 'newest-4']);
  assert.deepEqual(await ids(''), ['newest-0', 'newest-1', 'newest-2', 'newest-3', 'newest-4']);
  assert.deepEqual(await ids('&limit=2&until=2026-01-02%2003:06:05'), ['newest-0', 'newest-1'], 'a time as the usage table prints it, read as UTC');
  assert.deepEqual(await ids('&since=2026-01-02T04:07:05%2B01:00'), ['newest-3', 'newest-4'], 'a time with an offset');
});

test('an expiry or a window that is not a clear moment is a 400 that names it, never a guess', async () => {
  for (const [method, path, body, named] of [
    ['POST', '/keys', { name: 'forty-five', expires: '45' }, /expires: "45" is not a span, date or time \(did you mean 45d\?\)/],
    ['POST', '/keys', { name: 'february', expires: '2030-02-31' }, /expires: "2030-02-31" is not a date on the calendar/],
    ['POST', '/keys', { name: 'words', expires: 'hello 2027' }, /expires: "hello 2027" is not a span, date or time/],
    ['PATCH', '/keys/unbudgeted', { expires: '45' }, /expires: "45" is not a span, date or time/],
    ['POST', '/keys', { name: 'beyond', expires: '99999999999999d' }, /expires: "99999999999999d" is further from 1970 than any date/],
    ['PATCH', '/keys/unbudgeted', { expires: '99999999999999d' }, /expires: "99999999999999d" is further from 1970 than any date/],
    ['GET', '/usage?since=7', undefined, /since: "7" is not a span, date or time \(did you mean 7d\?\)/],
    ['GET', '/usage?until=2026-13-01', undefined, /until: "2026-13-01" is not a date on the calendar/],
    ['GET', '/overview?since=12', undefined, /since: "12" is not a span, date or time/],
    ['GET', '/usage/log?since=next%20week', undefined, /since: "next week" is not a span, date or time/],
    ['GET', '/deployments/stats?since=12', undefined, /since: "12" is not a span, date or time/],
  ] as const) {
    const answer = await admin(path, method, body);
    assert.equal(answer.status, 400, `${method} ${path}`);
    assert.match(answer.body.error?.message ?? '', named, `${method} ${path}`);
  }
  const dated = await admin('/keys', 'POST', { name: 'dated', expires: '2030-02-28' });
  assert.equal(dated.body.expiresAt, Date.UTC(2030, 1, 28));
  const patched = await admin('/keys/dated', 'PATCH', { expires: '2030-03-01T12:00:00' });
  assert.equal(patched.body.expiresAt, Date.UTC(2030, 2, 1, 12));
});
