/**
 * Numbers past PostgreSQL's 32-bit `integer` through the admin API on PostgreSQL: a key's `rpm`
 * and `tpm` are any positive safe integer, and were a 500 past 2,147,483,647 until those columns
 * were `bigint` (migration 0010_wide_counts). A request with that key whose upstream reports
 * 3,000,000,000 prompt tokens is recorded, and its cost counts toward the key's spend.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UpstreamReply } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';
import { adminKey, gatewayOverPostgres } from '../store/postgres-gateway.js';

const bigTokens = 3_000_000_000;
const answer = readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') as { usage: { prompt_tokens: number } };
answer.usage.prompt_tokens = bigTokens;
const chatAnswer: UpstreamReply = { kind: 'json', body: answer };

const setup = gatewayOverPostgres(chatAnswer);

/** The parts of the admin API's answers these tests read. */
interface AdminAnswer {
  key?: string;
  rpm?: number;
  tpm?: number;
  data?: Array<{ name: string; rpm?: number; tpm?: number }>;
}

async function admin(path: string, method = 'GET', body?: unknown): Promise<{ status: number; body: AdminAnswer }> {
  const response = await fetch(`${setup.url}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as AdminAnswer };
}

test('key limits past 2^31 - 1 are created, changed and listed', async () => {
  const created = await admin('/keys', 'POST', { name: 'big-rpm', rpm: 3_000_000_000, tpm: 2 ** 31 });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.deepEqual([created.body.rpm, created.body.tpm], [3_000_000_000, 2 ** 31]);
  assert.equal((await admin('/keys', 'POST', { name: 'small' })).status, 201);
  const patched = await admin('/keys/small', 'PATCH', { rpm: 2 ** 53 - 1, tpm: 5_000_000_000 });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.deepEqual([patched.body.rpm, patched.body.tpm], [2 ** 53 - 1, 5_000_000_000]);
  const listed = (await admin('/keys')).body.data ?? [];
  assert.deepEqual(
    listed.map(({ name, rpm, tpm }) => ({ name, rpm, tpm })).sort((a, b) => a.name.localeCompare(b.name)),
    [
      { name: 'big-rpm', rpm: 3_000_000_000, tpm: 2 ** 31 },
      { name: 'small', rpm: 2 ** 53 - 1, tpm: 5_000_000_000 },
    ],
    'as stored, and as numbers',
  );
  assert.equal((await admin('/keys', 'POST', { name: 'unsafe', rpm: 2 ** 53 })).status, 400, 'past a safe integer is the caller\'s mistake');
});

test('a request of 3,000,000,000 prompt tokens is recorded with its cost in the key spend', async () => {
  const created = await admin('/keys', 'POST', { name: 'heavy', budget: 1_000_000, budgetPeriod: 'day' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const chat = await fetch(`${setup.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${created.body.key}` },
    body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }),
  });
  assert.equal(chat.status, 200, await chat.text());
  await setup.gateway.services.usage.flush();
  const response = await fetch(`${setup.url}/admin/keys/spend`, { headers: { authorization: `Bearer ${adminKey}` } });
  const spend = (await response.json()) as { data: Array<{ name: string; requests: number; inputTokens: number; cost: number; periodSpend?: number }> };
  const heavy = spend.data.find((row) => row.name === 'heavy');
  assert.ok(heavy !== undefined, JSON.stringify(spend));
  assert.equal(heavy.requests, 1);
  assert.equal(heavy.inputTokens, bigTokens);
  assert.ok(heavy.cost > 1_000, `3e9 input tokens of gpt-4o cost thousands of dollars, not ${heavy.cost}`);
  assert.equal(heavy.periodSpend, heavy.cost, 'the day total (key_spend_days) has it too');
});
