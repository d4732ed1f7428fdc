/**
 * A whole Gemini answer that holds a generated image (an `inlineData` part), sent to a Responses
 * caller as a stream (a response-cache hit replays the whole answer as the stream that would
 * have produced it, core/response-to-events.ts): the official SDK reads the same items, in the
 * same order, as `responses.create` gives without `stream`; each image is an
 * `image_generation_call` in its place among the reasoning and message items, not after them.
 *
 * The order rule checked: every item opens with `response.output_item.added` and closes with
 * `response.output_item.done` before the next opens, `output_index` counting up from 0 (OpenAI's
 * recorded stream fixtures/openai-responses/fantasy-gpt5-multi_tool_streaming.i0.response.sse:
 * added@0, done@0, added@1, done@1, …; "Emitted each time a new entry is appended to the
 * Response.output array", https://pub.dev/documentation/openai_core/latest/responses/ResponseOutputItemAdded-class.html;
 * the SDK appends each added item to its snapshot, node_modules/openai/lib/responses/ResponseAccumulator.js).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { unportedOutputKey } from '../../../src/core/unported-output.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import { contextFor } from './helpers.js';

const gemini = new TestUpstream();
let gateway: Gateway;
let client: OpenAI;

before(async () => {
  await gemini.start();
  const config = resolveConfig({
    providers: { ge: { dialect: 'gemini', baseUrl: gemini.baseUrl, apiKey: 'gemini-test-key' } },
    models: { painter: [{ provider: 'ge', model: 'gemini-2.5-flash-image' }] },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
    cache: { ttlSeconds: 60 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  client = new OpenAI({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  await gateway.close();
  await gemini.stop();
});
beforeEach(() => gemini.reset());

/** Two 1×1 PNGs. */
const red = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const blue = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A whole generateContent answer (https://ai.google.dev/api/caching#Part): a thought, text, an image, text, an image. */
function wholeAnswer() {
  const parts = [
    { text: 'Two squares, red then blue.', thought: true },
    { text: 'A red one:' },
    { inlineData: { mimeType: 'image/png', data: red } },
    { text: 'And a blue one:' },
    { inlineData: { mimeType: 'image/png', data: blue } },
  ];
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2580, totalTokenCount: 2585 },
    modelVersion: 'gemini-2.5-flash-image',
  };
}

/** Each item as what it is: a reasoning summary, a message's text, or an image's result. */
function shape(output: readonly OpenAI.Responses.ResponseOutputItem[]): string[] {
  return output.map((item) => {
    if (item.type === 'message') return `message: ${item.content.map((part) => (part.type === 'output_text' ? part.text : part.refusal)).join('')}`;
    if (item.type === 'image_generation_call') return `image: ${item.result === red ? 'red' : item.result === blue ? 'blue' : String(item.result)}`;
    if (item.type === 'reasoning') return `reasoning: ${item.summary.map((part) => part.text).join('')}`;
    return item.type;
  });
}

const expected = ['reasoning: Two squares, red then blue.', 'message: A red one:', 'image: red', 'message: And a blue one:', 'image: blue'];

test('a whole answer replayed as a stream has its images in the same places as the whole answer', async () => {
  const input = 'Draw two squares';
  gemini.enqueue({ kind: 'json', body: wholeAnswer() });
  const { data: whole, response: first } = await client.responses.create({ model: 'painter', input, store: false }).withResponse();
  assert.equal(first.headers.get('x-interlingua-cache'), 'miss');
  assert.deepEqual(shape(whole.output), expected);

  // The same request streamed: the cached whole answer, replayed.
  const stream = client.responses.stream({ model: 'painter', input, store: false });
  const lifecycle: string[] = [];
  const added: string[] = [];
  for await (const event of stream) {
    if (event.type === 'response.output_item.added') {
      lifecycle.push(`added@${event.output_index}`);
      added.push(event.item.type);
    }
    if (event.type === 'response.output_item.done') lifecycle.push(`done@${event.output_index}`);
  }
  const streamed = await stream.finalResponse();
  assert.equal(gemini.requests.length, 1, 'the streamed answer came from the cache');
  assert.deepEqual(shape(streamed.output), shape(whole.output));
  assert.deepEqual(
    added,
    whole.output.map((item) => item.type),
  );
  assert.deepEqual(
    lifecycle,
    whole.output.flatMap((_item, index) => [`added@${index}`, `done@${index}`]),
  );
});

test('with stream: true the raw events number in sequence and response.completed holds the whole answer\'s order', async () => {
  const input = 'Draw two squares, raw';
  gemini.enqueue({ kind: 'json', body: wholeAnswer() });
  const whole = await client.responses.create({ model: 'painter', input, store: false });
  const stream = await client.responses.create({ model: 'painter', input, store: false, stream: true });
  let completed: OpenAI.Responses.Response | undefined;
  let sequence = -1;
  for await (const event of stream) {
    assert.equal(event.sequence_number, sequence + 1);
    sequence = event.sequence_number;
    if (event.type === 'response.completed') completed = event.response;
  }
  assert.equal(gemini.requests.length, 1, 'the streamed answer came from the cache');
  assert.deepEqual(shape(completed?.output ?? []), shape(whole.output));
});

test('an image told at the end and one whose place is unknown follow the parts once each, as in the whole answer', () => {
  const image = (data: string, at?: number) => ({ feature: 'output.image', message: 'An image was generated.', image: { mediaType: 'image/png', data }, ...(at === undefined ? {} : { at }) });
  const response: ChatResponse = {
    id: 'r1',
    model: 'gemini-2.5-flash-image',
    content: [
      { type: 'text', text: 'A red one:' },
      { type: 'text', text: 'And a blue one:' },
    ],
    finishReason: { unified: 'stop', raw: 'STOP' },
    usage: {},
    // Listed out of place order: the one with no place first, then the end, then the middle.
    vendor: { gemini: { [unportedOutputKey]: [image('unplaced'), image(blue, 2), image(red, 1)] } },
  };
  const context = contextFor();
  const whole = openaiResponsesDialect.emitResponse(response, context) as OpenAI.Responses.Response;
  const encoder = openaiResponsesDialect.createStreamEncoder(context);
  for (const event of responseToEvents(response)) encoder.encode(event);
  const streamed = encoder.finalResponse?.() as OpenAI.Responses.Response | undefined;
  assert.deepEqual(shape(whole.output), ['message: A red one:', 'image: red', 'message: And a blue one:', 'image: blue', 'image: unplaced']);
  assert.deepEqual(shape(streamed?.output ?? []), shape(whole.output));
});
