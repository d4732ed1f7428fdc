/**
 * The Gemini codecs give an image a model drew (an `inlineData` answer part,
 * https://ai.google.dev/api/caching#Part) back in its place when they write an answer they parsed:
 * the stream encoder from the `vendor-output` event that tells where it came (or, for one only
 * `finish` lists, before the last chunk), the response emitter from a stream's folded answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { unportedOutputKey, type UnportedOutput } from '../../../src/core/unported-output.js';
import { SseParser } from '../../../src/wire/sse-parser.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { decodeAll } from './helpers.js';

const request: ChatRequest = { model: 'gemini-2.5-flash-image', system: [], messages: [], sampling: {}, stream: true };
const context = { requestedModel: 'gemini-2.5-flash-image', request };

/** A 1×1 PNG. */
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const image = { inlineData: { mimeType: 'image/png', data: png } };
const parts = [{ text: 'A red square:' }, image, { text: 'Done.' }];
const whole = { candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 1300, totalTokenCount: 1305 } };

function encodeAll(events: readonly StreamEvent[]): Array<Record<string, unknown>> {
  const encoder = geminiDialect.createStreamEncoder(context);
  const text = events.map((event) => encoder.encode(event)).join('');
  const parser = new SseParser();
  const chunks = [...parser.push(text), ...parser.end()].map((frame) => JSON.parse(frame.data) as { candidates: Array<{ content: { parts: Array<Record<string, unknown>> } }> });
  return chunks.flatMap((chunk) => chunk.candidates[0]?.content.parts ?? []).filter((part) => part['text'] !== '');
}

function streamOf(...chunks: object[]) {
  return chunks.map((chunk) => ({ data: JSON.stringify(chunk) }));
}

test('an image a decoded Gemini stream tells is written once, in its place', () => {
  const frames = streamOf(
    { candidates: [{ content: { role: 'model', parts: [parts[0]] }, index: 0 }] },
    { candidates: [{ content: { role: 'model', parts: [image] }, index: 0 }] },
    { candidates: [{ content: { role: 'model', parts: [parts[2]] }, finishReason: 'STOP', index: 0 }] },
  );
  assert.deepEqual(encodeAll(decodeAll(frames)), parts);
});

test('a whole answer replayed as a stream has its image in its place', () => {
  const response = geminiDialect.parseResponse(whole);
  assert.deepEqual(encodeAll(responseToEvents(response)), parts);
});

test('an image only `finish` lists comes before the last chunk', () => {
  const listed: UnportedOutput = { feature: 'output.image', message: 'An image.', image: { mediaType: 'image/png', data: png } };
  const events: StreamEvent[] = [
    { type: 'response-start', id: 'r', model: 'm' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'A red square:' },
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop' }, usage: {}, vendor: { gemini: { [unportedOutputKey]: [listed] } } },
  ];
  assert.deepEqual(encodeAll(events), [parts[0], image]);
});

test("a Gemini stream's folded answer, emitted whole, has its image in its place", () => {
  const frames = streamOf(
    { candidates: [{ content: { role: 'model', parts: [parts[0]] }, index: 0 }] },
    { candidates: [{ content: { role: 'model', parts: [image, parts[2]] }, finishReason: 'STOP', index: 0 }] },
  );
  const body = geminiDialect.emitResponse(foldStream(decodeAll(frames)), { ...context, request: { ...request, stream: false } }) as typeof whole;
  assert.deepEqual(body.candidates[0]?.content.parts, parts);
});
