/**
 * Metrics are labelled with the model a caller names, which any caller can make up: the series
 * must stay bounded, or each odd name stays in memory and in every /metrics answer for good.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayMetrics } from '../../src/metrics/gateway-metrics.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';

function record(model: string, deployment?: string): UsageRecord {
  const refused = deployment === undefined;
  return {
    id: 'req_1',
    createdAt: 0,
    model,
    ...(refused ? { errorCode: 'not_found' } : { deployment }),
    caller: 'openai-chat',
    stream: false,
    status: refused ? 404 : 200,
    inputTokens: 3,
    outputTokens: 1,
    cachedTokens: 0,
    reasoningTokens: 0,
    cost: 0,
    latencyMs: 5,
  };
}

test('made-up model names open a bounded number of series, each label cut short', async () => {
  const metrics = new GatewayMetrics();
  metrics.observe(record('smart', 'oa/gpt-4o'));
  for (let index = 0; index < 3000; index++) metrics.observe(record(`${index}-${'m'.repeat(5000)}`));
  const text = await metrics.text();
  assert.ok(text.length < 20_000_000, `/metrics is ${text.length} bytes after 3,000 made-up model names`);
  assert.ok(!text.includes('m'.repeat(1000)), 'a 5,000-character model name is a label as it stands');
  assert.match(text, /interlingua_requests_total\{model="smart",deployment="oa\/gpt-4o",caller="openai-chat",status="200"\} 1/);
  assert.match(text, /interlingua_requests_total\{model="other",deployment="other",caller="openai-chat",status="404"\} \d+/);
  assert.ok(metrics.seriesCount <= 1001, `${metrics.seriesCount} series`);
});

test('requests are counted in batches, yet every read sees all of them, before and after a drain', async () => {
  const metrics = new GatewayMetrics();
  const streamed = { ...record('smart', 'oa/gpt-4o'), stream: true, ttftMs: 20, cost: 0.25 };
  metrics.observe(streamed);
  metrics.observe(record('smart', 'oa/gpt-4o'));
  let text = await metrics.text();
  assert.match(text, /interlingua_requests_total\{model="smart",deployment="oa\/gpt-4o",caller="openai-chat",status="200"\} 2\n/);
  assert.match(text, /interlingua_tokens_total\{model="smart",deployment="oa\/gpt-4o",kind="input"\} 6\n/);
  assert.match(text, /interlingua_request_duration_seconds_count\{model="smart",deployment="oa\/gpt-4o"\} 2\n/);
  assert.match(text, /interlingua_time_to_first_token_seconds_count\{model="smart",deployment="oa\/gpt-4o"\} 1\n/);
  metrics.observe(streamed);
  metrics.observe(record('smart'));
  text = await metrics.text();
  assert.match(text, /interlingua_requests_total\{model="smart",deployment="oa\/gpt-4o",caller="openai-chat",status="200"\} 3\n/);
  assert.match(text, /interlingua_requests_total\{model="smart",deployment="none",caller="openai-chat",status="404"\} 1\n/);
  assert.match(text, /interlingua_errors_total\{model="smart",deployment="none",code="not_found"\} 1\n/);
  assert.match(text, /interlingua_cost_usd_total\{model="smart",deployment="oa\/gpt-4o"\} 0.5\n/);
  assert.match(text, /interlingua_time_to_first_token_seconds_count\{model="smart",deployment="oa\/gpt-4o"\} 2\n/);
});

test('a busy moment’s latencies reach prom-client a slice per turn of the event loop, and a read still sees them all', async () => {
  const metrics = new GatewayMetrics();
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  for (let index = 0; index < 5000; index++) metrics.observe(record('smart', 'oa/gpt-4o'));
  assert.equal(metrics.pendingObservations, 5000, 'nothing is observed while requests are being counted');
  await turn();
  await turn();
  const afterOneSlice = metrics.pendingObservations;
  assert.ok(afterOneSlice < 5000 && afterOneSlice >= 5000 - 2 * 256, `one or two slices of at most 256 went in (${5000 - afterOneSlice})`);
  const text = await metrics.text();
  assert.equal(metrics.pendingObservations, 0);
  assert.match(text, /interlingua_request_duration_seconds_count\{model="smart",deployment="oa\/gpt-4o"\} 5000\n/);
  assert.match(text, /interlingua_requests_total\{model="smart",deployment="oa\/gpt-4o",caller="openai-chat",status="200"\} 5000\n/);
});

test('a background drain goes on, turn after turn, until every latency is in', async () => {
  const metrics = new GatewayMetrics();
  for (let index = 0; index < 4100; index++) metrics.observe(record('smart', 'oa/gpt-4o'));
  let turns = 0;
  while (metrics.pendingObservations > 0 && turns < 100) {
    turns += 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(metrics.pendingObservations, 0);
  assert.ok(turns >= 16, `${turns} turns for 4,100 latencies`);
});

test('latencies that come faster than slices go are observed at once, so memory stays bounded', async () => {
  const metrics = new GatewayMetrics();
  for (let index = 0; index < 20_000; index++) metrics.observe(record('smart', 'oa/gpt-4o'));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(metrics.pendingObservations, 0);
  assert.match(await metrics.text(), /interlingua_request_duration_seconds_count\{model="smart",deployment="oa\/gpt-4o"\} 20000\n/);
});

test('a partly priced request adds its known dollars to the cost counter, as spend totals do', async () => {
  const metrics = new GatewayMetrics();
  metrics.observe({ ...record('smart', 'oa/gpt-4o'), cost: null, knownCost: 0.75 });
  metrics.observe({ ...record('smart', 'oa/gpt-4o'), cost: null });
  assert.match(await metrics.text(), /interlingua_cost_usd_total\{model="smart",deployment="oa\/gpt-4o"\} 0.75\n/);
});
