/**
 * Every attempt of a request is tied to its deployment: a request that failed over is one record
 * with its attempts, one that failed everywhere names the deployment of its last attempt; the
 * deployments view splits failures by whose fault; a check sends one request to one deployment.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { upstreamScenarios } from '../gateway/support/upstream-scenarios.js';
import { admin, eventually, startConsoleGateway } from './console-gateway.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import type { DeploymentStats } from '../../src/usage/deployment-stats.js';
import type { DeploymentCheck } from '../../src/gateway/deployment-check.js';
import type { CooldownEvent } from '../../src/gateway/routing/cooldown-history.js';

async function chat(url: string, model: string, stream = false): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'Hello' }] }),
  });
}

async function recordFor(url: string, requestId: string): Promise<UsageRecord> {
  return eventually(async () => {
    const log = await admin<{ data: UsageRecord[] }>(url, '/usage/log?limit=100');
    return log.data.find((record) => record.requestId === requestId);
  }, `the usage record of ${requestId}`);
}

test('a request that failed over is one record with both attempts, its request id and its exchange', async () => {
  const server = await startConsoleGateway(5);
  try {
    server.anthropic.enqueue(upstreamScenarios.anthropic.rateLimit);
    server.openai.enqueue(upstreamScenarios['openai-chat'].text.reply);
    const response = await chat(server.url, 'claude-sonnet');
    assert.equal(response.status, 200);
    await response.text();
    const requestId = response.headers.get('x-request-id') ?? '';
    const record = await recordFor(server.url, requestId);
    assert.equal(record.status, 200);
    assert.equal(record.deployment, 'oa/gpt-4o');
    assert.deepEqual(
      record.attempts?.map(({ deployment, status, errorCode }) => ({ deployment, status, errorCode })),
      [
        { deployment: 'an/claude-sonnet-4-20250514', status: 429, errorCode: 'rate_limited' },
        { deployment: 'oa/gpt-4o', status: 200, errorCode: undefined },
      ],
    );
    assert.ok(record.attempts?.every((attempt) => attempt.ms >= 0));
    const exchanges = await admin<{ data: Array<{ id: string; requestId?: string }> }>(server.url, '/exchanges');
    assert.equal(exchanges.data.find((exchange) => exchange.requestId === requestId)?.id, response.headers.get('x-interlingua-exchange'));

    // A mistake of the caller's, as the upstream judged it: a caller error, not an upstream failure.
    server.openai.enqueue(upstreamScenarios['openai-chat'].badRequest);
    const refused = await chat(server.url, 'gpt-4o');
    assert.equal(refused.status, 400);
    await refused.text();
    await recordFor(server.url, refused.headers.get('x-request-id') ?? '');
    const view = await admin<{ data: Array<{ name: string; models: string[]; health: { healthy: boolean; cooldownUntil?: number }; stats: DeploymentStats }> }>(server.url, '/deployments/stats?since=1h');
    const anthropic = view.data.find((entry) => entry.name === 'an/claude-sonnet-4-20250514');
    const openai = view.data.find((entry) => entry.name === 'oa/gpt-4o');
    assert.deepEqual(anthropic?.models, ['claude-sonnet']);
    assert.equal(anthropic?.stats.upstreamFailures, 1);
    assert.equal(anthropic?.stats.callerErrors, 0);
    assert.equal(anthropic?.health.healthy, true, 'one failure is under the default cooldown threshold');
    assert.deepEqual(openai?.models.sort(), ['claude-sonnet', 'gpt-4o']);
    assert.equal(openai?.stats.attempts, 2);
    assert.equal(openai?.stats.succeeded, 1);
    assert.equal(openai?.stats.callerErrors, 1);
    assert.equal(openai?.stats.upstreamFailures, 0);
    assert.equal(typeof openai?.stats.latencyP50Ms, 'number');
    server.openai.takeRefusals();
  } finally {
    await server.close();
  }
});

test('a stream that failed over notes both attempts and its time to first token', async () => {
  const server = await startConsoleGateway(5);
  try {
    server.anthropic.enqueue(upstreamScenarios.anthropic.rateLimit);
    server.openai.enqueue(upstreamScenarios['openai-chat'].streamText.reply);
    const response = await chat(server.url, 'claude-sonnet', true);
    assert.equal(response.status, 200);
    await response.text();
    const record = await recordFor(server.url, response.headers.get('x-request-id') ?? '');
    assert.equal(record.stream, true);
    assert.equal(typeof record.ttftMs, 'number');
    assert.deepEqual(record.attempts?.map((attempt) => `${attempt.deployment} ${attempt.status}`), ['an/claude-sonnet-4-20250514 429', 'oa/gpt-4o 200']);
    const [first, second] = record.attempts ?? [];
    assert.ok(first !== undefined && second !== undefined && first.ms >= 0 && second.ms >= 0);
    assert.ok(first.ms + second.ms <= record.latencyMs + 2, `attempts (${first.ms} + ${second.ms} ms) fit in the request (${record.latencyMs} ms)`);
  } finally {
    await server.close();
  }
});

test('a request that failed everywhere names its last deployment, its attempts and the message', async () => {
  const server = await startConsoleGateway(5);
  try {
    server.anthropic.enqueue(upstreamScenarios.anthropic.rateLimit);
    server.openai.enqueue(upstreamScenarios['openai-chat'].rateLimit);
    const response = await chat(server.url, 'claude-sonnet');
    assert.equal(response.status, 429);
    const body = (await response.json()) as { error: { message: string } };
    const record = await recordFor(server.url, response.headers.get('x-request-id') ?? '');
    assert.equal(record.status, 429);
    assert.equal(record.errorCode, 'rate_limited');
    assert.equal(record.errorMessage, body.error.message);
    assert.deepEqual(record.attempts?.map((attempt) => `${attempt.deployment} ${attempt.status}`), ['an/claude-sonnet-4-20250514 429', 'oa/gpt-4o 429']);
    assert.equal(record.deployment, 'oa/gpt-4o', 'the deployment of the last attempt, not none');
    const csv = await fetch(`${server.url}/admin/usage/export.csv?status=4xx`, { headers: { authorization: 'Bearer console-admin-key-0123456789' } }).then((answer) => answer.text());
    const [header, row] = csv.split('\r\n');
    assert.match(header ?? '', /,ttft_ms,request_id,error_message,attempts,estimated$/, 'new columns come after the old ones');
    assert.match(row ?? '', /an\/claude-sonnet-4-20250514 429 rate_limited \d+ms; oa\/gpt-4o 429 rate_limited \d+ms,$/);
  } finally {
    await server.close();
  }
});

test('three upstream failures start a cooldown that the deployments view lists with its cause and length', async () => {
  const server = await startConsoleGateway(5);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      server.openai.enqueue(upstreamScenarios['openai-chat'].rateLimit);
      const response = await chat(server.url, 'gpt-4o');
      assert.equal(response.status, 429);
      await response.text();
    }
    const view = await eventually(async () => {
      const loaded = await admin<{ data: Array<{ name: string; health: { healthy: boolean; cooldownUntil?: number }; cooldowns: CooldownEvent[] }> }>(server.url, '/deployments/stats');
      return loaded.data.find((entry) => entry.name === 'oa/gpt-4o')?.cooldowns.length === 1 ? loaded : undefined;
    }, 'the cooldown in the history');
    const openai = view.data.find((entry) => entry.name === 'oa/gpt-4o');
    const [event] = openai?.cooldowns ?? [];
    assert.equal(openai?.health.healthy, false);
    assert.equal(event?.endsAt, openai?.health.cooldownUntil, 'the history and the health agree on its end');
    assert.deepEqual({ ...event, startedAt: 0, endsAt: 0, message: '' }, { deployment: 'oa/gpt-4o', startedAt: 0, endsAt: 0, status: 429, errorCode: 'rate_limited', message: '', failures: 3, windowMs: 60_000 });
    assert.equal((event?.endsAt ?? 0) - (event?.startedAt ?? 0), 30_000, 'the default cooldown');
    assert.ok((event?.message.length ?? 0) > 0, 'the upstream\'s message says why');
    assert.deepEqual(view.data.find((entry) => entry.name === 'an/claude-sonnet-4-20250514')?.cooldowns, []);
  } finally {
    await server.close();
  }
});

test('a check sends one small request to one deployment and reports its status and latency', async () => {
  const server = await startConsoleGateway(5);
  try {
    server.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    const healthy = await admin<DeploymentCheck>(server.url, `/deployments/${encodeURIComponent('an/claude-sonnet-4-20250514')}/check`, { method: 'POST' });
    assert.equal(healthy.ok, true);
    assert.equal(healthy.status, 200);
    assert.equal(typeof healthy.latencyMs, 'number');
    const sent = server.anthropic.requests.at(-1)?.body as { model: string; max_tokens: number };
    assert.equal(sent.model, 'claude-sonnet-4-20250514');
    assert.equal(sent.max_tokens, 16);
    server.openai.enqueue(upstreamScenarios['openai-chat'].rateLimit);
    const limited = await admin<DeploymentCheck>(server.url, `/deployments/${encodeURIComponent('oa/gpt-4o')}/check`, { method: 'POST' });
    assert.equal(limited.ok, false);
    assert.equal(limited.status, 429);
    if (!limited.ok) assert.equal(limited.errorCode, 'rate_limited');
    const health = await admin<{ deployments: Array<{ name: string; healthy: boolean }> }>(server.url, '/health');
    assert.ok(health.deployments.every((deployment) => deployment.healthy), 'a check moves nothing into a cooldown');
    // The results are kept, newest first, so the deployments view shows them after a reload.
    server.openai.enqueue(upstreamScenarios['openai-chat'].text.reply);
    const recovered = await admin<DeploymentCheck>(server.url, `/deployments/${encodeURIComponent('oa/gpt-4o')}/check`, { method: 'POST' });
    const view = await admin<{ data: Array<{ name: string; checks: DeploymentCheck[]; cooldowns: unknown[] }> }>(server.url, '/deployments/stats');
    const kept = view.data.find((entry) => entry.name === 'oa/gpt-4o');
    assert.deepEqual(kept?.checks, [recovered, limited]);
    assert.deepEqual(kept?.cooldowns, [], 'a failed check starts no cooldown and is not in its history');
    assert.deepEqual(view.data.find((entry) => entry.name === 'an/claude-sonnet-4-20250514')?.checks, [healthy]);
    for (const [method, path] of [['GET', '/deployments/stats'], ['POST', '/deployments/oa%2Fgpt-4o/check']] as const) {
      const refused = await fetch(`${server.url}/admin${path}`, { method, headers: { authorization: 'Bearer not-the-admin-key-at-all' } });
      assert.equal(refused.status, 401, `${method} ${path} needs the admin key`);
      await refused.text();
    }
    const missing = await fetch(`${server.url}/admin/deployments/nope%2Fnothing/check`, { method: 'POST', headers: { authorization: 'Bearer console-admin-key-0123456789' } });
    assert.equal(missing.status, 404);
    await missing.text();
  } finally {
    await server.close();
  }
});
