/**
 * Through the gateway: a Converse caller's adaptive thinking with an effort reaches an Anthropic
 * upstream as adaptive thinking with that effort, and a `budget_tokens` that is not a number is
 * answered 400, as Bedrock answers it, rather than sent as a default budget.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { an: { dialect: 'anthropic', baseUrl, apiKey: 'sk-ant', defaultMaxTokens: 1024 } },
  models: { opus: [{ provider: 'an', model: 'claude-opus-4-6' }] },
  retry: { attempts: 0 },
}));

const converse = (additionalModelRequestFields: Record<string, unknown>) =>
  fetch(`${setup.url}/model/opus/converse`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer caller' },
    body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'hi' }] }], additionalModelRequestFields }),
  });

test('adaptive thinking with effort low reaches Anthropic as adaptive thinking with effort low, with no warning', async () => {
  setup.upstream.enqueue({ kind: 'json', body: { id: 'm', type: 'message', role: 'assistant', model: 'claude-opus-4-6', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } });
  const response = await converse({ thinking: { type: 'adaptive' }, output_config: { effort: 'low' } });
  assert.equal(response.status, 200, await response.clone().text());
  assert.equal(response.headers.get('x-interlingua-warnings'), null);
  const sent = setup.upstream.requests.at(-1)?.body as Record<string, unknown>;
  assert.deepEqual(sent['thinking'], { type: 'adaptive' });
  assert.deepEqual(sent['output_config'], { effort: 'low' });
  await response.text();
});

test('a budget_tokens that is not a number is answered 400 naming the field, and nothing is sent upstream', async () => {
  const before = setup.upstream.requests.length;
  const response = await converse({ thinking: { type: 'enabled', budget_tokens: 'x' } });
  assert.equal(response.status, 400);
  const text = await response.text();
  assert.match(text, /ValidationException|validation/i);
  assert.match(text, /thinking\.budget_tokens/);
  assert.equal(setup.upstream.requests.length, before);
});
