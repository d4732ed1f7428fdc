/**
 * The same-dialect pass-through (src/gateway/pass-through/): an OpenAI Chat caller answered by an
 * OpenAI Chat upstream gets the upstream's bytes as they came, whole and streamed, while usage,
 * limits, aborts, cut streams and fallbacks keep working; a stream whose caller did not ask for
 * usage passes through without the usage chunk the gateway asked for; anything that asks for a
 * rewrite (a provider with quirks, a plugin, the response cache, tool emulation) takes the parsing path. The answers are the recorded OpenAI fixtures
 * (test/fixtures/recorded/openai-chat/fantasy-gpt4o-simple*: 20 input and 2 output tokens).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { readFixtureText } from '../support/fixtures.js';
import { passThroughSetup } from './support/pass-through-setup.js';

const jsonText = readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json');
const sseText = readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse');
const anthropicJson = readFixtureText('anthropic/fantasy-sonnet4-simple.response.json');
/** The model the recorded answers name; a parsed answer names the model the caller asked for instead. */
const upstreamModel = 'gpt-4o-2024-08-06';
const sseFrames = sseText.split('\n\n').filter((frame) => frame.length > 0);
/** The recorded stream as OpenAI sends it without `include_usage`: the `choices: []` usage chunk left out. */
const sseWithoutUsageChunk = sseFrames
  .filter((frame) => !frame.includes('"choices":[],"usage":{'))
  .map((frame) => `${frame}\n\n`)
  .join('');

const setup = passThroughSetup('pass-through', (baseUrl: string) => ({
  providers: {
    oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'upstream-key' },
    an: { dialect: 'anthropic', baseUrl, apiKey: 'upstream-key' },
    // A quirk (the legacy `max_tokens` field) gives the provider a dialect of its own: its answers are parsed.
    legacy: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'upstream-key', quirks: { maxTokensField: 'max_tokens' } },
  },
  plugins: { calculator: { type: 'builtin', builtin: 'calculator' } },
  models: {
    chat: [{ provider: 'oa', model: 'gpt-4o' }],
    'openai-then-anthropic': [{ provider: 'oa', model: 'gpt-4o' }, { provider: 'an', model: 'claude-sonnet-4-20250514' }],
    // Deployments of their own: those above may be cooling down after the failures the tests give them.
    'anthropic-then-openai': [{ provider: 'an', model: 'claude-3-5-haiku-20241022' }, { provider: 'oa', model: 'gpt-4o-mini' }],
    quirky: [{ provider: 'legacy', model: 'gpt-4o' }],
    emulated: [{ provider: 'oa', model: 'gpt-4o', toolCalling: 'emulate' }],
    calculating: { deployments: [{ provider: 'oa', model: 'gpt-4o' }], plugins: ['calculator'] },
  },
  auth: { required: true },
  retry: { attempts: 0 },
}));

function chat(key: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<Response> {
  return fetch(`${setup.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'Say hi in Portuguese' }], ...body }),
    ...(signal !== undefined ? { signal } : {}),
  });
}

const streamed = { stream: true, stream_options: { include_usage: true } };

describe('same-dialect pass-through', () => {
  test('a whole answer reaches the caller byte for byte, and its usage is recorded and priced', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', body: jsonText });
    const response = await chat(key, { model: 'chat' });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), jsonText);
    assert.equal(response.headers.get('x-interlingua-deployment'), 'oa/gpt-4o');
    assert.equal(response.headers.get('content-type'), 'application/json');
    // The upstream was sent the deployment's model, written by the dialect as ever.
    assert.equal((setup.upstream.requests[0]?.body as { model: string }).model, 'gpt-4o');
    const [record] = await setup.recordsOf(name);
    assert.deepEqual(
      { status: record?.status, input: record?.inputTokens, output: record?.outputTokens, deployment: record?.deployment, stream: record?.stream },
      { status: 200, input: 20, output: 2, deployment: 'oa/gpt-4o', stream: false },
    );
    assert.ok(Math.abs((record?.cost ?? 0) - 0.00007) < 1e-12, `cost ${record?.cost}`);
  });

  test('a stream reaches the caller byte for byte, with its usage and time to first token recorded', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    const response = await chat(key, { model: 'chat', ...streamed });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(await response.text(), sseText);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, input: record?.inputTokens, output: record?.outputTokens, error: record?.errorCode }, { status: 200, input: 20, output: 2, error: undefined });
    assert.equal(typeof record?.ttftMs, 'number');
  });

  test('tokens used through the pass-through count against the key\'s per-minute limit', async () => {
    const { key } = await setup.newKey({ tpm: 20 });
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    assert.equal(await (await chat(key, { model: 'chat', ...streamed })).text(), sseText);
    const refused = await chat(key, { model: 'chat' });
    assert.equal(refused.status, 429);
    assert.equal(((await refused.json()) as { error: { type: string } }).error.type, 'rate_limit_error');
    assert.equal(setup.upstream.requests.length, 1);
  });

  test('a stream cut before its finish is reported in-band after the bytes that came, and recorded as interrupted', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'stream', text: sseText, cutAfterFrames: 2 });
    const response = await chat(key, { model: 'chat', ...streamed });
    const text = await response.text();
    const forwarded = sseFrames.slice(0, 2).map((frame) => `${frame}\n\n`).join('');
    assert.ok(text.startsWith(forwarded), 'the frames before the cut arrive as they were');
    const rest = text.slice(forwarded.length);
    assert.match(rest, /^data: \{"error":/);
    assert.match(rest, /broke off|ended before a finish_reason/);
    assert.doesNotMatch(text, /\[DONE\]/);
    const [record] = await setup.recordsOf(name);
    assert.equal(record?.errorCode, 'stream_interrupted');
  });

  test('a caller that goes away aborts the upstream stream, and the request is recorded as cancelled', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'hang', firstFrame: `${sseFrames[0]}\n\n` });
    const controller = new AbortController();
    const response = await chat(key, { model: 'chat', ...streamed }, controller.signal);
    const reader = response.body?.getReader();
    const first = await reader?.read();
    assert.equal(new TextDecoder().decode(first?.value), `${sseFrames[0]}\n\n`);
    controller.abort();
    await setup.upstream.hangClosed;
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, error: record?.errorCode }, { status: 499, error: 'cancelled' });
  });

  test('an upstream error before the answer reaches the caller in its dialect', async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', status: 400, body: { error: { message: 'Invalid value for temperature.', type: 'invalid_request_error', param: 'temperature', code: 'invalid_value' } } });
    const response = await chat(key, { model: 'chat', ...streamed });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { message: string; param: string } };
    assert.match(body.error.message, /Invalid value for temperature/);
    assert.equal(body.error.param, 'temperature');
  });

  test('an error frame as the stream\'s first frame moves on to the next deployment, which is parsed (Anthropic)', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue(
      { kind: 'stream', text: 'data: {"error":{"message":"The server is overloaded.","type":"server_error","code":null}}\n\n' },
      { kind: 'stream', text: readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse') },
    );
    const response = await chat(key, { model: 'openai-then-anthropic', ...streamed });
    const text = await response.text();
    assert.equal(response.headers.get('x-interlingua-deployment'), 'an/claude-sonnet-4-20250514');
    assert.match(text, /"model":"openai-then-anthropic"/);
    assert.match(text, /data: \[DONE\]\n\n$/);
    assert.deepEqual(setup.upstream.requests.map((request) => request.url), ['/v1/chat/completions', '/v1/messages']);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual(record?.attempts?.map((attempt) => attempt.deployment), ['oa/gpt-4o', 'an/claude-sonnet-4-20250514']);
  });

  test('a failed OpenAI deployment falls back to an Anthropic one, parsed and translated', async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', status: 503, body: { error: { message: 'Overloaded', type: 'server_error', code: null } } }, { kind: 'json', body: anthropicJson });
    const response = await chat(key, { model: 'openai-then-anthropic' });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { model: string; object: string };
    assert.deepEqual({ model: body.model, object: body.object }, { model: 'openai-then-anthropic', object: 'chat.completion' });
  });

  test('a failed Anthropic deployment falls back to an OpenAI one, forwarded as it came', async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }, { kind: 'stream', text: sseText });
    const response = await chat(key, { model: 'anthropic-then-openai', ...streamed });
    assert.equal(await response.text(), sseText);
    assert.equal(response.headers.get('x-interlingua-deployment'), 'oa/gpt-4o-mini');
  });
});

describe('an OpenAI stream whose caller did not ask for usage passes through without the usage chunk', () => {
  function client(key: string): OpenAI {
    return new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: key, maxRetries: 0 });
  }

  test('the caller gets the upstream\'s chunks as they came but the usage chunk, and the usage is recorded', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    const response = await chat(key, { model: 'chat', stream: true });
    assert.equal(await response.text(), sseWithoutUsageChunk);
    // The gateway asked the upstream for usage all the same.
    assert.deepEqual((setup.upstream.requests[0]?.body as { stream_options?: unknown }).stream_options, { include_usage: true });
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, input: record?.inputTokens, output: record?.outputTokens, error: record?.errorCode }, { status: 200, input: 20, output: 2, error: undefined });
    assert.equal(typeof record?.ttftMs, 'number');
  });

  test('the OpenAI SDK reads the text and the finish, names the upstream\'s model (not parsed), and sees no usage', async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    const stream = await client(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Say hi in Portuguese' }], stream: true });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Olá!');
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
    assert.ok(chunks.every((chunk) => chunk.model === upstreamModel && chunk.choices.length === 1 && chunk.usage == null));
  });

  test('its tokens count against the key\'s per-minute limit', async () => {
    const { key } = await setup.newKey({ tpm: 20 });
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    const stream = await client(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Say hi' }], stream: true });
    for await (const chunk of stream) assert.equal(chunk.model, upstreamModel);
    await assert.rejects(client(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Say hi' }] }), (error: unknown) => error instanceof OpenAI.RateLimitError);
    assert.equal(setup.upstream.requests.length, 1);
  });

  test('a caller that asks for usage still gets the usage chunk', async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    const stream = await client(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Say hi' }], stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1);
    assert.deepEqual({ choices: last?.choices.length, prompt: last?.usage?.prompt_tokens, completion: last?.usage?.completion_tokens, model: last?.model }, { choices: 0, prompt: 20, completion: 2, model: upstreamModel });
  });

  test('a caller that goes away once the first frame came aborts the upstream stream, recorded as cancelled', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'hang', firstFrame: `${sseFrames[0]}\n\n` });
    const controller = new AbortController();
    const response = await chat(key, { model: 'chat', stream: true }, controller.signal);
    const first = await response.body?.getReader().read();
    assert.equal(new TextDecoder().decode(first?.value), `${sseFrames[0]}\n\n`);
    controller.abort();
    await setup.upstream.hangClosed;
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, error: record?.errorCode }, { status: 499, error: 'cancelled' });
  });

  test('a stream cut before its finish still ends with an in-band error the SDK raises, recorded as interrupted', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'stream', text: sseText, cutAfterFrames: 2 });
    const stream = await client(key).chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Say hi' }], stream: true });
    let text = '';
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })(),
      (error: unknown) => error instanceof OpenAI.APIError && /broke off|ended before a finish_reason/.test(error.message),
    );
    assert.equal(text, 'Olá');
    const [record] = await setup.recordsOf(name);
    assert.equal(record?.errorCode, 'stream_interrupted');
  });
});

describe('what asks for a rewrite takes the parsing path', () => {
  /** A parsed answer is written again: compact, and naming the model the caller asked for. */
  function assertParsed(text: string, model: string): void {
    assert.notEqual(text, jsonText);
    assert.equal((JSON.parse(text) as { model: string }).model, model);
  }

  test('a provider with quirks', async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', body: jsonText });
    const response = await chat(key, { model: 'quirky', max_completion_tokens: 50 });
    assertParsed(await response.text(), 'quirky');
    assert.equal((setup.upstream.requests[0]?.body as { max_tokens?: number }).max_tokens, 50);
  });

  test('a plugin model', async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', body: jsonText });
    assertParsed(await (await chat(key, { model: 'calculating' })).text(), 'calculating');
  });

  test('tool emulation', async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', body: jsonText });
    const tools = [{ type: 'function', function: { name: 'lookup', description: 'Looks a word up.', parameters: { type: 'object', properties: { word: { type: 'string' } } } } }];
    assertParsed(await (await chat(key, { model: 'emulated', tools })).text(), 'emulated');
    assert.equal((setup.upstream.requests[0]?.body as { tools?: unknown }).tools, undefined, 'the tools went into the prompt');
  });

});

describe('the response cache takes the parsing path', () => {
  let cached: Gateway;
  let cachedUrl: string;
  before(async () => {
    cached = createGateway(
      resolveConfig({ providers: { oa: { dialect: 'openai-chat', baseUrl: `${setup.upstream.baseUrl}/v1`, apiKey: 'upstream-key' } }, models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] }, cache: { ttlSeconds: 60 }, retry: { attempts: 0 } }),
      { logger: silentLogger },
    );
    cachedUrl = `http://127.0.0.1:${(await cached.listen(0, '127.0.0.1')).port}`;
  });
  after(() => cached.close());

  test('answers are parsed, so that they can be kept and replayed', async () => {
    setup.upstream.enqueue({ kind: 'json', body: jsonText });
    const ask = () =>
      fetch(`${cachedUrl}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Say hi' }] }) });
    const first = await ask();
    assert.equal(first.headers.get('x-interlingua-cache'), 'miss');
    assert.equal((JSON.parse(await first.text()) as { model: string }).model, 'chat');
    const second = await ask();
    assert.equal(second.headers.get('x-interlingua-cache'), 'hit');
    assert.equal(setup.upstream.requests.length, 1);
  });
});
