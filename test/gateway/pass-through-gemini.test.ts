/**
 * The same-dialect pass-through for Gemini (src/gateway/pass-through/gemini-tap.ts): a caller of
 * the Gemini routes answered by a `gemini` provider gets the upstream's bytes as they came, whole and
 * streamed with `alt=sse`, read by the official @google/genai client, while usage, cut streams,
 * aborts and errors work as on the parsing path. The answers are recorded Gemini fixtures.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, GoogleGenAI } from '@google/genai';
import { readFixtureText } from '../support/fixtures.js';
import { passThroughSetup, recordingFetch } from './support/pass-through-setup.js';

/** 11 prompt tokens, 2 candidate and 24 thought tokens. */
const jsonText = readFixtureText('gemini/fantasy-gemini25flash-simple.response.json');
/**
 * Three chunks, each restating the usage so far: 218 prompt tokens, then 3, 20 and 22 candidate
 * tokens. Events end with `\r\n\r\n`, as Google writes them.
 */
const sseText = readFixtureText('gemini/fantasy-gemini25flash-multi_tool_streaming.i1.response.sse');
const sseFrames = sseText.split(/(?<=\r\n\r\n)/);
const errorBody = readFixtureText('gemini/error-400-missing-thought-signature.json');

const setup = passThroughSetup('gemini-pass-through', (baseUrl: string) => ({
  providers: { ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-test-key' } },
  models: { flash: [{ provider: 'ge', model: 'gemini-2.5-flash' }] },
  auth: { required: true },
  retry: { attempts: 0 },
}));

/** A client of the gateway, and the bytes of every answer it read, as they reached it. */
function client(key: string): { genai: GoogleGenAI; bodies: Promise<string>[] } {
  const { fetch: recording, bodies } = recordingFetch();
  return { genai: new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: setup.url, fetch: recording } }), bodies };
}

const contents = [{ role: 'user', parts: [{ text: 'Say hi in Portuguese' }] }];

describe('Gemini pass-through', () => {
  test('a whole answer reaches the caller byte for byte, and its usage is recorded', async () => {
    const { key, name } = await setup.newKey();
    const { genai, bodies } = client(key);
    setup.upstream.enqueue({ kind: 'json', body: jsonText });
    const answer = await genai.models.generateContent({ model: 'flash', contents });
    assert.equal(answer.text, 'Olá!');
    assert.equal(await bodies[0], jsonText);
    assert.equal(setup.upstream.requests[0]?.url, '/v1beta/models/gemini-2.5-flash:generateContent');
    const [record] = await setup.recordsOf(name);
    assert.deepEqual(
      { status: record?.status, input: record?.inputTokens, output: record?.outputTokens, reasoning: record?.reasoningTokens },
      { status: 200, input: 11, output: 26, reasoning: 24 },
    );
  });

  test('a stream reaches the caller byte for byte, with the last usage it restated and time to first token recorded', async () => {
    assert.equal(sseFrames.length, 3);
    const { key, name } = await setup.newKey();
    const { genai, bodies } = client(key);
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    let text = '';
    for await (const chunk of await genai.models.generateContentStream({ model: 'flash', contents })) text += chunk.text ?? '';
    assert.equal(text, 'The sum of 2 and 3 is 5. The product of 2 and 3 is 6.');
    assert.equal(await bodies[0], sseText);
    assert.equal(setup.upstream.requests[0]?.url, '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, input: record?.inputTokens, output: record?.outputTokens, error: record?.errorCode }, { status: 200, input: 218, output: 22, error: undefined });
    assert.equal(typeof record?.ttftMs, 'number');
  });

  test('tokens used through the pass-through count against the key\'s per-minute limit, refused in Gemini\'s words', async () => {
    const { key } = await setup.newKey({ tpm: 100 });
    const { genai } = client(key);
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    for await (const chunk of await genai.models.generateContentStream({ model: 'flash', contents })) assert.ok(chunk);
    await assert.rejects(genai.models.generateContent({ model: 'flash', contents }), (error: unknown) => error instanceof ApiError && error.status === 429 && /RESOURCE_EXHAUSTED/.test(error.message));
    assert.equal(setup.upstream.requests.length, 1);
  });

  test('a stream cut before its finishReason ends with an in-band error the client raises, and keeps the usage read before the cut', async () => {
    const { key, name } = await setup.newKey();
    const { genai, bodies } = client(key);
    setup.upstream.enqueue({ kind: 'stream', text: sseText, cutAfterFrames: 2 });
    let text = '';
    await assert.rejects(
      async () => {
        for await (const chunk of await genai.models.generateContentStream({ model: 'flash', contents })) text += chunk.text ?? '';
      },
      (error: unknown) => error instanceof ApiError && error.status >= 500,
    );
    assert.equal(text, 'The sum of 2 and 3 is 5. The product of 2 and 3 is');
    const body = await bodies[0];
    assert.ok(body?.startsWith(sseFrames[0]! + sseFrames[1]!), 'the frames before the cut arrive as they were');
    assert.match(body?.slice((sseFrames[0]! + sseFrames[1]!).length) ?? '', /^data: \{"error":\{"code":502,.*"status":"INTERNAL"/);
    const [record] = await setup.recordsOf(name);
    // The second chunk restated the usage and was held back undecoded until the cut: its counts still count.
    assert.deepEqual({ error: record?.errorCode, input: record?.inputTokens, output: record?.outputTokens }, { error: 'stream_interrupted', input: 218, output: 20 });
  });

  test('a caller that goes away aborts the upstream stream, and the request is recorded as cancelled', async () => {
    const { key, name } = await setup.newKey();
    const { genai } = client(key);
    setup.upstream.enqueue({ kind: 'hang', firstFrame: sseFrames[0] });
    const controller = new AbortController();
    const stream = await genai.models.generateContentStream({ model: 'flash', contents, config: { abortSignal: controller.signal } });
    const first = await stream.next();
    assert.equal(first.value?.text, 'The sum of ');
    controller.abort();
    await setup.upstream.hangClosed;
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, error: record?.errorCode, input: record?.inputTokens }, { status: 499, error: 'cancelled', input: 218 });
  });

  test('an upstream error before the answer reaches the caller in its dialect', async () => {
    const { key } = await setup.newKey();
    const { genai } = client(key);
    setup.upstream.enqueue({ kind: 'json', status: 400, body: errorBody });
    await assert.rejects(genai.models.generateContentStream({ model: 'flash', contents }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 400);
      assert.match(error.message, /missing a thought_signature/);
      return true;
    });
  });

  test('a stream of several candidates takes the parsing path', async () => {
    const { key, name } = await setup.newKey();
    const { genai, bodies } = client(key);
    setup.upstream.enqueue({ kind: 'stream', text: sseText });
    let text = '';
    for await (const chunk of await genai.models.generateContentStream({ model: 'flash', contents, config: { candidateCount: 2 } })) text += chunk.text ?? '';
    assert.equal(text, 'The sum of 2 and 3 is 5. The product of 2 and 3 is 6.');
    assert.notEqual(await bodies[0], sseText, 'the chunks were written again');
    // The decoder follows candidate 0 alone, so the upstream is asked for one (src/gateway/candidate-count-fit.ts).
    assert.equal((setup.upstream.requests[0]?.body as { generationConfig?: { candidateCount?: number } }).generationConfig?.candidateCount, undefined);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ input: record?.inputTokens, output: record?.outputTokens }, { input: 218, output: 22 });
  });
});
