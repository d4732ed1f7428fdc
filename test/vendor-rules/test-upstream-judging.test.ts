import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestUpstream } from '../support/test-upstream.js';

/** The test upstream answers a request the vendor would refuse with the vendor's error, and the refusal fails `stop()`. */
test('a refused request gets the vendor error body and fails stop() unless taken', async () => {
  const upstream = await new TestUpstream().start();
  upstream.enqueue({ kind: 'json', body: { ok: true } });
  const refused = await fetch(`${upstream.baseUrl}/v1/messages`, { method: 'POST', body: JSON.stringify({ model: 'claude-sonnet-4-5', messages: [] }) });
  assert.equal(refused.status, 400);
  const body = (await refused.json()) as { type: string; error: { type: string; message: string } };
  assert.equal(body.type, 'error');
  assert.equal(body.error.type, 'invalid_request_error');
  assert.match(body.error.message, /max_tokens/);
  await assert.rejects(upstream.stop(), /anthropic\.max_tokens\.required/);
});

test('a refusal taken by the test does not fail stop(); the queued reply still answers the next request', async () => {
  const upstream = await new TestUpstream().start();
  upstream.enqueue({ kind: 'json', body: { ok: true } });
  await fetch(`${upstream.baseUrl}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [] }) });
  assert.deepEqual(upstream.takeRefusals().map((refusal) => refusal.rule), ['openai-chat.messages.required']);
  const served = await fetch(`${upstream.baseUrl}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }) });
  assert.deepEqual(await served.json(), { ok: true });
  await upstream.stop();
});

test('an upstream made with judge: false serves what it is sent', async () => {
  const upstream = await new TestUpstream({ judge: false }).start();
  upstream.enqueue({ kind: 'json', body: { ok: true } });
  const served = await fetch(`${upstream.baseUrl}/v1/messages`, { method: 'POST', body: JSON.stringify({ messages: [] }) });
  assert.equal(served.status, 200);
  await upstream.stop();
});
