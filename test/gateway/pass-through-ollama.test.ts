/**
 * The same-dialect pass-through for Ollama `/api/chat` (src/gateway/pass-through/ollama-tap.ts): a
 * caller answered by an `ollama` provider gets the upstream's bytes as they came, whole and as an
 * NDJSON stream, read by the official `ollama` client, while usage, cut streams, aborts and errors
 * work as on the parsing path. The answers are Ollama's documented examples
 * (test/fixtures/recorded/ollama/chat-*.json).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { readFixtureText } from '../support/fixtures.js';
import { passThroughSetup, recordingFetch } from './support/pass-through-setup.js';

/** 26 prompt and 83 output tokens. */
const jsonText = readFixtureText('ollama/chat-response-images.json');
/**
 * The documented first and final lines of a stream (26 prompt and 282 output tokens), one JSON
 * object a line, with a line of text between them.
 */
const [firstLine, finalLine] = (JSON.parse(readFixtureText('ollama/chat-stream.doc-example.first-and-final.json')) as object[]).map((line) => JSON.stringify(line));
const middleLine = firstLine!.replace('"content":"The"', '"content":" sky is blue."');
const ndjsonLines = [`${firstLine}\n`, `${middleLine}\n`, `${finalLine}\n`];
const ndjsonText = ndjsonLines.join('');
const ndjson = { kind: 'stream' as const, contentType: 'application/x-ndjson', text: ndjsonText };

const setup = passThroughSetup('ollama-pass-through', (baseUrl: string) => ({
  providers: { ol: { dialect: 'ollama', baseUrl: baseUrl } },
  models: {
    llama: [{ provider: 'ol', model: 'llama3.2' }],
    emulated: [{ provider: 'ol', model: 'llama3.2', toolCalling: 'emulate' }],
  },
  auth: { required: true },
  retry: { attempts: 0 },
}));

/** A client of the gateway, and the bytes of every answer it read, as they reached it. */
function client(key: string): { ollama: Ollama; bodies: Promise<string>[] } {
  const { fetch: recording, bodies } = recordingFetch();
  return { ollama: new Ollama({ host: setup.url, headers: { authorization: `Bearer ${key}` }, fetch: recording }), bodies };
}

const messages = [{ role: 'user', content: 'Why is the sky blue?' }];

describe('Ollama pass-through', () => {
  test('a whole answer reaches the caller byte for byte, and its usage is recorded', async () => {
    const { key, name } = await setup.newKey();
    const { ollama, bodies } = client(key);
    setup.upstream.enqueue({ kind: 'json', body: jsonText });
    const answer = await ollama.chat({ model: 'llama', messages, stream: false });
    assert.match(answer.message.content, /a cute, little pig/);
    assert.equal(await bodies[0], jsonText);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, input: record?.inputTokens, output: record?.outputTokens }, { status: 200, input: 26, output: 83 });
  });

  test('a stream reaches the caller line for line, byte for byte, with its usage and time to first token recorded', async () => {
    const { key, name } = await setup.newKey();
    const { ollama, bodies } = client(key);
    setup.upstream.enqueue(ndjson);
    let text = '';
    for await (const part of await ollama.chat({ model: 'llama', messages, stream: true })) text += part.message.content;
    assert.equal(text, 'The sky is blue.');
    assert.equal(await bodies[0], ndjsonText);
    assert.equal((setup.upstream.requests[0]?.body as { stream?: boolean }).stream, true);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, input: record?.inputTokens, output: record?.outputTokens, error: record?.errorCode }, { status: 200, input: 26, output: 282, error: undefined });
    assert.equal(typeof record?.ttftMs, 'number');
  });

  test('a stream cut before its done line ends with an error line the client raises, and is recorded as interrupted', async () => {
    const { key, name } = await setup.newKey();
    const { ollama, bodies } = client(key);
    setup.upstream.enqueue({ ...ndjson, cutAfterFrames: 2 });
    let text = '';
    await assert.rejects(async () => {
      for await (const part of await ollama.chat({ model: 'llama', messages, stream: true })) text += part.message.content;
    }, /broke off|without its final "done": true line/);
    assert.equal(text, 'The sky is blue.');
    const body = await bodies[0];
    assert.ok(body?.startsWith(ndjsonLines[0]! + ndjsonLines[1]!), 'the lines before the cut arrive as they were');
    assert.match(body?.slice((ndjsonLines[0]! + ndjsonLines[1]!).length) ?? '', /^\{"error":"[^"]+"\}\n$/);
    const [record] = await setup.recordsOf(name);
    assert.equal(record?.errorCode, 'stream_interrupted');
  });

  test('a caller that goes away aborts the upstream stream, and the request is recorded as cancelled', async () => {
    const { key, name } = await setup.newKey();
    const { ollama } = client(key);
    setup.upstream.enqueue({ kind: 'hang', firstFrame: ndjsonLines[0] });
    const stream = await ollama.chat({ model: 'llama', messages, stream: true });
    const first = await stream[Symbol.asyncIterator]().next();
    assert.equal(first.value?.message.content, 'The');
    stream.abort();
    await setup.upstream.hangClosed;
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, error: record?.errorCode }, { status: 499, error: 'cancelled' });
  });

  test('an upstream error before the answer reaches the caller in its dialect', async () => {
    const { key } = await setup.newKey();
    const { ollama } = client(key);
    setup.upstream.enqueue({ kind: 'json', status: 404, body: { error: "model 'llama3.2' not found" } });
    await assert.rejects(ollama.chat({ model: 'llama', messages, stream: true }), (error: Error & { status_code?: number }) => {
      assert.equal(error.status_code, 404);
      assert.match(error.message, /model 'llama3.2' not found/);
      return true;
    });
  });

  test('tool emulation takes the parsing path', async () => {
    const { key } = await setup.newKey();
    const { ollama, bodies } = client(key);
    setup.upstream.enqueue(ndjson);
    const tools = [{ type: 'function', function: { name: 'lookup', description: 'Looks a word up.', parameters: { type: 'object', properties: { word: { type: 'string' } } } } }];
    let text = '';
    for await (const part of await ollama.chat({ model: 'emulated', messages, tools, stream: true })) text += part.message.content;
    assert.equal(text, 'The sky is blue.');
    assert.notEqual(await bodies[0], ndjsonText, 'the lines were written again');
    assert.equal((setup.upstream.requests[0]?.body as { tools?: unknown }).tools, undefined, 'the tools went into the prompt');
  });
});
