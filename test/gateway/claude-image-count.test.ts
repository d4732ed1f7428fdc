/**
 * Claude takes "up to 600 [images] for API requests (100 for models with a 200k-token context window)"
 * (https://platform.claude.com/docs/en/build-with-claude/vision). A request with more is refused by
 * the gateway before any upstream call, in the caller's own error shape, rather than sent to be
 * refused; the test upstream refuses it too (anthropic.image.count). The caller is the official
 * OpenAI SDK.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { an: { dialect: 'anthropic', baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 } },
  models: { sonnet: [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }], opus: [{ provider: 'an', model: 'claude-opus-4-6' }] },
}));

function withImages(count: number): OpenAI.ChatCompletionMessageParam[] {
  const images = Array.from({ length: count }, (_, index): OpenAI.ChatCompletionContentPart => ({ type: 'image_url', image_url: { url: `https://example.com/page-${index}.png` } }));
  return [{ role: 'user', content: [{ type: 'text', text: 'Compare these pages.' }, ...images] }];
}

function client(): OpenAI {
  return new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
}

test('101 images for a model with a 200k-token window are refused before any upstream call', async () => {
  await assert.rejects(client().chat.completions.create({ model: 'sonnet', messages: withImages(101) }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.BadRequestError, String(error));
    assert.equal((error.error as { type?: string }).type, 'invalid_request_error');
    assert.match(error.message, /This request holds 101 images; the model's upstream takes at most 100 images in one request/);
    return true;
  });
  assert.equal(setup.upstream.requests.length, 0);
});

test('100 images for it go', async () => {
  setup.upstream.enqueue(upstreamScenarios.anthropic.text.reply);
  await client().chat.completions.create({ model: 'sonnet', messages: withImages(100) });
  assert.equal(setup.upstream.requests.length, 1);
});

test('a model with a 1M-token window takes 600, and no more', async () => {
  setup.upstream.enqueue(upstreamScenarios.anthropic.text.reply);
  await client().chat.completions.create({ model: 'opus', messages: withImages(101) });
  assert.equal(setup.upstream.requests.length, 1);
  await assert.rejects(client().chat.completions.create({ model: 'opus', messages: withImages(601) }), /at most 600 images/);
  assert.equal(setup.upstream.requests.length, 1);
});
