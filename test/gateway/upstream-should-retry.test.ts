/**
 * An upstream that answers a 429 or 5xx with `x-should-retry: false` (a proxy in front of Anthropic
 * whose own retries are spent, earendil-works/pi#6586) is asked once, and the caller's SDK, which
 * would retry the status, is told the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureJson } from '../support/fixtures.js';
import { countingFetch } from '../support/counting-fetch.js';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: { an: { dialect: 'anthropic', baseUrl: upstreamUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 } },
  models: { claude: [{ provider: 'an', model: 'claude-sonnet-4-5' }] },
  retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 50 },
}));

// test/fixtures/anthropic/error-429-rate-limit.json, with the header that says the retries are over.
const spentRetries = () => ({ kind: 'json' as const, status: 429, headers: { 'x-should-retry': 'false' }, body: readFixtureJson('anthropic/error-429-rate-limit.json') });

test('an OpenAI caller with its default retries asks once, and the gateway asks the upstream once', async () => {
  setup.upstream.answerUnqueuedWith(spentRetries);
  const counter = countingFetch();
  const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', fetch: counter.fetch });
  await assert.rejects(client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.RateLimitError, String(error));
    assert.equal(error.headers?.get('x-should-retry'), 'false');
    return true;
  });
  assert.equal(counter.count(), 1);
  assert.equal(setup.upstream.requests.length, 1);
});

test('an Anthropic caller is told the same', async () => {
  setup.upstream.answerUnqueuedWith(spentRetries);
  const counter = countingFetch();
  const client = new Anthropic({ baseURL: setup.url, apiKey: 'caller', fetch: counter.fetch });
  await assert.rejects(client.messages.create({ model: 'claude', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }), Anthropic.RateLimitError);
  assert.equal(counter.count(), 1);
  assert.equal(setup.upstream.requests.length, 1);
});

test('without the header, the same 429 is retried by the gateway as before', async () => {
  setup.upstream.answerUnqueuedWith(() => ({ kind: 'json', status: 429, body: readFixtureJson('anthropic/error-429-rate-limit.json') }));
  const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
  await assert.rejects(client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'hi' }] }), OpenAI.RateLimitError);
  assert.equal(setup.upstream.requests.length, 3);
});
