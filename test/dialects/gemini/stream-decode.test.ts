import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamFrame } from '../../../src/interlingua/dialect.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { readFixtureDataLines, readFixtureJson, readFixtureSseFrames } from '../../support/fixtures.js';
import { collectSignatures, decodeAll, isObject, responseFixtures, streamFixtures } from './helpers.js';

function framesOf(name: string): StreamFrame[] {
  return name.endsWith('.sse') ? readFixtureSseFrames(`gemini/${name}`) : readFixtureDataLines(`gemini/${name}`);
}

interface Expected {
  text: string;
  reasoning: string;
  calls: Array<{ name: string; args: unknown }>;
  finishReason: string | undefined;
  usage: unknown;
}

/** What the recording says, read straight from the chunks; Vertex streamed-argument calls are written out by hand. */
function expectedFrom(frames: readonly StreamFrame[]): Expected {
  const expected: Expected = { text: '', reasoning: '', calls: [], finishReason: undefined, usage: undefined };
  for (const frame of frames) {
    const chunk: unknown = JSON.parse(frame.data);
    if (!isObject(chunk)) continue;
    const candidate = Array.isArray(chunk['candidates']) ? chunk['candidates'][0] : undefined;
    const content = isObject(candidate) ? candidate['content'] : undefined;
    const parts = isObject(content) && Array.isArray(content['parts']) ? content['parts'] : [];
    for (const part of parts) {
      if (!isObject(part)) continue;
      if (typeof part['text'] === 'string') {
        if (part['thought'] === true) expected.reasoning += part['text'];
        else expected.text += part['text'];
      }
      const call = part['functionCall'];
      if (isObject(call) && typeof call['name'] === 'string' && call['willContinue'] !== true) expected.calls.push({ name: call['name'], args: call['args'] ?? {} });
    }
    if (isObject(candidate) && typeof candidate['finishReason'] === 'string') expected.finishReason = candidate['finishReason'];
    if (chunk['usageMetadata'] !== undefined) expected.usage = chunk['usageMetadata'];
  }
  return expected;
}

const streamedArguments: Record<string, Expected['calls']> = {
  'stream-vertex-partialargs.data.ndjson': [
    { name: 'getWeather', args: { location: 'Boston' } },
    { name: 'getWeather', args: { location: 'San Francisco' } },
  ],
  'stream-vertex-thought-part-and-partialargs-parallel-calls.data.ndjson': [
    { name: 'read_theme', args: {} },
    { name: 'read_screen', args: { id: 'A' } },
    { name: 'read_screen', args: { id: 'B' } },
    { name: 'read_screen', args: { id: 'C' } },
  ],
};

test('there are recorded streams to replay', () => {
  assert.ok(streamFixtures.length >= 20, `only ${streamFixtures.length} stream fixtures found`);
});

for (const name of streamFixtures) {
  test(`replays fixtures/gemini/${name}`, () => {
    const frames = framesOf(name);
    const expected = expectedFrom(frames);
    const folded = foldStream(decodeAll(frames));
    const text = folded.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    const reasoning = folded.content.map((part) => (part.type === 'reasoning' ? part.text : '')).join('');
    const calls = folded.content.flatMap((part) => (part.type === 'tool-call' ? [{ name: part.name, args: JSON.parse(part.arguments) as unknown }] : []));
    assert.equal(text, expected.text);
    assert.equal(reasoning, expected.reasoning);
    assert.deepEqual(calls, streamedArguments[name] ?? expected.calls);
    assert.equal(folded.finishReason.raw, expected.finishReason);
    assert.equal(folded.finishReason.unified, calls.length > 0 ? 'tool-calls' : 'stop');
    assert.deepEqual(folded.usage.raw, { dialect: 'gemini', value: expected.usage });
    assert.deepEqual(collectSignatures(folded).sort(), frames.flatMap((frame) => collectSignatures(JSON.parse(frame.data))).sort());
  });
}

test('a signature on an empty text part after the text is kept (fixtures/gemini/stream-text-thoughtsignature-empty-text.data.ndjson)', () => {
  const folded = foldStream(decodeAll(framesOf('stream-text-thoughtsignature-empty-text.data.ndjson')));
  assert.equal(folded.content.length, 2);
  assert.equal(folded.content[0]?.type, 'text');
  const marker = folded.content[1];
  assert.equal(marker?.type, 'reasoning');
  assert.equal(marker?.type === 'reasoning' && marker.text, '');
  assert.equal(marker?.type === 'reasoning' && marker.signatureOrigin, 'gemini');
  assert.match(marker?.type === 'reasoning' ? (marker.signature ?? '') : '', /^EqsFCqgF/);
  assert.equal(folded.usage.outputTokens, 23 + 185);
  assert.equal(folded.id, 'bH6LaZW8Fp_3nsEPqtaSwQ4');
  assert.equal(folded.model, 'gemini-3-pro-preview');
});

test('a function call keeps its signature and Gemini 3 id (fixtures/gemini/fantasy-gemini3pro-tool_streaming.i0.response.sse)', () => {
  const folded = foldStream(decodeAll(framesOf('fantasy-gemini3pro-tool_streaming.i0.response.sse')));
  // The signature comes first, as a signed reasoning block with no text (call-signature.ts).
  const [signature, call] = folded.content;
  assert.equal(signature?.type === 'reasoning' && signature.text, '');
  assert.equal(signature?.type === 'reasoning' && signature.signatureOrigin, 'gemini');
  assert.match(signature?.type === 'reasoning' ? (signature.signature ?? '') : '', /^EqcECqQE/);
  assert.equal(call?.type === 'tool-call' && call.id, '89nz05jy');
  assert.equal(call?.vendor?.['gemini']?.['thoughtSignature'], undefined);
  assert.equal(call?.vendor?.['gemini']?.['idSynthesized'], undefined);
});

const request: ChatRequest = { model: 'm', system: [], messages: [], sampling: {}, stream: true };

/** The parts a Gemini caller would get for an answer: the non-streamed twin must emit the same ones. */
function emittedParts(response: ChatResponse): unknown {
  const body = geminiDialect.emitResponse(response, { requestedModel: 'm', request });
  const candidate = isObject(body) && Array.isArray(body['candidates']) ? body['candidates'][0] : undefined;
  return isObject(candidate) && isObject(candidate['content']) ? candidate['content']['parts'] : undefined;
}

for (const name of responseFixtures) {
  test(`a stream of fixtures/gemini/${name}, one part per chunk, folds to the same answer`, () => {
    const body = readFixtureJson(`gemini/${name}`);
    if (!isObject(body) || !Array.isArray(body['candidates']) || !isObject(body['candidates'][0])) return;
    const candidate = body['candidates'][0];
    const content = isObject(candidate['content']) ? candidate['content'] : {};
    const parts = Array.isArray(content['parts']) ? content['parts'] : [];
    const frames: StreamFrame[] = parts.map((part) => ({ data: JSON.stringify({ ...body, candidates: [{ content: { role: 'model', parts: [part] }, index: 0 }] }) }));
    frames.push({ data: JSON.stringify({ ...body, candidates: [{ ...candidate, content: { role: 'model', parts: [] } }] }) });
    const streamed = foldStream(decodeAll(frames));
    const whole = geminiDialect.parseResponse(body);
    // Code execution parts come back too, kept whole (src/dialects/gemini/unported-output.ts).
    const known = (part: unknown) => isObject(part) && ('text' in part || 'functionCall' in part || 'executableCode' in part || 'codeExecutionResult' in part);
    assert.deepEqual(emittedParts(streamed), parts.filter(known).length > 0 ? parts.filter(known) : undefined);
    assert.deepEqual(streamed.finishReason, whole.finishReason);
    assert.deepEqual(streamed.usage, whole.usage);
  });
}

test('a stream cut before finishReason ends in stream_interrupted, never a clean finish', () => {
  const frames = framesOf('fantasy-gemini25flash-tool_streaming.i1.response.sse').slice(0, 1);
  const events = decodeAll(frames);
  assert.equal(events.some((event) => event.type === 'finish'), false);
  const last = events.at(-1);
  assert.equal(last?.type, 'error');
  assert.equal(last?.type === 'error' && last.error.code, 'stream_interrupted');
  assert.throws(() => foldStream(events), { code: 'stream_interrupted' });
  const empty = geminiDialect.createStreamDecoder().end();
  assert.equal(empty[0]?.type === 'error' && empty[0].error.code, 'stream_interrupted');
});

test('an error chunk mid-stream becomes an error event with the Gemini status', () => {
  const decoder = geminiDialect.createStreamDecoder();
  decoder.push(framesOf('fantasy-gemini25flash-tool_streaming.i1.response.sse')[0] ?? { data: '{}' });
  const events = decoder.push({ data: '{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}' });
  assert.equal(events.length, 1);
  assert.equal(events[0]?.type === 'error' && events[0].error.code, 'overloaded');
  assert.equal(events[0]?.type === 'error' && events[0].error.vendorType, 'UNAVAILABLE');
  assert.deepEqual(decoder.end(), []);
});

test('a frame that is not a chunk throws an InterlinguaError', () => {
  const decoder = geminiDialect.createStreamDecoder();
  assert.throws(() => decoder.push({ data: 'not json' }), { name: 'InterlinguaError', code: 'upstream_error' });
  assert.throws(() => decoder.push({ data: '{"candidates":7}' }), { name: 'InterlinguaError', code: 'upstream_error' });
});

test('Vertex streamed arguments: nested paths, array indexes, numbers and string pieces', () => {
  const call = { name: 'plan', willContinue: true };
  const pieces = [
    { jsonPath: '$.trip.city', stringValue: 'Ro', willContinue: true },
    { jsonPath: '$.trip.city', stringValue: 'me' },
    { jsonPath: '$.days[1]', numberValue: 3 },
    { jsonPath: '$["with space"]', boolValue: true },
    { jsonPath: '$.nothing', nullValue: 'NULL_VALUE' },
  ];
  const frames: StreamFrame[] = [
    { data: JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ functionCall: call }] } }] }) },
    ...pieces.map((piece) => ({ data: JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ functionCall: { partialArgs: [piece], willContinue: true } }] } }] }) })),
    { data: JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ functionCall: {} }] }, finishReason: 'STOP' }] }) },
  ];
  const folded = foldStream(decodeAll(frames));
  const [part] = folded.content;
  assert.equal(part?.type === 'tool-call' && part.name, 'plan');
  assert.deepEqual(JSON.parse(part?.type === 'tool-call' ? part.arguments : '{}'), { trip: { city: 'Rome' }, days: [null, 3], 'with space': true, nothing: null });
  assert.deepEqual(folded.finishReason, { unified: 'tool-calls', raw: 'STOP' });
});
