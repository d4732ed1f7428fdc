/**
 * A Gemini answer grounded with Google Search reaches OpenAI callers with its sources as
 * `url_citation` annotations, indexed in UTF-16 into the text they read, and is reported to callers
 * whose API has no place for them (Anthropic: its citations carry `encrypted_index` only Anthropic
 * can issue). The upstream's `groundingMetadata` follows a recorded answer (aaronlifton/.config,
 * .config/nvim/lua/util/model/metadata.lua); its segment offsets are bytes ("measured in bytes",
 * https://docs.cloud.google.com/vertex-ai/docs/reference/rest/v1beta1/GroundingMetadata).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { createJsonLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';

const gemini = new TestUpstream();
const logLines: string[] = [];
let gateway: Gateway;
let url: string;
let client: OpenAI;

before(async () => {
  await gemini.start();
  const config = resolveConfig({
    providers: { ge: { dialect: 'gemini', baseUrl: gemini.baseUrl, apiKey: 'gemini-test-key' } },
    models: { searcher: [{ provider: 'ge', model: 'gemini-2.5-flash' }] },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  });
  gateway = createGateway(config, { logger: createJsonLogger((line) => logLines.push(line)) });
  url = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  client = new OpenAI({ apiKey: 'caller-key', baseURL: `${url}/v1`, maxRetries: 0 });
});
after(async () => {
  await gateway.close();
  await gemini.stop();
});
beforeEach(() => {
  gemini.reset();
  logLines.length = 0;
});

const first = 'Laut der Dokumentation (日本語版もあり) gilt: ';
const cited = 'The main page for the Gemini API documentation is https://ai.google.dev/gemini-api';
const answer = `${first}${cited}.`;
const bytes = (value: string): number => Buffer.byteLength(value, 'utf8');
const page = 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/AWQVqAKFwjpJrkkm';
const groundingMetadata = {
  groundingChunks: [{ web: { title: 'google.dev', uri: page } }],
  groundingSupports: [{ groundingChunkIndices: [0], segment: { startIndex: bytes(first), endIndex: bytes(first + cited), text: cited } }],
  searchEntryPoint: { renderedContent: '<div class="container"></div>' },
  webSearchQueries: ['Gemini API documentation'],
};
const usageMetadata = { promptTokenCount: 8, candidatesTokenCount: 30, totalTokenCount: 38 };
const whole = { candidates: [{ content: { role: 'model', parts: [{ text: answer }] }, finishReason: 'STOP', index: 0, groundingMetadata }], usageMetadata, modelVersion: 'gemini-2.5-flash' };
const streamed = [
  { candidates: [{ content: { role: 'model', parts: [{ text: first }] }, index: 0 }], modelVersion: 'gemini-2.5-flash' },
  { candidates: [{ content: { role: 'model', parts: [{ text: `${cited}.` }] }, finishReason: 'STOP', index: 0, groundingMetadata }], usageMetadata, modelVersion: 'gemini-2.5-flash' },
]
  .map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`)
  .join('');

/** Where the cited span is in what the caller reads: UTF-16 indices, as JavaScript strings count. */
const start = first.length;
const end = first.length + cited.length;

function warningFeatures(headers: Headers): string[] {
  return (JSON.parse(headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
}

test('OpenAI Chat, whole: message.annotations holds the url_citation at UTF-16 indices', async () => {
  gemini.enqueue({ kind: 'json', body: whole });
  const { data, response } = await client.chat.completions.create({ model: 'searcher', messages: [{ role: 'user', content: 'Where are the Gemini API docs?' }] }).withResponse();
  const message = data.choices[0]?.message;
  assert.equal(message?.content, answer);
  assert.deepEqual(message?.annotations, [{ type: 'url_citation', url_citation: { start_index: start, end_index: end, title: 'google.dev', url: page } }]);
  assert.equal(message?.content?.slice(start, end), cited);
  const features = warningFeatures(response.headers);
  assert.ok(!features.includes('output.citations'), `no citation loss in ${features.join(', ')}`);
  assert.ok(features.includes('output.searchSuggestions'), `search suggestions reported in ${features.join(', ')}`);
});

test('OpenAI Chat, streamed: a chunk after the text carries delta.annotations', async () => {
  gemini.enqueue({ kind: 'stream', text: streamed });
  const stream = await client.chat.completions.create({ model: 'searcher', messages: [{ role: 'user', content: 'Where are the Gemini API docs?' }], stream: true });
  let content = '';
  const annotations: unknown[] = [];
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta as { content?: string | null; annotations?: unknown[] } | undefined;
    content += delta?.content ?? '';
    annotations.push(...(delta?.annotations ?? []));
  }
  assert.equal(content, answer);
  assert.deepEqual(annotations, [{ type: 'url_citation', url_citation: { start_index: start, end_index: end, title: 'google.dev', url: page } }]);
});

test('OpenAI Responses, whole: output_text.annotations holds the url_citation', async () => {
  gemini.enqueue({ kind: 'json', body: whole });
  const response = await client.responses.create({ model: 'searcher', input: 'Where are the Gemini API docs?', store: false });
  assert.equal(response.output_text, answer);
  const message = response.output.find((item) => item.type === 'message');
  const part = message?.type === 'message' ? message.content[0] : undefined;
  assert.deepEqual(part?.type === 'output_text' ? part.annotations : undefined, [{ type: 'url_citation', start_index: start, end_index: end, title: 'google.dev', url: page }]);
});

test('OpenAI Responses, streamed: response.output_text.annotation.added, and the annotation in the finished part', async () => {
  gemini.enqueue({ kind: 'stream', text: streamed });
  const stream = await client.responses.create({ model: 'searcher', input: 'Where are the Gemini API docs?', store: false, stream: true });
  const added: unknown[] = [];
  let donePart: unknown;
  let completed: OpenAI.Responses.Response | undefined;
  for await (const event of stream) {
    if (event.type === 'response.output_text.annotation.added') added.push({ annotation: event.annotation, annotation_index: event.annotation_index, content_index: event.content_index });
    if (event.type === 'response.content_part.done') donePart = event.part;
    if (event.type === 'response.completed') completed = event.response;
  }
  const annotation = { type: 'url_citation', start_index: start, end_index: end, title: 'google.dev', url: page };
  assert.deepEqual(added, [{ annotation, annotation_index: 0, content_index: 0 }]);
  assert.deepEqual((donePart as { annotations?: unknown }).annotations, [annotation]);
  const message = completed?.output.find((item) => item.type === 'message');
  const part = message?.type === 'message' ? message.content[0] : undefined;
  assert.deepEqual(part?.type === 'output_text' ? part.annotations : undefined, [annotation]);
});

test('Anthropic, whole: the citations are reported as left out', async () => {
  gemini.enqueue({ kind: 'json', body: whole });
  const response = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'searcher', max_tokens: 500, messages: [{ role: 'user', content: 'Where are the Gemini API docs?' }] }),
  });
  assert.equal(response.status, 200);
  const features = warningFeatures(response.headers);
  assert.ok(features.includes('output.citations'), `output.citations in ${features.join(', ')}`);
  const body = (await response.json()) as { content: Array<{ type: string; text?: string; citations?: unknown }> };
  assert.equal(body.content[0]?.text, answer);
  assert.equal(body.content[0]?.citations, undefined, 'no Anthropic citation is invented');
});

test('Anthropic, streamed: the citations are in the log\'s translation warnings', async () => {
  gemini.enqueue({ kind: 'stream', text: streamed });
  const response = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'searcher', max_tokens: 500, stream: true, messages: [{ role: 'user', content: 'Where are the Gemini API docs?' }] }),
  });
  assert.equal(response.status, 200);
  await response.text();
  const logged = logLines
    .map((line) => JSON.parse(line) as { message: string; streamed?: boolean; warnings?: Array<{ feature: string }> })
    .find((line) => line.message === 'translation warnings' && line.streamed === true);
  const features = logged?.warnings?.map((warning) => warning.feature) ?? [];
  assert.ok(features.includes('output.citations'), `output.citations in ${features.join(', ')}`);
});
