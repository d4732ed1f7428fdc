import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { upstreamScenarios } from '../gateway/support/upstream-scenarios.js';
import { adminKey, admin, eventually, startConsoleGateway, type ConsoleGateway } from './console-gateway.js';

let server: ConsoleGateway;
before(async () => {
  server = await startConsoleGateway(2);
});
after(() => server.close());

async function chat(model: string, stream: boolean, key?: string): Promise<Response> {
  return fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'Hello' }], logprobs: true }),
  });
}

test('the console page is served with its content type, security and cache headers', async () => {
  const page = await fetch(`${server.url}/console/`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  const html = await page.text();
  const script = /src="\/console\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  assert.ok(script !== undefined, 'the page loads a hashed script');
  const asset = await fetch(`${server.url}/console/${script}`);
  assert.equal(asset.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  await asset.arrayBuffer();
  const clientRoute = await fetch(`${server.url}/console/keys`);
  assert.equal((await clientRoute.text()).includes('<div id="app">'), true, 'other paths are the page');
  const missing = await fetch(`${server.url}/console/assets/nothing-here.js`);
  assert.equal(missing.status, 404);
  await missing.text();
  const traversal = await fetch(`${server.url}/console/assets/..%2f..%2fpackage.json`);
  assert.equal((await traversal.text()).includes('"name": "interlingua"'), false);
  const redirect = await fetch(`${server.url}/console`, { redirect: 'manual' });
  assert.equal(redirect.status, 308);
  assert.equal(redirect.headers.get('location'), '/console/');
});

test('the console routes need the admin key', async () => {
  for (const path of ['/overview', '/usage/log', '/keys/spend', '/models', '/health', '/exchanges']) {
    const response = await fetch(`${server.url}/admin${path}`, { headers: { authorization: 'Bearer not-the-admin-key-at-all' } });
    assert.equal(response.status, 401, path);
    await response.text();
  }
});

test('a captured exchange holds the caller body, the interlingua, the upstream body, the stream and the warnings', async () => {
  server.anthropic.enqueue(upstreamScenarios.anthropic.streamText.reply);
  const response = await chat('claude-sonnet', true);
  const exchangeId = response.headers.get('x-interlingua-exchange');
  const callerText = await response.text();
  assert.match(exchangeId ?? '', /^exc_/);
  const exchange = await admin<{
    callerRequest: { logprobs: boolean };
    interlingua: { model: string };
    upstream: { dialect: string; request: { max_tokens: number } };
    chunks: Array<{ upstream: string; events: Array<{ type: string }>; caller: string }>;
    warnings: Array<{ feature: string }>;
    status: number;
  }>(server.url, `/exchanges/${exchangeId}`);
  assert.equal(exchange.callerRequest.logprobs, true);
  assert.equal(exchange.interlingua.model, 'claude-sonnet');
  assert.equal(exchange.upstream.dialect, 'anthropic');
  assert.equal(exchange.upstream.request.max_tokens, 1024);
  assert.equal(exchange.status, 200);
  assert.equal(exchange.chunks.map((chunk) => chunk.caller).join(''), callerText, 'the chunks are exactly what the caller got');
  assert.match(exchange.chunks.map((chunk) => chunk.upstream).join(''), /event: message_start/);
  assert.ok(exchange.chunks.some((chunk) => chunk.events.some((event) => event.type === 'text-delta')));
  assert.ok(exchange.warnings.some((warning) => warning.feature.includes('logprobs')), JSON.stringify(exchange.warnings));
});

test('capture keeps only the last N exchanges, and answers without it carry no exchange id', async () => {
  for (let index = 0; index < 3; index += 1) {
    server.openai.enqueue(upstreamScenarios['openai-chat'].text.reply);
    const response = await chat('gpt-4o', false);
    await response.json();
  }
  const list = await admin<{ capturing: boolean; data: Array<{ id: string; model: string; status: number }> }>(server.url, '/exchanges');
  assert.equal(list.capturing, true);
  assert.equal(list.data.length, 2);
  const newest = await admin<{ upstream: { response: unknown }; callerResponse: { object: string } }>(server.url, `/exchanges/${list.data[0]?.id}`);
  assert.equal(newest.callerResponse.object, 'chat.completion');
  assert.ok(newest.upstream.response !== undefined);

  const plain = await startConsoleGateway(0);
  try {
    plain.openai.enqueue(upstreamScenarios['openai-chat'].text.reply);
    const response = await fetch(`${plain.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }) });
    await response.json();
    assert.equal(response.headers.get('x-interlingua-exchange'), null);
    assert.equal((await admin<{ capturing: boolean }>(plain.url, '/exchanges')).capturing, false);
    const missing = await fetch(`${plain.url}/admin/exchanges/exc_nothing`, { headers: { authorization: `Bearer ${adminKey}` } });
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { error: { message: string } }).error.message, /captureBodies/);
  } finally {
    await plain.close();
  }
});

test('translate converts a body between dialects with its warnings, and refuses unknown dialects', async () => {
  const translated = await admin<{ interlingua: { model: string }; body: { contents: unknown[] }; warnings: Array<{ feature: string }> }>(server.url, '/translate', {
    method: 'POST',
    body: { from: 'openai-chat', to: 'gemini', body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], logprobs: true } },
  });
  assert.equal(translated.interlingua.model, 'gpt-4o');
  assert.equal(translated.body.contents.length, 1);
  assert.ok(translated.warnings.some((warning) => warning.feature.includes('logprobs')));
  await assert.rejects(admin(server.url, '/translate', { method: 'POST', body: { from: 'klingon', to: 'gemini', body: {} } }), /400/);
});

test('keys: spend per key, limits changed and lifted, the log paged and filtered, CSV, the overview', async () => {
  const created = await admin<{ id: string; key: string }>(server.url, '/keys', { method: 'POST', body: { name: 'reporting', budget: 5, budgetPeriod: 'day' } });
  server.openai.enqueue(upstreamScenarios['openai-chat'].text.reply, upstreamScenarios['openai-chat'].text.reply);
  for (let index = 0; index < 2; index += 1) await (await chat('gpt-4o', false, created.key)).json();
  const refused = await chat('no-such-model', false, created.key);
  assert.equal(refused.status, 404);
  await refused.json();
  const spend = await eventually(async () => {
    const list = await admin<{ data: Array<{ name: string; requests: number; cost: number; periodSpend?: number }> }>(server.url, '/keys/spend');
    const entry = list.data.find((candidate) => candidate.name === 'reporting');
    return entry !== undefined && entry.requests === 3 ? entry : undefined;
  }, 'three usage records for the key');
  assert.ok(spend.cost > 0);
  assert.equal(spend.periodSpend, spend.cost);

  const changed = await admin<{ rpm?: number; budget?: unknown; models?: string[] }>(server.url, `/keys/reporting`, { method: 'PATCH', body: { rpm: 1, budget: null, models: ['gpt-*'] } });
  assert.equal(changed.rpm, 1);
  assert.equal(changed.budget, undefined);
  assert.deepEqual(changed.models, ['gpt-*']);
  const forbidden = await chat('claude-sonnet', false, created.key);
  assert.equal(forbidden.status, 403, 'the new model list applies at once');
  await forbidden.json();
  await assert.rejects(admin(server.url, '/keys/reporting', { method: 'PATCH', body: { rpm: -1 } }), /400/);
  await assert.rejects(admin(server.url, '/keys/nobody', { method: 'PATCH', body: { rpm: 3 } }), /404/);
  // A stray `%` is the caller's bad path (400), not a failure of the gateway (it was a 500).
  await assert.rejects(admin(server.url, '/keys/%%', { method: 'PATCH', body: { rpm: 3 } }), /400/);
  await assert.rejects(admin(server.url, '/exchanges/%%'), /400/);

  const firstPage = await eventually(async () => {
    const page = await admin<{ data: Array<{ status: number; createdAt: number }>; total: number }>(server.url, '/usage/log?key=reporting&limit=2');
    return page.total === 4 ? page : undefined;
  }, 'the refused request in the log');
  assert.equal(firstPage.data.length, 2);
  assert.ok((firstPage.data[0]?.createdAt ?? 0) >= (firstPage.data[1]?.createdAt ?? 0), 'newest first');
  const secondPage = await admin<{ data: unknown[] }>(server.url, '/usage/log?key=reporting&limit=2&offset=2');
  assert.equal(secondPage.data.length, 2);
  const errors = await admin<{ data: Array<{ status: number }>; total: number }>(server.url, '/usage/log?key=reporting&status=error');
  assert.deepEqual(errors.data.map((record) => record.status).sort(), [403, 404]);
  const ok = await admin<{ total: number }>(server.url, '/usage/log?key=reporting&status=ok');
  assert.equal(ok.total, 2);
  await assert.rejects(admin(server.url, '/usage/log?status=maybe'), /400/);

  const csv = await fetch(`${server.url}/admin/usage/export.csv?key=reporting`, { headers: { authorization: `Bearer ${adminKey}` } });
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  const lines = (await csv.text()).trimEnd().split('\r\n');
  assert.equal(lines[0]?.startsWith('time,id,key,model,deployment,caller'), true);
  assert.equal(lines.length, 5);

  const overview = await admin<{ totals: { requests: number; errors: number }; previous: { requests: number }; starts: number[]; byModel: Array<{ name: string; requests: number[] }>; byDeployment: Array<{ name: string }> }>(server.url, '/overview?since=1h&buckets=12');
  assert.equal(overview.starts.length, 12);
  assert.ok(overview.totals.requests >= 4);
  assert.ok(overview.totals.errors >= 2);
  assert.equal(overview.previous.requests, 0, 'nothing happened in the hour before');
  assert.ok(overview.byModel.some((group) => group.name === 'gpt-4o' && group.requests.reduce((sum, value) => sum + value, 0) >= 2));
  assert.ok(overview.byDeployment.some((group) => group.name === 'oa/gpt-4o'));
});

test('models and health list the configured deployments', async () => {
  const models = await admin<{ models: Array<{ name: string; deployments: Array<{ name: string; dialect: string }> }>; providers: Array<Record<string, unknown>> }>(server.url, '/models');
  assert.deepEqual(
    models.models.find((model) => model.name === 'claude-sonnet')?.deployments.map((deployment) => `${deployment.name}:${deployment.dialect}`),
    ['an/claude-sonnet-4-20250514:anthropic', 'oa/gpt-4o:openai-chat'],
  );
  assert.equal(models.providers.some((provider) => 'apiKey' in provider), false, 'no upstream secrets');
  const health = await admin<{ tracked: boolean; deployments: Array<{ name: string; healthy: boolean; inFlight: number }> }>(server.url, '/health');
  assert.equal(health.tracked, true);
  assert.deepEqual(health.deployments.map((deployment) => deployment.name).sort(), ['an/claude-sonnet-4-20250514', 'oa/gpt-4o']);
  assert.ok(health.deployments.every((deployment) => deployment.healthy && deployment.inFlight === 0), 'no failures yet, nothing in flight');
});

test('a failed request names its captured exchange, so the console can link the error to the inspector', async () => {
  server.openai.enqueue(upstreamScenarios['openai-chat'].rateLimit);
  const response = await chat('gpt-4o', false);
  assert.equal(response.status, 429);
  await response.json();
  const exchangeId = response.headers.get('x-interlingua-exchange');
  assert.match(exchangeId ?? '', /^exc_/);
  const exchange = await admin<{ status: number }>(server.url, `/exchanges/${exchangeId}`);
  assert.equal(exchange.status, 429);
});
