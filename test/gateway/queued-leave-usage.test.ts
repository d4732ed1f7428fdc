/**
 * A caller that leaves while its request waits for one of the provider's connections (all
 * `maxConnections` busy) is recorded as cancelled but charged nothing: the upstream never got the
 * request. The request that held the connection and was left there is still charged for its
 * input, as the upstream had it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { until } from '../replicas/support/plugin-jobs.js';
import { adminKey, createKey, recordOf as usageRecordOf, type UsageRow } from '../support/admin-usage.js';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: { local: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'k', maxConnections: 1, timeoutMs: 5000 } },
  models: { m: { deployments: [{ provider: 'local', model: 'gpt-4o' }] } },
  prices: { 'gpt-4o': { input: 2.5, output: 10 } },
  retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  adminKey,
}));

interface Row extends UsageRow {
  estimated?: boolean;
  deployment?: string;
  attempts?: Array<{ status: number; errorCode?: string }>;
}


function chat(key: string, stream: boolean, content: string, signal: AbortSignal): Promise<void> {
  return fetch(`${setup.url}/v1/chat/completions`, {
    method: 'POST',
    signal,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', stream, messages: [{ role: 'user', content }] }),
  })
    .then(async (response) => void (await response.text()))
    .catch(() => undefined);
}

for (const stream of [false, true]) {
  test(`a request left while queued for a connection is charged nothing (stream: ${stream})`, async () => {
    setup.upstream.enqueue({ kind: 'hang' });
    const holder = `holder-${stream}`;
    const queued = `queued-${stream}`;
    const hold = new AbortController();
    const holding = chat(await createKey(setup.url, holder), stream, 'Hold the only connection.', hold.signal);
    await until(() => setup.upstream.requests.length === 1, 5000, 'the first request upstream');
    const leave = new AbortController();
    setTimeout(() => leave.abort(), 300);
    await chat(await createKey(setup.url, queued), stream, 'A long question that never left the gateway. '.repeat(200), leave.signal);
    const left = await usageRecordOf<Row>(setup.url, queued, true);
    hold.abort();
    await holding;
    const held = await usageRecordOf<Row>(setup.url, holder, true);
    assert.equal(setup.upstream.requests.length, 1, 'the queued request never reached the upstream');
    assert.equal(left.status, 499);
    assert.equal(left.inputTokens, 0);
    assert.equal(left.cost, 0);
    assert.notEqual(left.estimated, true);
    assert.equal(left.deployment, 'local/gpt-4o', 'still named where it waited');
    assert.deepEqual(left.attempts?.map(({ status, errorCode }) => ({ status, errorCode })), [{ status: 499, errorCode: 'cancelled_unsent' }]);
    // The upstream had the first request: its input is estimated and charged.
    assert.equal(held.status, 499);
    assert.ok(held.inputTokens > 0);
    assert.ok(held.cost !== null && held.cost > 0);
    assert.equal(held.estimated, true);
    assert.equal(held.attempts?.[0]?.errorCode, 'cancelled');
  });
}
