/** Routing, retries, fallbacks, aborts, cut streams and bad input, through the running gateway. */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { request as undiciRequest } from 'undici';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { dialectNames, modelFor, startHarness, type DialectName, type Harness } from './support/harness.js';
import { callerFor } from './support/callers.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import { readFixtureText } from '../support/fixtures.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

async function post(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const response = await undiciRequest(`${harness.gatewayUrl}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: response.statusCode, headers: response.headers, body: (await response.body.json()) as Record<string, unknown> };
}

const chatPaths = {
  'openai-chat': '/v1/chat/completions',
  anthropic: '/v1/messages',
  gemini: '/v1beta/models/via-openai-chat:generateContent',
  ollama: '/api/chat',
  'openai-responses': '/v1/responses',
} as const;

/** The smallest valid chat request of each caller dialect (Gemini names its model in the path). */
function minimalBody(dialect: DialectName, model: string, stream: boolean): unknown {
  switch (dialect) {
    case 'gemini':
      return { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };
    case 'openai-responses':
      return { model, input: 'hi', stream };
    default:
      // `max_tokens` for Anthropic; `stream` always explicit, because Ollama streams when it is absent.
      return { model, max_tokens: 20, stream, messages: [{ role: 'user', content: 'hi' }] };
  }
}

describe('bad input gets a clear error in the caller dialect and the process stays up', () => {
  for (const dialect of dialectNames) {
    test(`${dialect}: malformed JSON → 400 in its own error shape`, async () => {
      const response = await post(chatPaths[dialect], '{"model": ');
      assert.equal(response.status, 400);
      if (dialect === 'openai-chat') assert.equal((response.body.error as { type?: string }).type, 'invalid_request_error');
      if (dialect === 'anthropic') {
        assert.equal(response.body.type, 'error');
        assert.equal((response.body.error as { type?: string }).type, 'invalid_request_error');
      }
      if (dialect === 'gemini') assert.equal((response.body.error as { status?: string }).status, 'INVALID_ARGUMENT');
      if (dialect === 'ollama') assert.equal(typeof response.body.error, 'string');
    });

    test(`${dialect}: a JSON value that is not a request → 400`, async () => {
      for (const garbage of ['[]', '42', '"text"', 'null', '{"messages": "nope"}', '{"contents": 7}']) {
        const response = await post(chatPaths[dialect], garbage);
        assert.equal(response.status, 400, `${garbage} → 400`);
      }
    });

    test(`${dialect}: a body with a content coding other than identity → 415 in its own error shape, compressed or not`, async () => {
      const body = JSON.stringify(minimalBody(dialect, modelFor(dialect), false));
      for (const [sent, encoding] of [
        [gzipSync(body), 'gzip'],
        [body, 'gzip'],
        [body, 'identity, br'],
      ] as const) {
        const response = await post(chatPaths[dialect], sent, { 'content-encoding': encoding });
        assert.equal(response.status, 415, `${encoding}: ${JSON.stringify(response.body)}`);
        const message = dialect === 'ollama' ? response.body.error : (response.body.error as { message?: string }).message;
        assert.match(String(message), /encoded as "(gzip|br)" \(Content-Encoding\); the gateway takes only bodies sent as they are \(identity\)/);
        if (dialect === 'anthropic') assert.equal(response.body.type, 'error');
        if (dialect === 'gemini') assert.equal((response.body.error as { code?: number }).code, 415);
      }
      assert.deepEqual(Object.values(harness.upstreams).flatMap((upstream) => upstream.requests), [], 'nothing refused reached an upstream');
    });

    test(`${dialect}: an unknown model → 404 that the SDK raises as not-found`, async () => {
      const caller = callerFor(dialect, harness.gatewayUrl);
      await assert.rejects(caller.turn({ model: 'no-such-model', prompt: 'hi' }), (error) => caller.isNotFoundError(error));
    });
  }

  test('the gateway still answers after all of the above', async () => {
    const health = await undiciRequest(`${harness.gatewayUrl}/health`);
    assert.equal(health.statusCode, 200);
    assert.deepEqual(await health.body.json(), { status: 'ok' });
  });

  test('a body over the size limit → 413', async () => {
    const response = await post('/v1/chat/completions', JSON.stringify({ model: 'x', messages: [], pad: 'x'.repeat(33 * 1024 * 1024) }));
    assert.equal(response.status, 413);
  });

  test('an unknown route → 404 in the dialect its path suggests', async () => {
    const gemini = await undiciRequest(`${harness.gatewayUrl}/v1beta/nothing`);
    assert.equal(gemini.statusCode, 404);
    assert.equal(((await gemini.body.json()) as { error: { status: string } }).error.status, 'NOT_FOUND');
  });
});

describe('models', () => {
  test('GET /v1/models lists the configured names for the openai SDK', async () => {
    const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'k' });
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.deepEqual(ids.sort(), ['fallback', 'via-anthropic', 'via-gemini', 'via-ollama', 'via-openai-chat', 'via-openai-responses']);
  });

  test('GET /v1/models answers the Anthropic SDK in its shape', async () => {
    const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'k' });
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.equal(ids.length, 6);
  });

  test('provider/model reaches a provider directly', async () => {
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
    const result = await callerFor('anthropic', harness.gatewayUrl).turn({ model: 'oa/gpt-4.1-mini', prompt: 'hi' });
    assert.equal(result.text, upstreamScenarios['openai-chat'].text.expected.text);
    assert.equal((harness.upstreams['openai-chat'].requests[0]?.body as { model: string }).model, 'gpt-4.1-mini');
  });
});

describe('retries and fallbacks', () => {
  test('a retryable failure is retried, honouring retry-after', async () => {
    const upstream = harness.upstreams['openai-chat'];
    upstream.enqueue(
      { kind: 'json', status: 503, body: { error: { message: 'busy', type: 'server_error' } }, headers: { 'retry-after': '0' } },
      upstreamScenarios['openai-chat'].text.reply,
    );
    const result = await callerFor('gemini', harness.gatewayUrl).turn({ model: modelFor('openai-chat'), prompt: 'hi' });
    assert.equal(result.text, upstreamScenarios['openai-chat'].text.expected.text);
    assert.equal(upstream.requests.length, 2);
  });

  test('a retry-after longer than the maximum delay moves on to the next deployment at once', async () => {
    const rateLimit = upstreamScenarios.anthropic.rateLimit;
    assert.equal(rateLimit.kind, 'json');
    harness.upstreams.anthropic.enqueue({ ...rateLimit, headers: { 'retry-after': '60' } } as typeof rateLimit);
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
    const started = Date.now();
    const response = await post('/v1/messages', JSON.stringify({ model: 'fallback', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(response.status, 200);
    assert.ok(Date.now() - started < 5000);
    assert.equal(harness.upstreams.anthropic.requests.length, 1);
    assert.equal(response.headers['x-interlingua-deployment'], 'oa/gpt-4o');
  });

  test('when the first deployment keeps failing, the next one answers', async () => {
    harness.upstreams.anthropic.enqueue(
      { kind: 'json', status: 529, body: readFixtureText('anthropic/error-529-overloaded.json') },
      { kind: 'drop' },
    );
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
    const result = await callerFor('openai-chat', harness.gatewayUrl).turn({ model: 'fallback', prompt: 'hi' });
    assert.equal(result.text, upstreamScenarios['openai-chat'].text.expected.text);
    assert.equal(harness.upstreams.anthropic.requests.length, 2, 'first deployment tried, then retried once');
    assert.equal(harness.upstreams['openai-chat'].requests.length, 1);
  });

  test('a 400 from the first deployment is the caller’s fault: no fallback', async () => {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.badRequest);
    const caller = callerFor('openai-chat', harness.gatewayUrl);
    await assert.rejects(caller.turn({ model: 'fallback', prompt: 'hi' }), (error) => caller.isBadRequestError(error));
    assert.equal(harness.upstreams['openai-chat'].requests.length, 0);
  });
});

describe('streams', { timeout: 15_000 }, () => {
  for (const callerDialect of dialectNames) {
    test(`${callerDialect}: an upstream cut mid-stream reaches the caller as an error, not a clean finish, and is not retried`, async () => {
      const upstream = harness.upstreams.anthropic;
      upstream.enqueue({ kind: 'stream', text: readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse'), cutAfterFrames: 6 });
      const caller = callerFor(callerDialect, harness.gatewayUrl);
      await assert.rejects(caller.turn({ model: modelFor('anthropic'), prompt: 'hi', stream: true }));
      assert.equal(upstream.requests.length, 1, 'nothing is retried once a byte reached the caller');
    });

    test(`${callerDialect}: a caller that goes away aborts the upstream request`, async () => {
      const upstream = harness.upstreams['openai-chat'];
      // The role chunk and the first text chunk: every caller dialect has bytes to show for them.
      const firstFrame = readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse').split('\n\n').slice(0, 2).join('\n\n') + '\n\n';
      upstream.enqueue({ kind: 'hang', firstFrame });
      const controller = new AbortController();
      const path = callerDialect === 'gemini' ? '/v1beta/models/via-openai-chat:streamGenerateContent?alt=sse' : chatPaths[callerDialect];
      const body = minimalBody(callerDialect, modelFor('openai-chat'), true);
      const response = await undiciRequest(`${harness.gatewayUrl}${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
        signal: controller.signal,
      });
      assert.equal(response.statusCode, 200);
      for await (const chunk of response.body) {
        assert.ok((chunk as Buffer).length > 0, 'the first event flowed through before the upstream finished');
        break;
      }
      controller.abort();
      await upstream.hangClosed;
    });
  }
});

describe('Gemini stream framings', () => {
  test('without alt=sse, :streamGenerateContent answers one JSON array, element by element', async () => {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.streamText.reply);
    const response = await undiciRequest(`${harness.gatewayUrl}/v1beta/models/via-anthropic:streamGenerateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Say hi in Portuguese' }] }] }),
    });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const text = await response.body.text();
    assert.ok(text.startsWith('[{') && text.endsWith(']'), text.slice(0, 40));
    const elements = JSON.parse(text) as Array<{ candidates?: Array<{ content?: { parts?: Array<{ text?: string }> }; finishReason?: string }> }>;
    assert.ok(elements.length > 2, 'several elements, as streamed');
    const joined = elements.flatMap((element) => element.candidates?.[0]?.content?.parts ?? []).map((part) => part.text ?? '').join('');
    assert.equal(joined, upstreamScenarios.anthropic.streamText.expected.text);
    assert.equal(elements.at(-1)?.candidates?.[0]?.finishReason, 'STOP');
  });
});

describe('what cannot be carried is reported', () => {
  test('a warning reaches the caller in x-interlingua-warnings', async () => {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    const response = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: modelFor('anthropic'), temperature: 1.5, frequency_penalty: 0.5, messages: [{ role: 'user', content: 'hi' }] }),
    );
    assert.equal(response.status, 200);
    const warnings = JSON.parse(String(response.headers['x-interlingua-warnings'])) as Array<{ type: string; feature: string }>;
    assert.ok(warnings.some((warning) => warning.type === 'compatibility' && warning.feature === 'temperature'), JSON.stringify(warnings));
    assert.ok(warnings.some((warning) => warning.type === 'unsupported' && warning.feature === 'frequency_penalty'), JSON.stringify(warnings));
    assert.equal((harness.upstreams.anthropic.requests[0]?.body as { temperature: number }).temperature, 1);
  });

  test('a faithful translation carries no warnings header', async () => {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    const response = await post('/v1/chat/completions', JSON.stringify({ model: modelFor('anthropic'), messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(response.status, 200);
    assert.equal(response.headers['x-interlingua-warnings'], undefined);
  });
});

describe('an upstream that answers garbage', () => {
  for (const callerDialect of dialectNames) {
    test(`${callerDialect}: a 200 whose body is not JSON → 502 in the caller's dialect`, async () => {
      const upstream = harness.upstreams.gemini;
      upstream.enqueue({ kind: 'json', body: '<html>oops</html>' }, { kind: 'json', body: '<html>oops</html>' });
      const response = await post(chatPaths[callerDialect].replace('via-openai-chat', 'via-gemini'), JSON.stringify(minimalBody(callerDialect, modelFor('gemini'), false)));
      assert.equal(response.status, 502);
      assert.ok(JSON.stringify(response.body).includes('not JSON'));
    });

    test(`${callerDialect}: a malformed stream event mid-stream ends the stream with an error`, async () => {
      const recorded = readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse').split('\n\n');
      const broken = [...recorded.slice(0, 3), 'data: {"choices": "not a list"}', ...recorded.slice(3)].join('\n\n');
      harness.upstreams['openai-chat'].enqueue({ kind: 'stream', text: broken });
      const caller = callerFor(callerDialect, harness.gatewayUrl);
      await assert.rejects(caller.turn({ model: modelFor('openai-chat'), prompt: 'hi', stream: true }));
      const health = await undiciRequest(`${harness.gatewayUrl}/health`);
      assert.equal(health.statusCode, 200);
      await health.body.dump();
    });
  }
});

describe('Ollama listing', () => {
  test('GET /api/tags lists the configured names for the ollama client', async () => {
    const { Ollama } = await import('ollama');
    const listed = await new Ollama({ host: harness.gatewayUrl }).list();
    assert.deepEqual(listed.models.map((model) => model.name).sort(), ['fallback', 'via-anthropic', 'via-gemini', 'via-ollama', 'via-openai-chat', 'via-openai-responses']);
  });
});

describe('vendor headers', () => {
  test('anthropic-beta reaches an Anthropic upstream from an Anthropic caller, and nowhere else', async () => {
    harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
    const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'k', maxRetries: 0 });
    await client.messages.create(
      { model: modelFor('anthropic'), max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'anthropic-beta': 'context-1m-2025-08-07' } },
    );
    assert.equal(harness.upstreams.anthropic.requests[0]?.headers['anthropic-beta'], 'context-1m-2025-08-07');

    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
    await client.messages.create(
      { model: modelFor('openai-chat'), max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'anthropic-beta': 'context-1m-2025-08-07' } },
    );
    assert.equal(harness.upstreams['openai-chat'].requests[0]?.headers['anthropic-beta'], undefined);
  });
});
