/**
 * A Gemini caller of a Gemini image model gets the image the model drew (an `inlineData` answer
 * part, https://ai.google.dev/api/caching#Part) in its place whenever the gateway parses the
 * answer and writes it again rather than passing its bytes through: a cached answer replayed as a
 * stream, a stream the response cache parses to store it, and a plugin model's stream. Read by
 * @google/genai's `generateContentStream`, the streamed answer holds the same parts as the whole
 * one, each image in a chunk of its own (`parts[0].inlineData` with `mimeType` and base64 `data`:
 * https://docs.anyfast.ai/guides/model-api/google/gemini-3-pro-image-stream.md).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleGenAI, type Part } from '@google/genai';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { recordingFetch } from '../../gateway/support/pass-through-setup.js';
import { geminiAnswerProblems } from '../../support/answer-rules/gemini.js';
import { sseEvents } from '../../support/answer-rules/answer.js';

const gemini = new TestUpstream();
let gateway: Gateway;
let baseUrl: string;

before(async () => {
  await gemini.start();
  const config = resolveConfig({
    providers: { ge: { dialect: 'gemini', baseUrl: gemini.baseUrl, apiKey: 'gemini-test-key' } },
    plugins: { calculator: { type: 'builtin', builtin: 'calculator' } },
    models: {
      painter: [{ provider: 'ge', model: 'gemini-2.5-flash-image' }],
      // A plugin model: its answer is parsed and written again.
      'painter-calculating': { deployments: [{ provider: 'ge', model: 'gemini-2.5-flash-image' }], plugins: ['calculator'] },
    },
    cache: { ttlSeconds: 60 },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  baseUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close();
  await gemini.stop();
});
beforeEach(() => gemini.reset());

/** A 1×1 PNG. */
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
/** Text, an image, text: as a Gemini image model answers (https://ai.google.dev/gemini-api/docs/image-generation). */
const parts = [{ text: 'Here is a red square:' }, { inlineData: { mimeType: 'image/png', data: png } }, { text: 'Anything else?' }];
const usageMetadata = { promptTokenCount: 5, candidatesTokenCount: 1300, totalTokenCount: 1305 };
const whole = { candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }], usageMetadata, modelVersion: 'gemini-2.5-flash-image' };
/** Each part in a chunk of its own, as Gemini streams them; the last text comes with the finish. */
const streamed = [
  { candidates: [{ content: { role: 'model', parts: [parts[0]] }, index: 0 }] },
  { candidates: [{ content: { role: 'model', parts: [parts[1]] }, index: 0 }] },
  { candidates: [{ content: { role: 'model', parts: [parts[2]] }, finishReason: 'STOP', index: 0 }], usageMetadata },
]
  .map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`)
  .join('');

function client(): { genai: GoogleGenAI; bodies: Array<Promise<string>> } {
  const { fetch: recording, bodies } = recordingFetch();
  return { genai: new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl, fetch: recording } }), bodies };
}

const ask = (prompt: string) => [{ role: 'user', parts: [{ text: prompt }] }];

/** The parts a caller keeps of an answer: adjacent texts joined, empty texts dropped, nothing else changed. */
function answerParts(all: readonly Part[]): unknown[] {
  const joined: Array<Record<string, unknown>> = [];
  for (const part of all) {
    const last = joined.at(-1);
    if (part.text === '') continue;
    if (typeof part.text === 'string' && last !== undefined && typeof last['text'] === 'string') last['text'] += part.text;
    else joined.push({ ...part });
  }
  return joined;
}

/** Reads a stream with the SDK; every chunk's parts in order, and the raw body, which must be a valid Gemini stream. */
async function readStream(model: string, prompt: string): Promise<{ parts: unknown[]; imageChunks: unknown[]; cache: string | null | undefined }> {
  const { genai, bodies } = client();
  const all: Part[] = [];
  let cache: string | null | undefined;
  for await (const chunk of await genai.models.generateContentStream({ model, contents: ask(prompt) })) {
    cache ??= chunk.sdkHttpResponse?.headers?.['x-interlingua-cache'];
    all.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
  }
  const body = await bodies[0];
  assert.ok(body !== undefined);
  assert.deepEqual(geminiAnswerProblems({ stream: true, status: 200, contentType: 'text/event-stream', text: body }), []);
  const imageChunks = sseEvents(body)
    .filter(({ data }) => data.includes('inlineData'))
    .map(({ data }) => (JSON.parse(data) as { candidates: Array<{ content: unknown }> }).candidates[0]?.content);
  return { parts: answerParts(all), imageChunks, cache };
}

async function readWhole(model: string, prompt: string): Promise<{ parts: unknown[]; cache: string | undefined }> {
  const { genai } = client();
  const answer = await genai.models.generateContent({ model, contents: ask(prompt) });
  return { parts: answerParts(answer.candidates?.[0]?.content?.parts ?? []), cache: answer.sdkHttpResponse?.headers?.['x-interlingua-cache'] };
}

const imageChunk = { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: png } }] };

test('a cached whole answer replayed as a stream holds the image in its place, as the whole answer does', async () => {
  gemini.enqueue({ kind: 'json', body: whole });
  const first = await readWhole('painter', 'Draw a red square');
  assert.equal(first.cache, 'miss');
  assert.deepEqual(first.parts, parts);
  const replayed = await readStream('painter', 'Draw a red square');
  assert.equal(replayed.cache, 'hit');
  assert.equal(gemini.requests.length, 1);
  assert.deepEqual(replayed.parts, first.parts);
  assert.deepEqual(replayed.imageChunks, [imageChunk]);
});

test('a stream parsed on its way (to be cached) holds the image in its place, and so does its replay', async () => {
  gemini.enqueue({ kind: 'stream', text: streamed });
  const live = await readStream('painter', 'Draw a red square, streamed');
  assert.equal(live.cache, 'miss');
  assert.deepEqual(live.parts, parts);
  assert.deepEqual(live.imageChunks, [imageChunk]);
  const replayed = await readStream('painter', 'Draw a red square, streamed');
  assert.equal(replayed.cache, 'hit');
  assert.deepEqual(replayed.parts, parts);
  const wholeHit = await readWhole('painter', 'Draw a red square, streamed');
  assert.equal(wholeHit.cache, 'hit');
  assert.deepEqual(wholeHit.parts, parts);
  assert.equal(gemini.requests.length, 1);
});

test("a plugin model's stream, parsed and written again, holds the image in its place", async () => {
  gemini.enqueue({ kind: 'stream', text: streamed });
  const { parts: got, imageChunks } = await readStream('painter-calculating', 'Draw a red square, with a calculator at hand');
  assert.deepEqual(got, parts);
  assert.deepEqual(imageChunks, [imageChunk]);
});
