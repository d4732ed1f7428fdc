/**
 * The same-dialect pass-through for Anthropic Messages (src/gateway/pass-through/): a caller of
 * the gateway's Anthropic route answered by an `anthropic` provider gets the upstream's bytes as
 * they came, whole and streamed, while usage (cache tokens included), limits, aborts, cut streams,
 * upstream errors and fallbacks keep working; what asks for a rewrite takes the parsing path. The
 * answers are the recorded Anthropic fixtures (test/fixtures/recorded/anthropic/fantasy-sonnet4-simple*:
 * 16 input tokens, and 34 output tokens whole, 38 streamed).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { readFixtureText } from '../support/fixtures.js';
import { passThroughSetup } from './support/pass-through-setup.js';

const jsonText = readFixtureText('anthropic/fantasy-sonnet4-simple.response.json');
const sseText = readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse');
const openaiSse = readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse');
const sseFrames = sseText.split('\n\n').filter((frame) => frame.length > 0).map((frame) => `${frame}\n\n`);
/** The model the recorded answers name; a parsed answer names the model the caller asked for instead. */
const upstreamModel = 'claude-sonnet-4-20250514';

const setup = passThroughSetup('anthropic-pass-through', (baseUrl: string) => ({
  providers: {
    an: { dialect: 'anthropic', baseUrl, apiKey: 'upstream-key' },
    oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'upstream-key' },
  },
  plugins: { calculator: { type: 'builtin', builtin: 'calculator' } },
  models: {
    claude: [{ provider: 'an', model: upstreamModel }],
    // Deployments of their own: the one above may be cooling down after the failures the tests give it.
    'anthropic-then-openai': [{ provider: 'an', model: 'claude-3-5-haiku-20241022' }, { provider: 'oa', model: 'gpt-4o-mini' }],
    calculating: { deployments: [{ provider: 'an', model: upstreamModel }], plugins: ['calculator'] },
  },
  auth: { required: true },
  retry: { attempts: 0 },
}));

async function newKey(spec: { tpm?: number } = {}): Promise<{ client: Anthropic; name: string }> {
  const { key, name } = await setup.newKey(spec);
  return { client: new Anthropic({ baseURL: setup.url, apiKey: key, maxRetries: 0 }), name };
}

const question = { max_tokens: 200, messages: [{ role: 'user' as const, content: 'Say hi in Portuguese' }] };

describe('Anthropic same-dialect pass-through', () => {
  test('a whole answer reaches the caller byte for byte, and its usage is recorded and priced', async () => {
    const { client, name } = await newKey();
    setup.upstream.enqueue({ kind: 'json', body: jsonText });
    const response = await client.messages.create({ model: 'claude', ...question }).asResponse();
    assert.equal(response.status, 200);
    assert.equal(await response.text(), jsonText);
    assert.equal(response.headers.get('x-interlingua-deployment'), `an/${upstreamModel}`);
    assert.equal((setup.upstream.requests[0]?.body as { model: string }).model, upstreamModel);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual(
      { status: record?.status, input: record?.inputTokens, output: record?.outputTokens, stream: record?.stream, caller: record?.caller },
      { status: 200, input: 16, output: 34, stream: false, caller: 'anthropic' },
    );
    // $3 and $15 per million input and output tokens.
    assert.ok(Math.abs((record?.cost ?? 0) - (16 * 3 + 34 * 15) / 1e6) < 1e-12, `cost ${record?.cost}`);
  });

  test('cache reads and writes of a whole answer count in its usage', async () => {
    const { client, name } = await newKey();
    const cached = jsonText.replace('"cache_creation_input_tokens":0', '"cache_creation_input_tokens":50').replace('"cache_read_input_tokens":0', '"cache_read_input_tokens":100');
    assert.notEqual(cached, jsonText);
    setup.upstream.enqueue({ kind: 'json', body: cached });
    const message = await client.messages.create({ model: 'claude', ...question });
    assert.deepEqual({ read: message.usage.cache_read_input_tokens, written: message.usage.cache_creation_input_tokens }, { read: 100, written: 50 });
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ input: record?.inputTokens, cached: record?.cachedTokens, output: record?.outputTokens }, { input: 166, cached: 100, output: 34 });
  });

  test('a stream reaches the caller byte for byte, with its usage and time to first token recorded', async () => {
    const { client, name } = await newKey();
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    const response = await client.messages.create({ model: 'claude', ...question, stream: true }).asResponse();
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(await response.text(), sseText);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, input: record?.inputTokens, output: record?.outputTokens, error: record?.errorCode }, { status: 200, input: 16, output: 38, error: undefined });
    assert.equal(typeof record?.ttftMs, 'number');
  });

  test('the SDK reads the relayed stream into the upstream\'s message', async () => {
    const { client } = await newKey();
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    const message = await client.messages.stream({ model: 'claude', ...question }).finalMessage();
    assert.deepEqual({ model: message.model, stop: message.stop_reason, output: message.usage.output_tokens }, { model: upstreamModel, stop: 'end_turn', output: 38 });
    assert.match(message.content[0]?.type === 'text' ? message.content[0].text : '', /^Olá! \(That's "hi" in Portuguese\)/);
  });

  test('tokens used through the pass-through count against the key\'s per-minute limit', async () => {
    const { client } = await newKey({ tpm: 20 });
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    assert.equal(await (await client.messages.create({ model: 'claude', ...question, stream: true }).asResponse()).text(), sseText);
    await assert.rejects(client.messages.create({ model: 'claude', ...question }), (error: unknown) => error instanceof Anthropic.RateLimitError);
    assert.equal(setup.upstream.requests.length, 1);
  });

  test('a stream cut before message_stop is reported in-band as an Anthropic error event, and recorded as interrupted', async () => {
    for (const cutAfterFrames of [5, sseFrames.length - 1]) {
      const { client, name } = await newKey();
      setup.upstream.enqueue({ kind: 'stream', text: sseText, cutAfterFrames });
      const text = await (await client.messages.create({ model: 'claude', ...question, stream: true }).asResponse()).text();
      const forwarded = sseFrames.slice(0, cutAfterFrames).join('');
      assert.ok(text.startsWith(forwarded), `the ${cutAfterFrames} frames before the cut arrive as they were`);
      assert.match(text.slice(forwarded.length), /^event: error\ndata: \{"type":"error","error":\{"type":"[a-z_]+","message":"[^"]*(broke off|before message_stop)/);
      assert.doesNotMatch(text, /message_stop/);
      const [record] = await setup.recordsOf(name);
      assert.equal(record?.errorCode, 'stream_interrupted', `cut after ${cutAfterFrames} frames`);
    }
  });

  test('the SDK raises the in-band error of a cut stream', async () => {
    const { client } = await newKey();
    setup.upstream.enqueue({ kind: 'stream', text: sseText, cutAfterFrames: 5 });
    const stream = await client.messages.create({ model: 'claude', ...question, stream: true });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of stream) seen.push(event.type);
      })(),
      (error: unknown) => error instanceof Anthropic.APIError,
    );
    assert.deepEqual(seen, ['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta']);
  });

  test('an upstream error event in the stream reaches the caller as it came, and is recorded', async () => {
    const { client, name } = await newKey();
    const overloaded = 'event: error\ndata: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}\n\n';
    setup.upstream.enqueue({ kind: 'stream', text: sseFrames.slice(0, 6).join('') + overloaded });
    const text = await (await client.messages.create({ model: 'claude', ...question, stream: true }).asResponse()).text();
    assert.equal(text, sseFrames.slice(0, 6).join('') + overloaded);
    const [record] = await setup.recordsOf(name);
    assert.equal(record?.errorCode, 'overloaded');
  });

  test('a caller that goes away aborts the upstream stream, and the request is recorded as cancelled', async () => {
    const { client, name } = await newKey();
    setup.upstream.enqueue({ kind: 'hang', firstFrame: sseFrames[0] });
    const controller = new AbortController();
    const response = await client.messages.create({ model: 'claude', ...question, stream: true }, { signal: controller.signal }).asResponse();
    const first = await response.body?.getReader().read();
    assert.equal(new TextDecoder().decode(first?.value), sseFrames[0]);
    controller.abort();
    await setup.upstream.hangClosed;
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, error: record?.errorCode }, { status: 499, error: 'cancelled' });
  });

  test('an upstream error before the answer reaches the caller as an Anthropic error', async () => {
    const { client } = await newKey();
    setup.upstream.enqueue({ kind: 'json', status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: 200 > 128 is too many.' } } });
    await assert.rejects(client.messages.create({ model: 'claude', ...question, stream: true }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.BadRequestError, String(error));
      assert.match(error.message, /max_tokens: 200 > 128/);
      assert.equal((error.error as { error?: { type?: string } }).error?.type, 'invalid_request_error');
      return true;
    });
  });

  test('an error event as the stream\'s first frame moves on to the next deployment, which is translated', async () => {
    const { client, name } = await newKey();
    setup.upstream.enqueue({ kind: 'stream', text: 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n' }, { kind: 'stream', text: openaiSse });
    const { data: stream, response } = await client.messages.create({ model: 'anthropic-then-openai', ...question, stream: true }).withResponse();
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    assert.equal(response.headers.get('x-interlingua-deployment'), 'oa/gpt-4o-mini');
    assert.equal(types.at(-1), 'message_stop');
    assert.deepEqual(setup.upstream.requests.map((request) => request.url), ['/v1/messages', '/v1/chat/completions']);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual(record?.attempts?.map((attempt) => attempt.deployment), ['an/claude-3-5-haiku-20241022', 'oa/gpt-4o-mini']);
  });
});

describe('an Anthropic answer that needs a rewrite takes the parsing path', () => {
  test('a plugin model: the answer is written again, naming the model asked for', async () => {
    const { client } = await newKey();
    setup.upstream.enqueue({ kind: 'json', body: jsonText });
    const text = await (await client.messages.create({ model: 'calculating', ...question }).asResponse()).text();
    assert.notEqual(text, jsonText);
    assert.equal((JSON.parse(text) as { model: string }).model, 'calculating');
  });
});
