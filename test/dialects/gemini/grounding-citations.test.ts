/**
 * Gemini's grounding with Google Search as URL citations on the answer's text: segment offsets are
 * UTF-8 bytes of the part ("measured in bytes", `Segment` in
 * https://docs.cloud.google.com/vertex-ai/docs/reference/rest/v1beta1/GroundingMetadata) and become
 * UTF-16 indices; the shape follows a recorded answer (aaronlifton/.config,
 * .config/nvim/lua/util/model/metadata.lua): `startIndex` and `partIndex` left out when zero.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGeminiResponse } from '../../../src/dialects/gemini/response-parse.js';
import { GeminiStreamDecoder } from '../../../src/dialects/gemini/stream-decode.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import { foreignUnportedOutput } from '../../../src/core/unported-output.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import type { TextPart } from '../../../src/interlingua/content.js';

const first = 'Die Müller–Straße ist 日本語 geschrieben. ';
const cited = 'The main page for the Gemini API documentation is ai.google.dev.';
const text = `${first}${cited} Ende.`;
const bytes = (value: string): number => Buffer.byteLength(value, 'utf8');
const groundingMetadata = {
  webSearchQueries: ['Gemini API documentation'],
  searchEntryPoint: { renderedContent: '<div class="container">…</div>' },
  groundingChunks: [{ web: { uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/AAA', title: 'google.dev' } }, { web: { uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/BBB', title: 'github.com' } }],
  groundingSupports: [
    { segment: { endIndex: bytes(first), text: first }, groundingChunkIndices: [1] },
    { segment: { startIndex: bytes(first), endIndex: bytes(first + cited), text: cited }, groundingChunkIndices: [0, 1] },
  ],
};
const expected = [
  { type: 'url', url: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/BBB', title: 'github.com', startIndex: 0, endIndex: first.length },
  { type: 'url', url: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/AAA', title: 'google.dev', startIndex: first.length, endIndex: first.length + cited.length },
  { type: 'url', url: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/BBB', title: 'github.com', startIndex: first.length, endIndex: first.length + cited.length },
];

test('a whole answer: byte offsets become UTF-16 indices on the text part', () => {
  assert.notEqual(bytes(first), first.length, 'the text before the citation is not ASCII');
  const response = parseGeminiResponse({ candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', groundingMetadata }], modelVersion: 'gemini-2.5-flash' });
  const part = response.content[0] as TextPart;
  assert.deepEqual(part.citations, expected);
  assert.equal(text.slice(expected[1]!.startIndex, expected[1]!.endIndex), cited);
  const features = foreignUnportedOutput(response.vendor, 'anthropic');
  assert.deepEqual(features.map((entry) => [entry.feature, entry.urlCitations === true]), [['output.citations', true], ['output.searchSuggestions', false]]);
});

test('a segment in the text part after a thought part is found by its part index', () => {
  const response = parseGeminiResponse({
    candidates: [{ content: { role: 'model', parts: [{ text: 'Thinking…', thought: true }, { text }] }, finishReason: 'STOP', groundingMetadata: { ...groundingMetadata, groundingSupports: [{ segment: { partIndex: 1, startIndex: bytes(first), endIndex: bytes(first + cited), text: cited }, groundingChunkIndices: [0] }] } }],
  });
  const part = response.content.find((entry) => entry.type === 'text') as TextPart;
  assert.deepEqual(part.citations, [expected[1]]);
});

test('a segment that names no web source or is not in the text is reported, not placed', () => {
  const response = parseGeminiResponse({
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', groundingMetadata: { groundingChunks: [{ retrievedContext: { uri: 'gs://bucket/doc' } }], groundingSupports: [{ segment: { endIndex: 3, text: 'Die' }, groundingChunkIndices: [0] }, { segment: { startIndex: 4000, endIndex: 4010, text: 'not there' }, groundingChunkIndices: [0] }] } }],
  });
  assert.equal((response.content[0] as TextPart).citations, undefined);
  const entries = foreignUnportedOutput(response.vendor, 'openai-chat');
  assert.deepEqual(entries.map((entry) => [entry.feature, entry.urlCitations === true]), [['output.citations', false]]);
});

test('a stream: the grounding on the last chunk becomes the text block\'s text-end citations', () => {
  const decoder = new GeminiStreamDecoder();
  const chunks = [
    { candidates: [{ content: { role: 'model', parts: [{ text: first }] }, index: 0 }] },
    { candidates: [{ content: { role: 'model', parts: [{ text: `${cited} Ende.` }] }, finishReason: 'STOP', index: 0, groundingMetadata }], usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 20, totalTokenCount: 25 } },
  ];
  const events: StreamEvent[] = chunks.flatMap((chunk) => decoder.push({ data: JSON.stringify(chunk) }));
  const end = events.find((event) => event.type === 'text-end');
  assert.deepEqual(end?.type === 'text-end' ? end.citations : undefined, expected);
  const folded = foldStream(events);
  assert.deepEqual((folded.content[0] as TextPart).citations, expected);
  assert.deepEqual(foreignUnportedOutput(folded.vendor, 'anthropic').map((entry) => entry.feature), ['output.citations', 'output.searchSuggestions']);
});
