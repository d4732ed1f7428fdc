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

test('many sources on one span are each cited once; supports past the bound of looks are counted as not placed', async () => {
  const { placeGrounding, maxGroundingLooks } = await import('../../../src/dialects/gemini/grounding.js');
  const text = 'Rome is the capital of Italy.';
  const chunks = Array.from({ length: 30_000 }, (_, index) => ({ web: { uri: `https://example.com/${index}`, title: `page ${index}` } }));
  const support = { segment: { startIndex: 0, endIndex: 4, text: 'Rome' }, groundingChunkIndices: chunks.map((_, index) => index) };
  // The same support twice: its citations once.
  const placed = placeGrounding({ groundingChunks: chunks, groundingSupports: [support, support] }, [{ text, partIndex: 0 }]);
  assert.equal(placed.citations[0]?.length, 30_000);
  assert.deepEqual(placed.citations[0]?.[29_999], { type: 'url', url: 'https://example.com/29999', title: 'page 29999', startIndex: 0, endIndex: 4 });

  // Texts times supports past the bound: the supports beyond it are not looked for.
  const texts = Array.from({ length: 1_000 }, (_, index) => ({ text: `part ${index}`, partIndex: index }));
  const supports = Array.from({ length: 1_000 }, () => ({ segment: { startIndex: 0, endIndex: 4, text: 'Rome' }, groundingChunkIndices: [0] }));
  const bounded = placeGrounding({ groundingChunks: chunks, groundingSupports: [...supports, { segment: { partIndex: 0, startIndex: 0, endIndex: 4, text: 'part' }, groundingChunkIndices: [1] }] }, texts);
  assert.ok(maxGroundingLooks < 1_000 * 1_000);
  assert.deepEqual(bounded.citations.flat(), [], 'the support after the bound is not placed either');
  assert.match(bounded.unported.map((entry) => entry.message).join(' '), /1001 of Gemini's grounding citations/);
});
