import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import { SseParser } from '../../../src/wire/sse-parser.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { decodeAll } from './helpers.js';
import { wrapSignature } from '../../../src/core/signature-envelope.js';

const request: ChatRequest = { model: 'gemini-2.5-pro', system: [], messages: [], sampling: {}, stream: true };
const context = { requestedModel: 'gemini-2.5-pro', request };

/** An answer with signed reasoning, text in two deltas, and two calls of which the first is signed. */
const sampleEvents: StreamEvent[] = [
  { type: 'response-start', id: 'resp-1', model: 'upstream-model' },
  { type: 'reasoning-start', id: 'r', signatureOrigin: 'gemini' },
  { type: 'reasoning-delta', id: 'r', delta: 'Let me think.' },
  { type: 'reasoning-signature', id: 'r', signature: 'c2lnbmF0dXJl' },
  { type: 'reasoning-end', id: 'r' },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Checking ' },
  { type: 'text-delta', id: 't', delta: 'both.' },
  { type: 'text-end', id: 't' },
  { type: 'tool-call-start', id: 'call_a', name: 'weather', vendor: { gemini: { thoughtSignature: 'Y2FsbC1zaWc=' } } },
  { type: 'tool-call-delta', id: 'call_a', delta: '{"city":' },
  { type: 'tool-call-delta', id: 'call_a', delta: '"Paris"}' },
  { type: 'tool-call-end', id: 'call_a' },
  { type: 'tool-call-start', id: 'call_b', name: 'weather' },
  { type: 'tool-call-delta', id: 'call_b', delta: '{"city":"Rome"}' },
  { type: 'tool-call-end', id: 'call_b' },
  { type: 'usage', usage: { inputTokens: 12, outputTokens: 30, reasoningTokens: 20 } },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage: { inputTokens: 12, outputTokens: 30, reasoningTokens: 20, totalTokens: 42 } },
];

function encodeAll(events: readonly StreamEvent[]): string[] {
  const encoder = geminiDialect.createStreamEncoder(context);
  return events.map((event) => encoder.encode(event));
}

test('encoder → decoder round trip keeps reasoning with its signature, text and two calls', () => {
  const wire = encodeAll(sampleEvents).join('');
  const parser = new SseParser();
  const folded = foldStream(decodeAll([...parser.push(wire), ...parser.end()]));
  assert.equal(folded.id, 'resp-1');
  assert.equal(folded.model, 'gemini-2.5-pro');
  assert.deepEqual(folded.content[0], { type: 'reasoning', text: 'Let me think.', signature: 'c2lnbmF0dXJl', signatureOrigin: 'gemini' });
  assert.deepEqual(folded.content[1], { type: 'text', text: 'Checking both.' });
  const calls = folded.content.slice(2).map((part) => (part.type === 'tool-call' ? { id: part.id, name: part.name, arguments: part.arguments, vendor: part.vendor } : part));
  assert.deepEqual(calls, [
    { type: 'reasoning', text: '', signature: 'Y2FsbC1zaWc=', signatureOrigin: 'gemini' },
    { id: 'call_a', name: 'weather', arguments: '{"city":"Paris"}', vendor: undefined },
    { id: 'call_b', name: 'weather', arguments: '{"city":"Rome"}', vendor: undefined },
  ]);
  assert.deepEqual(folded.finishReason, { unified: 'tool-calls', raw: 'STOP' });
  assert.equal(folded.usage.inputTokens, 12);
  assert.equal(folded.usage.outputTokens, 30);
  assert.equal(folded.usage.reasoningTokens, 20);
  assert.equal(folded.usage.totalTokens, 42);
});

test('each text delta is written at once as its own chunk; only a call waits for its end', () => {
  const written = encodeAll(sampleEvents);
  const at = (index: number) => written[index] ?? '';
  assert.match(at(6), /^data: \{"candidates":\[\{"content":\{"role":"model","parts":\[\{"text":"Checking "\}\]\},"index":0\}\],"modelVersion":"gemini-2.5-pro","responseId":"resp-1"\}\n\n$/);
  assert.match(at(7), /"text":"both\."/);
  assert.equal(at(9) + at(10) + at(11), '');
  assert.match(at(12), /"functionCall":\{"name":"weather","args":\{"city":"Paris"\},"id":"call_a"\},"thoughtSignature":"Y2FsbC1zaWc="/);
  assert.match(at(17), /"finishReason":"STOP"/);
  assert.match(at(17), /"usageMetadata":\{"promptTokenCount":12,"candidatesTokenCount":10,"totalTokenCount":42,"thoughtsTokenCount":20\}/);
});

test('an empty signed reasoning block is written as the empty signed text part Gemini sends (fixture stream-text-thoughtsignature-empty-text.data.ndjson)', () => {
  const encoder = geminiDialect.createStreamEncoder(context);
  encoder.encode({ type: 'reasoning-start', id: 'm', signatureOrigin: 'gemini' });
  // It waits to see whether a function call follows (call-signature.ts); text does not.
  assert.equal(encoder.encode({ type: 'reasoning-signature', id: 'm', signature: 'U0lH' }), '');
  const written = encoder.encode({ type: 'text-delta', id: 't', delta: 'x' });
  assert.ok(written.indexOf('"parts":[{"text":"","thoughtSignature":"U0lH"}]') >= 0, written);
  assert.ok(written.indexOf('"parts":[{"text":"x"}]') > written.indexOf('U0lH'), written);
});

test('a Gemini signature followed by a call goes on the call; a foreign one on a thought part, in an envelope with its text', () => {
  // A caller that asked to see thoughts (thoughts-asked.ts).
  const encoder = geminiDialect.createStreamEncoder({ ...context, request: { ...request, reasoning: { includeThoughts: true } } });
  encoder.encode({ type: 'reasoning-start', id: 'm', signatureOrigin: 'gemini' });
  encoder.encode({ type: 'reasoning-signature', id: 'm', signature: 'U0lH' });
  encoder.encode({ type: 'reasoning-end', id: 'm' });
  encoder.encode({ type: 'tool-call-start', id: 'call_1', name: 'f' });
  encoder.encode({ type: 'tool-call-delta', id: 'call_1', delta: '{}' });
  const call = encoder.encode({ type: 'tool-call-end', id: 'call_1' });
  assert.ok(call.includes('"parts":[{"functionCall":{"name":"f","args":{},"id":"call_1"},"thoughtSignature":"U0lH"}]'), call);
  encoder.encode({ type: 'reasoning-start', id: 'other', signatureOrigin: 'anthropic' });
  encoder.encode({ type: 'reasoning-delta', id: 'other', delta: 'hmm' });
  const envelope = wrapSignature({ origin: 'anthropic', kind: 'signature', value: 'EqQB', text: 'hmm' });
  const signed = encoder.encode({ type: 'reasoning-signature', id: 'other', signature: 'EqQB' });
  assert.ok(signed.includes(`"parts":[{"text":"","thought":true,"thoughtSignature":"${envelope}"}]`), signed);
});

test('an error event becomes a chunk the SDK raises on, and nothing follows it', () => {
  const encoder = geminiDialect.createStreamEncoder(context);
  const frame = encoder.encode({ type: 'error', error: new InterlinguaError('overloaded', 'Try again.') });
  assert.equal(frame, 'data: {"error":{"code":503,"message":"Try again.","status":"UNAVAILABLE"}}\n\n');
  assert.equal(encoder.encode({ type: 'text-delta', id: 't', delta: 'late' }), '');
});
