/**
 * What `GET /metrics` shows, and to whom. Model names come from callers (`provider/<anything>` is
 * served), so the model and deployment labels hold configured names only and everything else is
 * `other`: no reader learns a key's made-up names, and no caller grows the label set. The route
 * stays open by default, as LiteLLM's does until `require_auth_for_metrics_endpoint`
 * (https://docs.litellm.ai/blog/tags/fastapi); `metrics.requireAuth` / `metrics.token` close it
 * to all but the admin key or the token, sent as `Authorization: Bearer` the way a Prometheus
 * scrape job's `authorization: { credentials }` sends it
 * (https://prometheus.io/docs/prometheus/latest/configuration/configuration/#scrape_config).
 * Under `serve --workers` the primary adds the workers' registries up (cluster-metrics.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { GatewayMetrics } from '../../src/metrics/gateway-metrics.js';
import { ClusterMetricsHost, clusterExposition, type MetricsMessage } from '../../src/metrics/cluster-metrics.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import { TestUpstream } from '../support/test-upstream.js';
import { openaiChatReply } from '../plugins/support/scripted-replies.js';

const adminKey = 'admin-key-0123456789abcdef';
const metricsToken = 'metrics-token-0123456789';

async function gatewayWith(upstream: TestUpstream, settings: Record<string, unknown> = {}): Promise<{ gateway: Gateway; url: string }> {
  const gateway = createGateway(
    resolveConfig({
      providers: { fake: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test', models: ['*'] } },
      models: { m1: [{ provider: 'fake', model: 'gpt-4o' }] },
      retry: { attempts: 0 },
      adminKey,
      ...settings,
    }),
    { logger: silentLogger },
  );
  const address = await gateway.listen(0, '127.0.0.1');
  return { gateway, url: `http://127.0.0.1:${address.port}` };
}

async function chat(url: string, model: string): Promise<number> {
  const response = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.body.dump();
  return response.statusCode;
}

async function scrape(url: string, authorization?: string): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  const response = await request(`${url}/metrics`, authorization === undefined ? {} : { headers: { authorization } });
  return { status: response.statusCode, text: await response.body.text(), headers: response.headers };
}

const answer = () => openaiChatReply({ text: 'Hello.' }, false);

test("a caller's made-up model names are counted under `other`, configured ones under their names", async () => {
  const upstream = await new TestUpstream().start();
  const { gateway, url } = await gatewayWith(upstream);
  try {
    upstream.enqueue(answer(), answer());
    assert.equal(await chat(url, 'm1'), 200);
    assert.equal(await chat(url, 'fake/carol-project-nightingale'), 200);
    const { status, text } = await scrape(url);
    assert.equal(status, 200, 'open by default');
    assert.doesNotMatch(text, /nightingale/, "another caller's model name is not a label");
    assert.match(text, /interlingua_requests_total\{model="m1",deployment="fake\/gpt-4o",caller="openai-chat",status="200"\} 1\n/);
    assert.match(text, /interlingua_requests_total\{model="other",deployment="other",caller="openai-chat",status="200"\} 1\n/);
    // A thousand more names add no series.
    const before = gateway.services.metrics?.seriesCount;
    for (let index = 0; index < 50; index++) upstream.enqueue(answer());
    await Promise.all(Array.from({ length: 50 }, (_, index) => chat(url, `fake/made-up-${index}`)));
    assert.equal(gateway.services.metrics?.seriesCount, before);
  } finally {
    await gateway.close(0);
    await upstream.stop();
  }
});

test('metrics.token closes /metrics to all but the token and the admin key', async () => {
  const upstream = await new TestUpstream().start();
  const { gateway, url } = await gatewayWith(upstream, { metrics: { token: metricsToken } });
  try {
    const refused = await scrape(url);
    assert.equal(refused.status, 401);
    assert.equal(refused.headers['www-authenticate'], 'Bearer realm="metrics"');
    assert.doesNotMatch(refused.text, /interlingua_/);
    assert.equal((await scrape(url, 'Bearer not-the-token-at-all')).status, 401);
    const withToken = await scrape(url, `Bearer ${metricsToken}`);
    assert.equal(withToken.status, 200);
    assert.match(withToken.text, /interlingua_process_/);
    assert.equal((await scrape(url, `Bearer ${adminKey}`)).status, 200);
  } finally {
    await gateway.close(0);
    await upstream.stop();
  }
});

test('metrics.requireAuth without a token takes the admin key only', async () => {
  const upstream = await new TestUpstream().start();
  const { gateway, url } = await gatewayWith(upstream, { metrics: { requireAuth: true } });
  try {
    assert.equal((await scrape(url)).status, 401);
    assert.equal((await scrape(url, `Bearer ${adminKey}`)).status, 200);
  } finally {
    await gateway.close(0);
    await upstream.stop();
  }
});

function record(model: string, deployment: string): UsageRecord {
  return { id: 'req_1', createdAt: 0, model, deployment, caller: 'openai-chat', stream: false, status: 200, inputTokens: 3, outputTokens: 1, cachedTokens: 0, reasoningTokens: 0, cost: 0, latencyMs: 5 };
}

test('under --workers a scrape adds up every worker, `other` included', async () => {
  const configuration = resolveConfig({ providers: { fake: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k', models: ['*'] } }, models: { m1: [{ provider: 'fake', model: 'gpt-4o' }] } });
  const workers = [new GatewayMetrics(() => configuration), new GatewayMetrics(() => configuration)];
  // Each worker's process channel, as serve-worker-role.ts and serve-workers.ts wire them, in memory.
  const toWorker = workers.map(() => [] as Array<(message: unknown) => void>);
  const host = new ClusterMetricsHost(() => peers);
  const peers = toWorker.map((listeners) => ({ send: (message: MetricsMessage) => setImmediate(() => listeners.forEach((listener) => listener(message))) }));
  const expositions = workers.map((metrics, index) =>
    clusterExposition(metrics.registry, {
      send: (message) => setImmediate(() => host.handle(peers[index]!, message)),
      on: (_event, listener) => toWorker[index]!.push(listener),
    }),
  );
  workers[0]!.observe(record('m1', 'fake/gpt-4o'));
  workers[0]!.observe(record('fake/secret-a', 'fake/secret-a'));
  workers[1]!.observe(record('m1', 'fake/gpt-4o'));
  workers[1]!.observe(record('fake/secret-b', 'fake/secret-b'));
  workers.forEach((metrics) => metrics.drain());
  const text = await expositions[1]!();
  assert.match(text, /interlingua_requests_total\{model="m1",deployment="fake\/gpt-4o",caller="openai-chat",status="200"\} 2\n/);
  assert.match(text, /interlingua_requests_total\{model="other",deployment="other",caller="openai-chat",status="200"\} 2\n/);
  assert.doesNotMatch(text, /secret-/);
});
