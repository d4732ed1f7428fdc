/**
 * Anthropic's monthly spend-cap refusal is a 429 `rate_limit_error` that no retry cures: the gateway
 * asks once, and the caller's SDK, which retries every 429, is told not to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { countingFetch } from '../support/counting-fetch.js';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: { an: { dialect: 'anthropic', baseUrl: upstreamUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 } },
  models: { claude: [{ provider: 'an', model: 'claude-sonnet-4-5' }] },
  retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 50 },
}));

/** The body as https://platform.claude.com/docs/api/rate-limits gives it, sent without `retry-after`. */
const spendCapReached = () => ({
  kind: 'json' as const,
  status: 429,
  body: {
    type: 'error',
    error: {
      type: 'rate_limit_error',
      message:
        "You have reached your API usage limits: your organization has crossed its monthly API usage threshold, set based on your organization's API tier. You will regain access on 2026-09-01 at 00:00 UTC.",
      details: { error_code: 'enforced_spend_limit_reached' },
    },
    request_id: 'req_018EeWyXxfu5pfWkrYcMdjWG',
  },
});

test('an Anthropic caller with its default retries asks once, and the upstream is asked once', async () => {
  setup.upstream.answerUnqueuedWith(spendCapReached);
  const counter = countingFetch();
  const client = new Anthropic({ baseURL: setup.url, apiKey: 'caller', fetch: counter.fetch });
  await assert.rejects(client.messages.create({ model: 'claude', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
    assert.ok(error instanceof Anthropic.RateLimitError, String(error));
    assert.equal(error.headers?.get('x-should-retry'), 'false');
    return true;
  });
  assert.equal(counter.count(), 1);
  assert.equal(setup.upstream.requests.length, 1);
});

test('an OpenAI caller is told the same', async () => {
  setup.upstream.answerUnqueuedWith(spendCapReached);
  const counter = countingFetch();
  const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', fetch: counter.fetch });
  await assert.rejects(client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'hi' }] }), OpenAI.RateLimitError);
  assert.equal(counter.count(), 1);
  assert.equal(setup.upstream.requests.length, 1);
});
