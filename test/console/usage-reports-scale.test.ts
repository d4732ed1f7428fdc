import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import type { Store } from '../../src/store/open-store.js';

/**
 * The console's reports over more records than a page: the CSV export holds every matching row
 * (it stopped at 100,000 without a word), and `GET /admin/usage` answers a page at a time with a
 * way to the next (it answered every record at once: 83 MB for 200,000).
 */
const adminKey = 'usage-reports-admin-key-0123456789';
const port = 42181;
const base = `http://127.0.0.1:${port}`;
const rows = 100_050;
const start = Date.UTC(2026, 10, 1);
let gateway: Gateway;

before(async () => {
  gateway = createGateway(resolveConfig({ providers: {}, adminKey, database: { url: ':memory:' } }), { logger: silentLogger });
  await gateway.listen(port, '127.0.0.1');
  insertRows(await gateway.services.store.get(), rows);
});
after(() => gateway.close(1000));

/** `count` records a second apart, every tenth one a 500; two share each second from 1,000 on, so pages meet on equal times. */
function insertRows(store: Store, count: number): void {
  const database = store.sqlite;
  assert.ok(database !== undefined);
  const insert = database.prepare(
    `insert into usage_records (id, created_at, key_id, key_name, model, deployment, caller, stream, status, error_code, input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost, no_price, latency_ms, ttft_ms, request_id, error_message, attempts, usage_estimated)
     values (?, ?, null, ?, ?, 'oa/gpt-4o', 'openai-chat', 0, ?, null, ?, 5, 0, 0, 0.001, null, ?, null, null, null, null, null)`,
  );
  database.transaction(() => {
    for (let index = 0; index < count; index++) {
      const second = index < 1000 ? index : 1000 + Math.floor((index - 1000) / 2);
      insert.run(`rec_${String(index).padStart(7, '0')}`, start + second * 1000, `k${index % 3}`, index % 2 === 0 ? 'gpt-4o' : 'claude', index % 10 === 0 ? 500 : 200, 10 + (index % 7), 100 + (index % 900));
    }
  })();
}

async function get(path: string): Promise<Response> {
  return fetch(`${base}/admin${path}`, { headers: { authorization: `Bearer ${adminKey}` } });
}

test('the CSV export holds every matching row, past the 100,000 it once stopped at', async () => {
  const response = await get('/usage/export.csv');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
  const lines = (await response.text()).split('\r\n');
  assert.equal(lines.at(-1), '', 'the file ends with a line end');
  const ids = lines.slice(1, -1).map((line) => line.split(',')[1]);
  assert.equal(ids.length, rows, 'one line per record, and the header');
  assert.equal(new Set(ids).size, rows, 'no record twice across pages');
  assert.equal(ids[0], `rec_${String(rows - 1).padStart(7, '0')}`, 'newest first');
  const filtered = await (await get('/usage/export.csv?key=k1&status=500&limit=3')).text();
  assert.equal(filtered.split('\r\n').length - 2, 3, 'limit still chooses a part');
});

test('GET /admin/usage answers 1,000 records without a limit, and the rest page by page with after', async () => {
  const first = (await (await get('/usage')).json()) as { object: string; data: Array<{ id: string; createdAt: number }>; has_more: boolean; first_id: string; last_id: string };
  assert.equal(first.object, 'list');
  assert.equal(first.data.length, 1000);
  assert.equal(first.has_more, true);
  assert.equal(first.first_id, 'rec_0000000', 'oldest first');
  assert.equal(first.last_id, first.data.at(-1)?.id);
  let after = first.last_id;
  let seen = first.data.length;
  const ids = new Set(first.data.map((record) => record.id));
  for (;;) {
    const page = (await (await get(`/usage?limit=10000&after=${after}`)).json()) as { data: Array<{ id: string }>; has_more: boolean; last_id: string | null };
    for (const record of page.data) ids.add(record.id);
    seen += page.data.length;
    if (!page.has_more) break;
    assert.ok(page.last_id !== null);
    after = page.last_id;
  }
  assert.equal(seen, rows);
  assert.equal(ids.size, rows, 'every record once, across equal times');
  const newest = (await (await get('/usage?limit=2')).json()) as { data: Array<{ id: string }> };
  assert.deepEqual(newest.data.map((record) => record.id), [`rec_${String(rows - 2).padStart(7, '0')}`, `rec_${String(rows - 1).padStart(7, '0')}`], 'limit alone: the newest, oldest first');
  const tooMany = await get('/usage?limit=10001');
  assert.equal(tooMany.status, 400);
  assert.match(await tooMany.text(), /limit: a whole number from 1 to 10000/);
  const unknown = await get('/usage?after=no-such-record');
  assert.equal(unknown.status, 400);
  assert.match(await unknown.text(), /after: no usage record has the id/);
});

test('the overview adds up in the database what the records hold', async () => {
  const store = await gateway.services.store.get();
  const now = Date.now();
  const since = start - 1000;
  const overview = (await (await get(`/overview?since=${since}&buckets=7`)).json()) as {
    bucketMs: number;
    totals: { requests: number; errors: number; inputTokens: number; outputTokens: number; cost: number; meanLatencyMs: number; p95LatencyMs: number };
    byModel: Array<{ name: string; requests: number[]; inputTokens: number[] }>;
  };
  const expected = store.sqlite!.prepare(
    `select count(*) as requests, sum(case when status >= 400 then 1 else 0 end) as errors, sum(input_tokens) as input, sum(output_tokens) as output, sum(cost) as cost, round(avg(latency_ms)) as mean
     from usage_records where created_at >= ? and created_at < ?`,
  ).get(since, since + 7 * overview.bucketMs) as { requests: number; errors: number; input: number; output: number; cost: number; mean: number };
  assert.ok(since + 7 * overview.bucketMs > now, 'the window reaches now');
  assert.equal(overview.totals.requests, rows);
  assert.equal(overview.totals.requests, expected.requests);
  assert.equal(overview.totals.errors, expected.errors);
  assert.equal(overview.totals.inputTokens, expected.input);
  assert.equal(overview.totals.outputTokens, expected.output);
  assert.ok(Math.abs(overview.totals.cost - expected.cost) < 1e-6);
  assert.equal(overview.totals.meanLatencyMs, expected.mean);
  // Latencies here are under a second, where the histogram's bins are 1 ms: p95 is exact (nearest rank).
  const rank = Math.ceil(rows * 0.95);
  const p95 = store.sqlite!.prepare('select latency_ms from usage_records order by latency_ms limit 1 offset ?').get(rank - 1) as { latency_ms: number };
  assert.equal(overview.totals.p95LatencyMs, p95.latency_ms);
  const perModel = store.sqlite!.prepare('select model, count(*) as requests, sum(input_tokens) as input from usage_records group by model').all() as Array<{ model: string; requests: number; input: number }>;
  for (const model of perModel) {
    const group = overview.byModel.find((entry) => entry.name === model.model);
    assert.equal(group?.requests.reduce((sum, value) => sum + value, 0), model.requests, model.model);
    assert.equal(group?.inputTokens.reduce((sum, value) => sum + value, 0), model.input, model.model);
  }
});
