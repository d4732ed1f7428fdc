/**
 * Parts of a Gemini answer the interlingua has no type for reach a Gemini caller in their place
 * whenever the gateway parses the answer and writes it again (a cached answer replayed, a stream the
 * response cache parses to store it, a plugin model), whole and streamed, and a caller of another
 * dialect is told each was left out:
 * - the code-execution tool's `executableCode` and `codeExecutionResult` parts
 *   (test/fixtures/recorded/gemini/dd-generatecontent-2.5-flash.response.json, a recorded answer;
 *   https://ai.google.dev/gemini-api/docs/code-execution);
 * - the draft images a Gemini 3 image model draws while thinking: "The model generates up to two
 *   interim images to test composition and logic", thought parts holding `inlineData`, with no
 *   signature (https://ai.google.dev/gemini-api/docs/image-generation#thinking-process). A draft is
 *   reasoning: another caller gets the reasoning text and a warning, never the draft as its image.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { createJsonLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { readGeminiStream, readGeminiWhole } from './genai-answer-reader.js';

const gemini = new TestUpstream();
const logLines: string[] = [];
let gateway: Gateway;
let baseUrl: string;
let openai: OpenAI;

before(async () => {
  await gemini.start();
  const config = resolveConfig({
    providers: { ge: { dialect: 'gemini', baseUrl: gemini.baseUrl, apiKey: 'gemini-test-key' } },
    plugins: { calculator: { type: 'builtin', builtin: 'calculator' } },
    models: {
      coder: [{ provider: 'ge', model: 'gemini-2.5-flash' }],
      // A plugin model: its answer is parsed and written again.
      'coder-calculating': { deployments: [{ provider: 'ge', model: 'gemini-2.5-flash' }], plugins: ['calculator'] },
    },
    cache: { ttlSeconds: 60 },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  });
  gateway = createGateway(config, { logger: createJsonLogger((line) => logLines.push(line)) });
  baseUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  openai = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  await gateway.close();
  await gemini.stop();
});
beforeEach(() => {
  gemini.reset();
  logLines.length = 0;
});

interface Answer {
  candidates: Array<{ content: { role: string; parts: Array<Record<string, unknown>> }; finishReason: string; index: number }>;
  usageMetadata: Record<string, unknown>;
}

const recorded = readFixtureJson('gemini/dd-generatecontent-2.5-flash.response.json') as Answer;

/** A 1×1 PNG, and another. */
const draft = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const final = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
/** A thought, a draft image in the thinking, the answer's text and its image. */
const drafted: Answer = {
  candidates: [
    {
      content: {
        role: 'model',
        parts: [
          { text: 'Sketching the layout first.', thought: true },
          { inlineData: { mimeType: 'image/png', data: draft }, thought: true },
          { text: 'Here is the red square:' },
          { inlineData: { mimeType: 'image/png', data: final } },
        ],
      },
      finishReason: 'STOP',
      index: 0,
    },
  ],
  usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2600, totalTokenCount: 2605 },
};

const answers = [
  { name: 'code execution', whole: recorded, left: ['output.executableCode', 'output.codeExecutionResult'], said: /5117/ },
  { name: 'a draft image of the thinking', whole: drafted, left: ['output.thoughtImage', 'output.image'], said: /red square/ },
] as const;

/** The whole answer streamed as Gemini streams it: each part in a chunk of its own, the last with the finish. */
function streamed(answer: Answer): string {
  const [candidate] = answer.candidates;
  assert.ok(candidate !== undefined);
  const parts = candidate.content.parts;
  return parts
    .map((part, index) => {
      const last = index === parts.length - 1;
      const chunk = { candidates: [{ content: { role: 'model', parts: [part] }, ...(last ? { finishReason: candidate.finishReason } : {}), index: 0 }], ...(last ? { usageMetadata: answer.usageMetadata } : {}) };
      return `data: ${JSON.stringify(chunk)}\r\n\r\n`;
    })
    .join('');
}

const partsOf = (answer: Answer) => answer.candidates[0]?.content.parts;

function streamedWarningFeatures(): string[] {
  return logLines
    .map((line) => JSON.parse(line) as { message: string; streamed?: boolean; warnings?: Array<{ feature: string }> })
    .filter((line) => line.message === 'translation warnings' && line.streamed === true)
    .flatMap((line) => line.warnings?.map((warning) => warning.feature) ?? []);
}

for (const { name, whole, left, said } of answers) {
  test(`${name}: a cached whole answer replayed as a stream holds the parts in their place, as the whole answer does`, async () => {
    gemini.enqueue({ kind: 'json', body: whole });
    const prompt = `whole, then replayed: ${name}`;
    const first = await readGeminiWhole(baseUrl, 'coder', prompt);
    assert.equal(first.cache, 'miss');
    assert.deepEqual(first.parts, partsOf(whole));
    const replayed = await readGeminiStream(baseUrl, 'coder', prompt);
    assert.equal(replayed.cache, 'hit');
    assert.deepEqual(replayed.parts, partsOf(whole));
    assert.equal(gemini.requests.length, 1);
  });

  test(`${name}: a stream parsed on its way (to be cached) holds the parts in their place, and so do its replays`, async () => {
    gemini.enqueue({ kind: 'stream', text: streamed(whole) });
    const prompt = `streamed, then replayed: ${name}`;
    const live = await readGeminiStream(baseUrl, 'coder', prompt);
    assert.equal(live.cache, 'miss');
    assert.deepEqual(live.parts, partsOf(whole));
    const replayed = await readGeminiStream(baseUrl, 'coder', prompt);
    assert.equal(replayed.cache, 'hit');
    assert.deepEqual(replayed.parts, partsOf(whole));
    const wholeHit = await readGeminiWhole(baseUrl, 'coder', prompt);
    assert.equal(wholeHit.cache, 'hit');
    assert.deepEqual(wholeHit.parts, partsOf(whole));
    assert.equal(gemini.requests.length, 1);
  });

  test(`${name}: a plugin model's answer, parsed and written again, holds the parts in their place, whole and streamed`, async () => {
    gemini.enqueue({ kind: 'json', body: whole }, { kind: 'stream', text: streamed(whole) });
    assert.deepEqual((await readGeminiWhole(baseUrl, 'coder-calculating', `plugin, whole: ${name}`)).parts, partsOf(whole));
    assert.deepEqual((await readGeminiStream(baseUrl, 'coder-calculating', `plugin, streamed: ${name}`)).parts, partsOf(whole));
  });

  test(`${name}: a Chat Completions caller is told what was left out, whole and in a cached answer replayed as a stream`, async () => {
    gemini.enqueue({ kind: 'json', body: whole });
    const prompt = `chat completions: ${name}`;
    const { data, response } = await openai.chat.completions.create({ model: 'coder', messages: [{ role: 'user', content: prompt }] }).withResponse();
    const features = (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
    for (const feature of left) assert.ok(features.includes(feature), `${feature} in ${features.join(', ')}`);
    assert.match(data.choices[0]?.message.content ?? '', said);

    let text = '';
    for await (const chunk of await openai.chat.completions.create({ model: 'coder', messages: [{ role: 'user', content: prompt }], stream: true })) text += chunk.choices[0]?.delta.content ?? '';
    assert.match(text, said);
    const streamedFeatures = streamedWarningFeatures();
    for (const feature of left) assert.ok(streamedFeatures.includes(feature), `${feature} in ${streamedFeatures.join(', ')}`);
    assert.equal(gemini.requests.length, 1);
  });
}

test('a Chat Completions caller of a plugin model is told what was left out, whole and streamed', async () => {
  gemini.enqueue({ kind: 'json', body: recorded }, { kind: 'stream', text: streamed(drafted) });
  const { response } = await openai.chat.completions.create({ model: 'coder-calculating', messages: [{ role: 'user', content: 'plugin, chat completions, whole' }] }).withResponse();
  const features = (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
  assert.ok(features.includes('output.executableCode') && features.includes('output.codeExecutionResult'), features.join(', '));

  for await (const chunk of await openai.chat.completions.create({ model: 'coder-calculating', messages: [{ role: 'user', content: 'plugin, chat completions, streamed' }], stream: true })) void chunk;
  const streamedFeatures = streamedWarningFeatures();
  assert.ok(streamedFeatures.includes('output.thoughtImage') && streamedFeatures.includes('output.image'), streamedFeatures.join(', '));
});
