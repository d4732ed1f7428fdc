/**
 * Values a caller sends that PostgreSQL would refuse, through a gateway in this process on a
 * database of the test's own (the machine's PostgreSQL). Text cannot hold U+0000 there: a model
 * name with one made the server refuse the usage batch, which was tried again every second while
 * every later record of every key queued behind it; an id or name with one made its lookup a 500.
 * A number past what a bigint holds, or a fraction where one is compared, was a 500 as well.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UpstreamReply } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';
import { adminKey, gatewayOverPostgres } from './postgres-gateway.js';

const chatAnswer: UpstreamReply = { kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };

const setup = gatewayOverPostgres(chatAnswer);

async function call(path: string, init: { method?: string; body?: unknown; authorization?: string } = {}): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.authorization !== undefined) headers['authorization'] = `Bearer ${init.authorization}`;
  const response = await fetch(`${setup.url}${path}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
  return { status: response.status, text: await response.text() };
}

const chat = (model: string) => call('/v1/chat/completions', { body: { model, messages: [{ role: 'user', content: 'Hi' }] } });

test("a NUL in one caller's model name does not stop the usage records after it from reaching PostgreSQL", async () => {
  const before = Number((await setup.gateway.services.store.get().then((store) => store.db.selectFrom('usage_records').select((select) => select.fn.countAll<string>().as('n')).executeTakeFirst()))?.n ?? 0);
  assert.equal((await chat('nope\u0000')).status, 404);
  const gemini = await call('/v1beta/models/oa%2Fgpt-4o%00:generateContent', { body: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] } });
  for (let index = 0; index < 3; index++) assert.equal((await chat('chat')).status, 200);
  await setup.gateway.services.usage.flush();
  assert.deepEqual(setup.gateway.services.usage.waiting, { buffered: 0, spilled: 0 }, 'no record stays queued');
  const store = await setup.gateway.services.store.get();
  const rows = await store.db.selectFrom('usage_records').select(['model', 'deployment', 'status']).orderBy('created_at').execute();
  assert.equal(rows.length - before, 5, `every request has its record (the Gemini path answered ${gemini.status})`);
  assert.ok(rows.some((row) => row.model === 'nope\uFFFD' && row.status === 404), JSON.stringify(rows));
  assert.ok(rows.some((row) => row.model.startsWith('oa/gpt-4o\uFFFD')), JSON.stringify(rows));
  assert.equal((await call('/health')).text, '{"status":"ok"}');
});

test('an id or name holding a NUL is not found or refused, in the caller\'s dialect, never a 500', async () => {
  const admin = { authorization: adminKey };
  const cases: Array<[string, Promise<{ status: number; text: string }>, number]> = [
    ['GET a stored response', call('/v1/responses/resp_%00'), 404],
    ['DELETE a stored response', call('/v1/responses/resp_%00', { method: 'DELETE' }), 404],
    // An unknown previous_response_id is OpenAI's 400 previous_response_not_found, naming the parameter.
    ['continue from a response', call('/v1/responses', { body: { model: 'chat', input: 'Hi', previous_response_id: 'resp_\u0000' } }), 400],
    ['revoke a key', call('/admin/keys/%00', { method: 'DELETE', ...admin }), 404],
    ["change a key's limits", call('/admin/keys/a%00', { method: 'PATCH', body: { rpm: 5 }, ...admin }), 404],
    ['create a key', call('/admin/keys', { body: { name: 'a\u0000b' }, ...admin }), 400],
    ['usage of a key', call('/admin/usage?key=%00&since=1h', admin), 400],
    ['usage of a model', call('/admin/usage?model=a%00', admin), 400],
    ['the request log by key', call('/admin/usage/log?key=%00', admin), 400],
    ['the request log by model', call('/admin/usage/log?model=%00', admin), 400],
    ['the request log by deployment', call('/admin/usage/log?deployment=oa%2F%00', admin), 400],
  ];
  for (const [what, answer, status] of cases) {
    const { status: got, text } = await answer;
    assert.equal(got, status, `${what}: ${got} ${text}`);
    const error = (JSON.parse(text) as { error: { type: string; code: string } }).error;
    const code = what === 'continue from a response' ? 'previous_response_not_found' : status === 404 ? 'not_found' : 'invalid_request';
    assert.equal(error.code, code, `${what}: ${text}`);
  }
});

test('numbers in the admin queries past what the database compares are refused, not a 500', async () => {
  const admin = { authorization: adminKey };
  for (const [path, status] of [
    ['/admin/usage/log?offset=1e20', 400],
    ['/admin/usage/log?offset=9007199254740993', 400],
    ['/admin/usage/log?limit=1e2', 200],
    ['/admin/usage?limit=1e20', 400],
    ['/admin/usage/log?since=99999999999d', 400],
    ['/admin/usage/log?until=99999999999999999999', 400],
    ['/admin/usage?since=999999999999d', 400],
    ['/admin/overview?since=99999999999d', 400],
    ['/admin/overview?since=1h&buckets=1e20', 400],
    ['/admin/deployments/stats?since=999999999999d', 400],
    // A fraction of a millisecond is no value a bigint column is compared with: it is taken whole.
    ['/admin/usage/log?since=0.0001s', 200],
    ['/admin/usage?since=0.0001s', 200],
  ] as const) {
    const { status: got, text } = await call(path, admin);
    assert.equal(got, status, `${path}: ${got} ${text}`);
    if (status === 400) assert.equal((JSON.parse(text) as { error: { code: string } }).error.code, 'invalid_request', `${path}: ${text}`);
  }
});
