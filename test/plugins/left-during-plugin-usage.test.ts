/**
 * A caller that leaves while a plugin tool runs: the model call before the tool was billed by
 * the upstream, so the request's 499 record carries its tokens, priced at the deployment that
 * answered, streamed or not. A loop run to its end records each call's tokens once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { adminKey, createKey, recordOf as usageRecordOf, type UsageRow } from '../support/admin-usage.js';
import { openaiChatReply } from './support/scripted-replies.js';


/** The plugin's server: answers after a while, and tells when it was called, so the caller can leave during the tool. */
let slow: Server;
let slowUrl = '';
let toolCalled: (() => void) | undefined;
before(async () => {
  slow = createServer((_request, response) => {
    toolCalled?.();
    setTimeout(() => {
      if (!response.destroyed) response.end('pong');
    }, 1000);
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/slow`;
});
after(() => {
  slow.closeAllConnections();
  slow.close();
});

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: { local: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'k' } },
  plugins: { ping: { type: 'http', url: slowUrl, method: 'GET', description: 'Answers slowly.', parameters: { type: 'object', properties: {} } } },
  models: { looper: { deployments: [{ provider: 'local', model: 'gpt-4o' }], plugins: ['ping'], maxSteps: 4 } },
  prices: { 'gpt-4o': { input: 2.5, output: 10 } },
  retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  adminKey,
}));

interface Row extends UsageRow {
  deployment?: string;
  estimated?: boolean;
}


function chat(key: string, stream: boolean, signal?: AbortSignal): Promise<void> {
  return fetch(`${setup.url}/v1/chat/completions`, {
    method: 'POST',
    ...(signal !== undefined ? { signal } : {}),
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'looper', stream, messages: [{ role: 'user', content: 'Ping it.' }] }),
  })
    .then(async (response) => void (await response.text()))
    .catch(() => undefined);
}

for (const stream of [false, true]) {
  test(`a caller that leaves during a plugin call is charged for the model call before it (stream: ${stream})`, async () => {
    setup.upstream.enqueue(
      openaiChatReply({ calls: [{ id: 'call_1', name: 'ping', args: {} }] }, stream, { inputTokens: 1000, outputTokens: 50, totalTokens: 1050 }),
      openaiChatReply({ text: 'Pong.' }, stream, { inputTokens: 1100, outputTokens: 5, totalTokens: 1105 }),
    );
    const name = `left-${stream}`;
    const key = await createKey(setup.url, name);
    const leave = new AbortController();
    toolCalled = () => leave.abort();
    await chat(key, stream, leave.signal);
    toolCalled = undefined;
    const row = await usageRecordOf<Row>(setup.url, name, true);
    assert.equal(setup.upstream.requests.length, 1, 'the loop stopped before its second model call');
    assert.equal(row.status, 499);
    assert.equal(row.inputTokens, 1000, 'the first call was billed by the upstream');
    assert.equal(row.outputTokens, 50);
    assert.equal(row.deployment, 'local/gpt-4o');
    assert.ok(row.cost !== null && Math.abs(row.cost - (1000 * 2.5 + 50 * 10) / 1e6) < 1e-12, `cost ${row.cost}`);
    assert.notEqual(row.estimated, true);
  });

  test(`a plugin loop run to its end records each model call's tokens once (stream: ${stream})`, async () => {
    setup.upstream.enqueue(
      openaiChatReply({ calls: [{ id: 'call_1', name: 'ping', args: {} }] }, stream, { inputTokens: 1000, outputTokens: 50, totalTokens: 1050 }),
      openaiChatReply({ text: 'Pong.' }, stream, { inputTokens: 1100, outputTokens: 5, totalTokens: 1105 }),
    );
    const name = `whole-${stream}`;
    await chat(await createKey(setup.url, name), stream);
    const row = await usageRecordOf<Row>(setup.url, name, true);
    assert.equal(row.status, 200);
    assert.equal(row.inputTokens, 2100);
    assert.equal(row.outputTokens, 55);
  });
}
