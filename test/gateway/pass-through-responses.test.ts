/**
 * The same-dialect pass-through for OpenAI Responses (src/gateway/pass-through/): a caller of the
 * gateway's Responses route with `store: false`, answered by an `openai-responses` provider, gets
 * the upstream's bytes as they came, whole and streamed, with usage, cut streams and upstream
 * errors kept; a stored response, a continued one, or a request the gateway changed on its way
 * (whose echo of the settings would differ) takes the parsing path. The answers are the recorded
 * fixtures test/fixtures/recorded/openai-responses/fantasy-gpt5-simple* (19 input tokens; 86
 * output tokens whole, 118 streamed, 64 of them reasoning).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { readFixtureText } from '../support/fixtures.js';
import { passThroughSetup } from './support/pass-through-setup.js';

const jsonText = readFixtureText('openai-responses/fantasy-gpt5-simple.response.json');
const sseText = readFixtureText('openai-responses/fantasy-gpt5-simple_streaming.response.sse');
const sseFrames = sseText.split('\n\n').filter((frame) => frame.length > 0).map((frame) => `${frame}\n\n`);
const upstreamId = (JSON.parse(sseFrames[0]?.slice(sseFrames[0].indexOf('data: ') + 6) ?? '{}') as { response: { id: string } }).response.id;

const setup = passThroughSetup('responses-pass-through', (baseUrl: string) => ({
  providers: { or: { dialect: 'openai-responses', baseUrl: `${baseUrl}/v1`, apiKey: 'upstream-key' } },
  models: { gpt: [{ provider: 'or', model: 'gpt-5' }] },
  auth: { required: true },
  retry: { attempts: 0 },
}));

async function newKey(): Promise<{ client: OpenAI; name: string }> {
  const { key, name } = await setup.newKey();
  return { client: new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: key, maxRetries: 0 }), name };
}

const question = {
  model: 'gpt',
  max_output_tokens: 4000,
  store: false,
  input: [
    { role: 'developer' as const, content: 'You are a helpful assistant' },
    { role: 'user' as const, content: [{ type: 'input_text' as const, text: 'Say hi in Portuguese' }] },
  ],
};

describe('Responses same-dialect pass-through', () => {
  test('a whole answer reaches the caller byte for byte, and its usage is recorded', async () => {
    const { client, name } = await newKey();
    setup.upstream.enqueue({ kind: 'json', body: jsonText });
    const response = await client.responses.create(question).asResponse();
    assert.equal(response.status, 200);
    assert.equal(await response.text(), jsonText);
    assert.equal((setup.upstream.requests[0]?.body as { store?: boolean }).store, false);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ input: record?.inputTokens, output: record?.outputTokens, reasoning: record?.reasoningTokens, stream: record?.stream }, { input: 19, output: 86, reasoning: 64, stream: false });
  });

  test('a stream reaches the caller byte for byte, with its usage and time to first token recorded', async () => {
    const { client, name } = await newKey();
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    const response = await client.responses.create({ ...question, stream: true }).asResponse();
    assert.equal(await response.text(), sseText);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ input: record?.inputTokens, output: record?.outputTokens, error: record?.errorCode }, { input: 19, output: 118, error: undefined });
    assert.equal(typeof record?.ttftMs, 'number');
  });

  test('the SDK reads the relayed stream into the upstream\'s response', async () => {
    const { client } = await newKey();
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    const final = await client.responses.stream(question).finalResponse();
    assert.deepEqual({ id: final.id, model: final.model, output: final.usage?.output_tokens }, { id: upstreamId, model: 'gpt-5-2025-08-07', output: 118 });
  });

  test('a stream cut before response.completed fails in-band for the response that began, and is recorded as interrupted', async () => {
    const { client, name } = await newKey();
    setup.upstream.enqueue({ kind: 'stream', text: sseText, cutAfterFrames: 7 });
    const text = await (await client.responses.create({ ...question, stream: true }).asResponse()).text();
    const forwarded = sseFrames.slice(0, 7).join('');
    assert.ok(text.startsWith(forwarded), 'the frames before the cut arrive as they were');
    const rest = text.slice(forwarded.length);
    assert.match(rest, /^event: error\ndata: \{"type":"error"/);
    assert.match(rest, /event: response\.failed\ndata: .*"status":"failed"/);
    assert.ok(rest.includes(`"id":"${upstreamId}"`), 'the failed response is the one the upstream began');
    assert.equal(text.split('event: response.created').length, 2, 'no second response.created');
    const numbers = [...text.matchAll(/"sequence_number":(\d+)/g)].map((match) => Number(match[1]));
    assert.deepEqual(numbers, [0, 1, 2, 3, 4, 5, 6, 7, 8], 'the error and response.failed go on numbering after the upstream\'s last event');
    const [record] = await setup.recordsOf(name);
    assert.equal(record?.errorCode, 'stream_interrupted');

    setup.upstream.enqueue({ kind: 'stream', text: sseText, cutAfterFrames: 7 });
    const stream = await client.responses.create({ ...question, stream: true });
    await assert.rejects(
      (async () => {
        for await (const _event of stream);
      })(),
      (error: unknown) => error instanceof OpenAI.APIError,
    );
  });

  test('an upstream error before the answer reaches the caller in its dialect', async () => {
    const { client } = await newKey();
    setup.upstream.enqueue({ kind: 'json', status: 400, body: { error: { message: "Unsupported parameter: 'temperature'.", type: 'invalid_request_error', param: 'temperature', code: 'unsupported_parameter' } } });
    await assert.rejects(client.responses.create({ ...question, stream: true }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError, String(error));
      assert.match(error.message, /Unsupported parameter/);
      return true;
    });
  });
});

describe('a Responses answer that needs a rewrite takes the parsing path', () => {
  test('a stored response: the answer gets the gateway\'s id and is kept', async () => {
    const { client } = await newKey();
    setup.upstream.enqueue({ kind: 'json', body: jsonText });
    const { store: _store, ...stored } = question;
    const text = await (await client.responses.create(stored).asResponse()).text();
    assert.notEqual(text, jsonText);
    assert.equal((JSON.parse(text) as { model: string }).model, 'gpt');
  });

  test('a continued response: the upstream is sent the conversation, and the answer echoes the caller\'s previous_response_id', async () => {
    const { client } = await newKey();
    // A first answer without reasoning, so that nothing of it is left out (with a warning) when it is sent again.
    const answer = JSON.parse(jsonText) as { output: Array<{ type: string }> };
    setup.upstream.enqueue({ kind: 'json', body: { ...answer, output: answer.output.filter((item) => item.type !== 'reasoning') } }, { kind: 'json', body: jsonText });
    const { store: _store, ...stored } = question;
    const first = await client.responses.create(stored);
    const text = await (await client.responses.create({ ...question, input: 'And in Spanish?', previous_response_id: first.id }).asResponse()).text();
    assert.notEqual(text, jsonText);
    assert.equal((JSON.parse(text) as { previous_response_id: string }).previous_response_id, first.id);
    assert.equal((setup.upstream.requests[1]?.body as { previous_response_id?: string }).previous_response_id, undefined);
  });

  test('a request the gateway changed: the answer echoes the caller\'s own settings', async () => {
    const { client } = await newKey();
    setup.upstream.enqueue({ kind: 'json', body: jsonText });
    // Responses takes no output limit under 16 (request-emit.ts): 10 goes out as 16, with a warning.
    const text = await (await client.responses.create({ ...question, max_output_tokens: 10 }).asResponse()).text();
    assert.equal((setup.upstream.requests[0]?.body as { max_output_tokens?: number }).max_output_tokens, 16);
    assert.notEqual(text, jsonText);
    assert.equal((JSON.parse(text) as { max_output_tokens: number }).max_output_tokens, 10);
  });
});
