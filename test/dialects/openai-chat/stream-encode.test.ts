/**
 * The stream encoder: chunk shapes as OpenAI sends them
 * (https://platform.openai.com/docs/api-reference/chat-streaming/streaming, and the recorded
 * fixtures/openai-chat/fantasy-gpt4o-multi_tool_streaming.i0.response.sse), and encode → decode →
 * fold giving back the response it started from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldStream } from '../../../src/core/fold-stream.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { AssistantPart } from '../../../src/interlingua/content.js';
import type { EmitResponseContext } from '../../../src/interlingua/dialect.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { SseParser } from '../../../src/wire/sse-parser.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { decodeFrames, responseFixtures } from './helpers.js';
import { wrapSignature } from '../../../src/core/signature-envelope.js';

function contextFor(streamUsage: boolean | undefined): EmitResponseContext {
  const request: ChatRequest = { model: 'caller-model', system: [], messages: [], sampling: {}, stream: true };
  if (streamUsage !== undefined) request.streamUsage = streamUsage;
  return { requestedModel: 'caller-model', request };
}

function encodeAll(events: readonly StreamEvent[], streamUsage: boolean | undefined): string[] {
  const encoder = openaiChatDialect.createStreamEncoder(contextFor(streamUsage));
  return events.map((event) => encoder.encode(event));
}

function framesOf(text: string) {
  const parser = new SseParser();
  return [...parser.push(text), ...parser.end()];
}

function payloads(text: string): unknown[] {
  return framesOf(text).map((frame) => (frame.data === '[DONE]' ? '[DONE]' : (JSON.parse(frame.data) as unknown)));
}

/** Parts as a stream can carry them: no vendor fields. */
function withoutVendor(parts: readonly AssistantPart[]): AssistantPart[] {
  return parts.map((part) => {
    const { vendor: _vendor, ...rest } = part;
    return rest;
  });
}

const mixed: ChatResponse = {
  id: 'chatcmpl-mixed',
  model: 'upstream-model',
  created: 1_700_000_000,
  content: [
    { type: 'reasoning', text: 'Think first.', signature: 'sig', signatureOrigin: 'anthropic' },
    { type: 'text', text: 'Calling two tools.' },
    { type: 'tool-call', id: 'toolu_1', name: 'add', arguments: '{"a":2,"b":3}' },
    { type: 'tool-call', id: 'toolu_2', name: 'multiply', arguments: '{"a":2,"b":3}' },
    { type: 'text', text: 'Done.' },
  ],
  finishReason: { unified: 'tool-calls', raw: 'tool_use' },
  usage: { inputTokens: 10, outputTokens: 20, totalTokens: 30, cachedInputTokens: 4, reasoningTokens: 5 },
};

for (const path of responseFixtures) {
  test(`encode → decode → fold gives back the response: ${path}`, () => {
    const response = openaiChatDialect.parseResponse(readFixtureJson(path));
    const folded = foldStream(decodeFrames(framesOf(encodeAll(responseToEvents(response), true).join(''))));
    assert.equal(folded.id, response.id);
    assert.equal(folded.model, 'caller-model');
    assert.deepEqual(folded.content, withoutVendor(response.content));
    assert.equal(folded.finishReason.unified, response.finishReason.unified);
    assert.equal(folded.usage.inputTokens, response.usage.inputTokens ?? 0);
    assert.equal(folded.usage.outputTokens, response.usage.outputTokens ?? 0);
    assert.equal(folded.usage.totalTokens, response.usage.totalTokens ?? 0);
    assert.equal(folded.usage.cachedInputTokens, response.usage.cachedInputTokens ?? 0);
    assert.equal(folded.usage.reasoningTokens, response.usage.reasoningTokens ?? 0);
  });
}

test('a mixed response from another dialect round-trips, with distinct tool call ids', () => {
  const folded = foldStream(decodeFrames(framesOf(encodeAll(responseToEvents(mixed), true).join(''))));
  assert.deepEqual(folded.content, [
    { type: 'reasoning', text: 'Think first.' },
    { type: 'text', text: 'Calling two tools.' },
    { type: 'tool-call', id: 'toolu_1', name: 'add', arguments: '{"a":2,"b":3}' },
    { type: 'tool-call', id: 'toolu_2', name: 'multiply', arguments: '{"a":2,"b":3}' },
    { type: 'text', text: 'Done.' },
  ]);
  assert.deepEqual(folded.finishReason, { unified: 'tool-calls', raw: 'tool_calls' });
  assert.equal(folded.usage.cachedInputTokens, 4);
});

test('chunks have OpenAI shape: one id, a role chunk first, tool id/name only in the first delta, indexes from 0', () => {
  const written = encodeAll(responseToEvents(mixed), true);
  const chunks = payloads(written.join(''));
  assert.equal(chunks.at(-1), '[DONE]');
  const objects = chunks.slice(0, -1) as Array<Record<string, unknown>>;
  for (const chunk of objects) {
    assert.equal(chunk['id'], 'chatcmpl-mixed');
    assert.equal(chunk['object'], 'chat.completion.chunk');
    assert.equal(chunk['created'], 1_700_000_000);
    assert.equal(chunk['model'], 'caller-model');
  }
  const deltas = objects.slice(0, -1).map((chunk) => {
    const choices = chunk['choices'] as Array<Record<string, unknown>>;
    assert.equal(choices.length, 1);
    assert.equal(choices[0]?.['index'], 0);
    assert.equal(choices[0]?.['logprobs'], null);
    return choices[0] as { delta: Record<string, unknown>; finish_reason: string | null };
  });
  assert.deepEqual(
    deltas.map((choice) => choice.delta),
    [
      { role: 'assistant', content: '' },
      { reasoning_content: 'Think first.' },
      // Another vendor's signature, in OpenRouter's field, inside an envelope naming its origin.
      { reasoning_details: [{ type: 'reasoning.text', text: 'Think first.', signature: wrapSignature({ origin: 'anthropic', kind: 'signature', value: 'sig', text: 'Think first.' }), index: 0 }] },
      { content: 'Calling two tools.' },
      { tool_calls: [{ index: 0, id: 'toolu_1', type: 'function', function: { name: 'add', arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"a":2,"b":3}' } }] },
      { tool_calls: [{ index: 1, id: 'toolu_2', type: 'function', function: { name: 'multiply', arguments: '' } }] },
      { tool_calls: [{ index: 1, function: { arguments: '{"a":2,"b":3}' } }] },
      { content: 'Done.' },
      {},
    ],
  );
  assert.deepEqual(deltas.at(-1), { index: 0, delta: {}, logprobs: null, finish_reason: 'tool_calls' });
  assert.deepEqual(objects.at(-1)?.['choices'], []);
  assert.deepEqual(objects.at(-1)?.['usage'], {
    prompt_tokens: 10,
    completion_tokens: 20,
    total_tokens: 30,
    prompt_tokens_details: { cached_tokens: 4 },
    completion_tokens_details: { reasoning_tokens: 5 },
  });
});

test('nothing is buffered: the start, every delta and a signature write at once; block ends write nothing', () => {
  const events = responseToEvents(mixed);
  const written = encodeAll(events, true);
  events.forEach((event, index) => {
    const text = written[index] ?? '';
    const writes = event.type.endsWith('-delta') || ['response-start', 'tool-call-start', 'reasoning-signature', 'finish'].includes(event.type);
    if (writes) assert.notEqual(text, '', event.type);
    if (event.type.endsWith('-end')) assert.equal(text, '', event.type);
  });
});

test('no usage chunk unless the caller asked for it (stream_options.include_usage)', () => {
  for (const streamUsage of [undefined, false]) {
    const chunks = payloads(encodeAll(responseToEvents(mixed), streamUsage).join(''));
    assert.equal(chunks.at(-1), '[DONE]');
    assert.equal(chunks.some((chunk) => typeof chunk === 'object' && chunk !== null && 'usage' in chunk), false);
  }
});

test('an error is one {"error": …} frame with no [DONE], and the stream stays closed', () => {
  const encoder = openaiChatDialect.createStreamEncoder(contextFor(true));
  encoder.encode({ type: 'response-start', id: 'chatcmpl-e', model: 'm' });
  encoder.encode({ type: 'text-start', id: 't' });
  assert.notEqual(encoder.encode({ type: 'text-delta', id: 't', delta: 'Hel' }), '');
  const error = new InterlinguaError('stream_interrupted', 'The upstream stream ended before it finished.');
  const text = encoder.encode({ type: 'error', error });
  assert.deepEqual(payloads(text), [
    { error: { message: 'The upstream stream ended before it finished.', type: 'server_error', param: null, code: 'stream_interrupted' } },
  ]);
  assert.equal(encoder.encode({ type: 'finish', finishReason: { unified: 'stop' }, usage: {} }), '');
});

test('an empty answer still opens with role, and a finish without response-start gets an id', () => {
  const text = encodeAll([{ type: 'finish', finishReason: { unified: 'stop' }, usage: {} }], false).join('');
  const [first] = payloads(text) as Array<Record<string, unknown>>;
  assert.match(String(first?.['id']), /^chatcmpl-/);
  assert.deepEqual(first?.['choices'], [{ index: 0, delta: { role: 'assistant' }, logprobs: null, finish_reason: 'stop' }]);
});
