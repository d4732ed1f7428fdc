/**
 * A token count is asked of Anthropic with the request fitted as a chat request to the same model is
 * (src/gateway/count-request-fit.ts): a Gemini caller's dotted tool name, a thinking budget to a model
 * that takes adaptive thinking only, thinking to a model without it. Counted as written, each is
 * refused by the Anthropic judge (test/support/vendor-rules), as Anthropic refuses it.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  const models = ['claude-sonnet-4-20250514', 'claude-opus-4-7', 'claude-3-5-haiku-20241022'];
  const config = resolveConfig({
    providers: { an: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test' } },
    models: Object.fromEntries(models.map((model) => [model, [{ provider: 'an', model }]])),
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 10 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await upstream.stop();
});
beforeEach(() => {
  upstream.reset();
  upstream.answerUnqueuedWith(() => ({ kind: 'json', body: { input_tokens: 7 } }));
});

/** A Gemini `:countTokens` for `model`, answered from Anthropic's count_tokens; what Anthropic was sent. */
async function count(model: string, generateContentRequest: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${gatewayUrl}/v1beta/models/${model}:countTokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'caller' },
    body: JSON.stringify({ generateContentRequest: { contents: [{ role: 'user', parts: [{ text: 'Weather in Paris?' }] }], ...generateContentRequest } }),
  });
  const refusals = upstream.takeRefusals().map((refusal) => `${refusal.rule}: ${refusal.message}`);
  assert.deepEqual(refusals, []);
  assert.equal(response.status, 200, await response.clone().text());
  assert.deepEqual(await response.json(), { totalTokens: 7 });
  assert.equal(upstream.requests.at(-1)?.url, '/v1/messages/count_tokens');
  return upstream.requests.at(-1)?.body as Record<string, unknown>;
}

test('a tool name Anthropic refuses is counted under the name a chat request sends', async () => {
  const sent = await count('claude-sonnet-4-20250514', { tools: [{ functionDeclarations: [{ name: 'get.weather', parameters: { type: 'object', properties: {} } }] }] });
  assert.deepEqual((sent['tools'] as Array<{ name: string }>).map((tool) => tool.name), ['get_weather']);
});

test('a thinking budget to a model that thinks adaptively only is counted as adaptive thinking', async () => {
  const sent = await count('claude-opus-4-7', { generationConfig: { thinkingConfig: { thinkingBudget: 4000 } } });
  assert.deepEqual(sent['thinking'], { type: 'adaptive' });
});

test('thinking asked of a model without it is left out of the count', async () => {
  const sent = await count('claude-3-5-haiku-20241022', { generationConfig: { thinkingConfig: { thinkingBudget: 4000 } } });
  assert.equal(sent['thinking'], undefined);
});
