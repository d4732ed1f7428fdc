/**
 * An upstream that reports a failure with HTTP 200 and an error object for a body, to a caller of
 * its own dialect (the same-dialect pass-through): the body is the upstream's error, as an error
 * status's would be. It is failed over when its words say a fault of the upstream, given to the
 * caller in its dialect otherwise, and recorded as an error either way, never as a 200 answer.
 * Real servers do this: vLLM on RunPod (runpod-workers/worker-vllm#57, `{"object":"error",…,"code":404}`),
 * OpenRouter (`{"error":{"code":502,…}}`, langchain-ai/langchain#40380).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureText } from '../support/fixtures.js';
import { loggedSetup } from './support/logged-setup.js';

const openaiJson = readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json');
const anthropicJson = readFixtureText('anthropic/fantasy-sonnet4-simple.response.json');

const setup = loggedSetup('error-bodies', (baseUrl: string) => ({
  providers: {
    oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'upstream-key' },
    an: { dialect: 'anthropic', baseUrl, apiKey: 'upstream-key' },
  },
  models: {
    // Each test its own deployments: a failed one cools down.
    'openai-twice': [{ provider: 'oa', model: 'gpt-4o' }, { provider: 'oa', model: 'gpt-4o-mini' }],
    'openai-once': [{ provider: 'oa', model: 'gpt-4.1' }],
    'anthropic-twice': [{ provider: 'an', model: 'claude-sonnet-4-20250514' }, { provider: 'an', model: 'claude-3-5-haiku-20241022' }],
  },
  auth: { required: true },
  retry: { attempts: 0 },
}));

function post(path: string, key: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${setup.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ max_tokens: 50, messages: [{ role: 'user', content: 'Say hi in Portuguese' }], ...body }),
  });
}

describe('an error body under HTTP 200, passed through', () => {
  test("OpenRouter's {error:{code:502}} is the upstream's fault: the next deployment answers, and only its answer is recorded", async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', body: { error: { code: 502, message: 'Upstream error from provider' } } });
    setup.upstream.enqueue({ kind: 'json', body: openaiJson });
    const response = await post('/v1/chat/completions', key, { model: 'openai-twice' });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), openaiJson);
    assert.equal(response.headers.get('x-interlingua-deployment'), 'oa/gpt-4o-mini');
    assert.equal(setup.upstream.requests.length, 2);
    const records = await setup.recordsOf(name);
    assert.deepEqual(
      records.map((record) => ({ deployment: record.deployment, status: record.status })),
      [{ deployment: 'oa/gpt-4o-mini', status: 200 }],
    );
    const failed = setup.lines.find((line) => line.fields['code'] === 'upstream_error');
    assert.equal(failed, undefined, 'a failover that answered is no failed request');
  });

  test("Anthropic's {type:error} overloaded_error fails over as a 529 would (https://docs.claude.com/en/api/errors)", async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    setup.upstream.enqueue({ kind: 'json', body: anthropicJson });
    const response = await post('/v1/messages', key, { model: 'anthropic-twice' });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), anthropicJson);
    assert.equal(response.headers.get('x-interlingua-deployment'), 'an/claude-3-5-haiku-20241022');
  });

  test("vLLM's {object:error, code:404} reaches the caller as a 404 in its dialect, recorded as an error with no tokens", async () => {
    const { key, name } = await setup.newKey();
    const vllm = { object: 'error', message: 'The model `gpt-4.1` does not exist.', type: 'NotFoundError', param: null, code: 404 };
    setup.upstream.enqueue({ kind: 'json', body: vllm });
    const response = await post('/v1/chat/completions', key, { model: 'openai-once' });
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error: { message: string; type: string } };
    assert.match(body.error.message, /^oa: .*does not exist/);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, output: record?.outputTokens ?? 0 }, { status: 404, output: 0 });
    const logged = setup.lines.find((line) => line.message === 'request failed');
    assert.equal(logged?.fields['upstreamStatus'], '200');
  });
});
