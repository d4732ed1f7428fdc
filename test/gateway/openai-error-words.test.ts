/**
 * What an OpenAI-format caller's SDK sees of an upstream's failure: OpenAI's own `code` words
 * (src/dialects/openai-family/code-words.ts), a quota refusal that is not asked again of the same
 * account but does fall back to another deployment, and the wait in milliseconds as well as seconds
 * (src/gateway/retry-after-headers.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureJson } from '../support/fixtures.js';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: {
    oa: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'sk-test' },
    backup: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'sk-other-account' },
    an: { dialect: 'anthropic', baseUrl: upstreamUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
  },
  models: {
    'quota-once': [{ provider: 'oa', model: 'gpt-4o' }],
    'quota-responses': [{ provider: 'oa', model: 'gpt-4o-mini' }],
    'quota-fallback': [
      { provider: 'oa', model: 'gpt-4.1' },
      { provider: 'backup', model: 'gpt-4.1' },
    ],
    'tokens-per-minute': [{ provider: 'oa', model: 'gpt-4.1-mini' }],
    claude: [{ provider: 'an', model: 'claude-sonnet-4-5' }],
  },
  routing: { strategy: 'ordered' },
  // The default number of retries, with waits short enough for a test; a longer `retry-after` moves on at once.
  retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 50 },
}));

// The caller's own SDK retries are its business: off, so the upstream's count is the gateway's alone.
const openai = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'hi' }];
// test/fixtures/recorded/openai-responses/error-429-insufficient-quota.json: OpenAI's 429 for an account out of credit.
const quotaRefusal = () => ({ kind: 'json' as const, status: 429, body: readFixtureJson('openai-responses/error-429-insufficient-quota.json') });

async function refusal(call: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof OpenAI.APIError, String(error));
    return error;
  }
  assert.fail('the call succeeded');
}

test('an OpenAI 429 insufficient_quota reaches a Chat caller with its own code, and the upstream is asked once', async () => {
  setup.upstream.answerUnqueuedWith(quotaRefusal);
  const error = await refusal(openai().chat.completions.create({ model: 'quota-once', messages }));
  assert.ok(error instanceof OpenAI.RateLimitError);
  assert.equal(error.code, 'insufficient_quota');
  assert.equal(error.type, 'insufficient_quota');
  assert.equal(setup.upstream.requests.length, 1, 'a quota refusal is not cured by asking the same account again');
});

test('a quota refusal tells the caller\'s SDK not to retry it: with its default retries it still asks once', async () => {
  setup.upstream.answerUnqueuedWith(quotaRefusal);
  const withRetries = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 2 });
  const { response } = await withRetries.chat.completions.create({ model: 'quota-once', messages }).withResponse().catch((error: unknown) => {
    assert.ok(error instanceof OpenAI.APIError, String(error));
    return { response: { headers: error.headers } };
  });
  assert.equal(response.headers?.get('x-should-retry'), 'false');
  assert.equal(setup.upstream.requests.length, 1, 'neither the gateway nor the SDK asked again');
});

test('a Responses caller in front of a Chat upstream gets OpenAI’s insufficient_quota type and code too', async () => {
  setup.upstream.answerUnqueuedWith(quotaRefusal);
  const error = await refusal(openai().responses.create({ model: 'quota-responses', input: 'hi' }));
  assert.equal(error.code, 'insufficient_quota');
  assert.equal(error.type, 'insufficient_quota');
  assert.equal(setup.upstream.requests.length, 1);
});

test('a quota refusal still falls back to the next deployment, on another account', async () => {
  setup.upstream.enqueue(quotaRefusal(), { kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });
  const completion = await openai().chat.completions.create({ model: 'quota-fallback', messages });
  assert.ok(completion.choices[0]?.message.content);
  assert.deepEqual(
    setup.upstream.requests.map((request) => request.headers['authorization']),
    ['Bearer sk-test', 'Bearer sk-other-account'],
  );
});

test('an Anthropic 429 reaches an OpenAI caller as rate_limit_exceeded, with its wait in seconds and milliseconds', async () => {
  // test/fixtures/anthropic/error-429-rate-limit.json; Anthropic says how long to wait in `retry-after` seconds.
  setup.upstream.answerUnqueuedWith(() => ({ kind: 'json', status: 429, headers: { 'retry-after': '17' }, body: readFixtureJson('anthropic/error-429-rate-limit.json') }));
  const error = await refusal(openai().chat.completions.create({ model: 'claude', messages }));
  assert.ok(error instanceof OpenAI.RateLimitError);
  assert.equal(error.code, 'rate_limit_exceeded');
  assert.equal(error.headers?.get('retry-after'), '17');
  assert.equal(error.headers?.get('retry-after-ms'), '17000');
});

test('an upstream’s retry-after-ms reaches the caller exactly, beside retry-after rounded up to whole seconds', async () => {
  // test/fixtures/recorded/openai-chat/error-429-rate-limit-tokens.from-python-repr.json: "Please try again in 232ms".
  setup.upstream.answerUnqueuedWith(() => ({
    kind: 'json',
    status: 429,
    headers: { 'retry-after-ms': '232', 'retry-after': '1' },
    body: readFixtureJson('openai-chat/error-429-rate-limit-tokens.from-python-repr.json'),
  }));
  const error = await refusal(openai().chat.completions.create({ model: 'tokens-per-minute', messages }));
  assert.equal(error.code, 'rate_limit_exceeded');
  assert.equal(error.headers?.get('retry-after-ms'), '232');
  assert.equal(error.headers?.get('retry-after'), '1');
});
