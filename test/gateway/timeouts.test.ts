/** An upstream that never answers, and a caller that gives up on a non-streamed request. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as undiciRequest } from 'undici';
import { modelFor, startHarness, type Harness } from './support/harness.js';

let harness: Harness;
before(async () => {
  harness = await startHarness({ timeoutMs: 300 });
});
after(async () => harness.close());

test('an upstream that does not answer in timeoutMs is a 504 in the caller’s dialect, after one retry', { timeout: 10_000 }, async () => {
  harness.reset();
  harness.upstreams.gemini.enqueue({ kind: 'hang' }, { kind: 'hang' });
  const started = Date.now();
  const response = await undiciRequest(`${harness.gatewayUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: modelFor('gemini'), max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(response.statusCode, 504);
  const body = (await response.body.json()) as { type: string; error: { type: string } };
  assert.equal(body.type, 'error');
  assert.equal(harness.upstreams.gemini.requests.length, 2, 'retried once as configured');
  assert.ok(Date.now() - started >= 600);
});

test('a caller that gives up on a non-streamed request aborts the upstream request', { timeout: 10_000 }, async () => {
  harness.reset();
  harness.upstreams['openai-chat'].enqueue({ kind: 'hang' });
  const controller = new AbortController();
  const call = undiciRequest(`${harness.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: modelFor('openai-chat'), messages: [{ role: 'user', content: 'hi' }] }),
    signal: controller.signal,
  });
  const deadline = Date.now() + 5000;
  while (harness.upstreams['openai-chat'].requests.length < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(harness.upstreams['openai-chat'].requests.length, 1);
  const closed = harness.upstreams['openai-chat'].hangClosed;
  controller.abort();
  await assert.rejects(call);
  await closed;
});
