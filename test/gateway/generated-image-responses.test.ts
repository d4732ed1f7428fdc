/**
 * An image a Gemini image model draws (an `inlineData` answer part) reaches a Responses caller
 * through the official SDK as an `image_generation_call` item in the place it came, whole and
 * streamed: the text before it and the text after it are message items of their own.
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
let client: OpenAI;

before(async () => {
  await gemini.start();
  const config = resolveConfig({
    providers: { ge: { dialect: 'gemini', baseUrl: gemini.baseUrl, apiKey: 'gemini-test-key' } },
    models: { painter: [{ provider: 'ge', model: 'gemini-2.5-flash-image' }] },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  });
  gateway = createGateway(config, { logger: createJsonLogger((line) => logLines.push(line)) });
  client = new OpenAI({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  await gateway.close();
  await gemini.stop();
});
beforeEach(() => {
  gemini.reset();
  logLines.length = 0;
});

/** Two 1×1 PNGs. */
const red = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const blue = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
/** An answer as a Gemini image model writes one (https://ai.google.dev/api/caching#Part): text, an image, text, an image. */
const parts = [
  { text: 'A red one:' },
  { inlineData: { mimeType: 'image/png', data: red } },
  { text: 'And a blue one:' },
  { inlineData: { mimeType: 'image/png', data: blue } },
];
const usageMetadata = { promptTokenCount: 5, candidatesTokenCount: 2580, totalTokenCount: 2585 };
const whole = { candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }], usageMetadata, modelVersion: 'gemini-2.5-flash-image' };
/** Each part in a chunk of its own; the last image comes with the finish. */
const streamed = [
  { candidates: [{ content: { role: 'model', parts: [parts[0]] }, index: 0 }] },
  { candidates: [{ content: { role: 'model', parts: [parts[1]] }, index: 0 }] },
  { candidates: [{ content: { role: 'model', parts: [parts[2]] }, index: 0 }] },
  { candidates: [{ content: { role: 'model', parts: [parts[3]] }, finishReason: 'STOP', index: 0 }], usageMetadata },
]
  .map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`)
  .join('');

/** The output as a list of what each item is: the text of a message, or the result of an image. */
function shape(output: readonly OpenAI.Responses.ResponseOutputItem[]): string[] {
  return output.map((item) => {
    if (item.type === 'message') return `message: ${item.content.map((part) => (part.type === 'output_text' ? part.text : part.refusal)).join('')}`;
    if (item.type === 'image_generation_call') return `image ${item.status}: ${item.result === red ? 'red' : item.result === blue ? 'blue' : String(item.result)}`;
    return item.type;
  });
}

const expected = ['message: A red one:', 'image completed: red', 'message: And a blue one:', 'image completed: blue'];

test('whole: each image is an image_generation_call item in the place it came, and not reported as left out', async () => {
  gemini.enqueue({ kind: 'json', body: whole });
  const { data, response } = await client.responses.create({ model: 'painter', input: 'Draw two squares', store: false }).withResponse();
  assert.deepEqual(shape(data.output), expected);
  assert.ok(data.output.every((item) => item.type !== 'image_generation_call' || item.id.startsWith('ig_')));
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  assert.ok(!warnings.some((warning) => warning.feature === 'output.image'), JSON.stringify(warnings));
});

test('streamed: the SDK reads each image item in its place, its events in order, and the final response matches', async () => {
  gemini.enqueue({ kind: 'stream', text: streamed });
  const stream = client.responses.stream({ model: 'painter', input: 'Draw two squares', store: false });
  const imageEvents: string[] = [];
  for await (const event of stream) {
    if (event.type.startsWith('response.image_generation_call.')) imageEvents.push(`${event.type}@${(event as { output_index: number }).output_index}`);
    if (event.type === 'response.output_item.added' && event.item.type === 'image_generation_call') imageEvents.push(`added ${event.item.status}@${event.output_index}`);
    if (event.type === 'response.output_item.done' && event.item.type === 'image_generation_call') imageEvents.push(`done ${event.item.status}@${event.output_index}`);
  }
  const final = await stream.finalResponse();
  assert.deepEqual(shape(final.output), expected);
  const lifecycle = (index: number) => [
    `added in_progress@${index}`,
    `response.image_generation_call.in_progress@${index}`,
    `response.image_generation_call.generating@${index}`,
    `response.image_generation_call.completed@${index}`,
    `done completed@${index}`,
  ];
  assert.deepEqual(imageEvents, [...lifecycle(1), ...lifecycle(3)]);
  const logged = logLines
    .map((line) => JSON.parse(line) as { message: string; streamed?: boolean; warnings?: Array<{ feature: string }> })
    .filter((line) => line.message === 'translation warnings' && line.streamed === true);
  assert.ok(!logged.some((line) => line.warnings?.some((warning) => warning.feature === 'output.image')), JSON.stringify(logged));
});

test('streamed with stream: true: the raw events parse, and the image item is complete in response.completed', async () => {
  gemini.enqueue({ kind: 'stream', text: streamed });
  const stream = await client.responses.create({ model: 'painter', input: 'Draw two squares', store: false, stream: true });
  let completed: OpenAI.Responses.Response | undefined;
  let sequence = -1;
  for await (const event of stream) {
    assert.equal(event.sequence_number, sequence + 1);
    sequence = event.sequence_number;
    if (event.type === 'response.completed') completed = event.response;
  }
  assert.deepEqual(shape(completed?.output ?? []), expected);
});
