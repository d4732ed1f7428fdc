/**
 * The encoder writes what the Messages streaming protocol allows
 * (https://docs.claude.com/en/docs/build-with-claude/streaming) and the official SDK reads:
 * each output is checked by `assertValidAnthropicStream`, decoded back, and read by the SDK.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APIError } from '@anthropic-ai/sdk';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import { wrapSignature } from '../../../src/core/signature-envelope.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { fixtureNames, readFixtureDataLines, readFixtureSseFrames, readFixtureText } from '../../support/fixtures.js';
import {
  assertValidAnthropicStream,
  decodeFrames,
  encodeEvents,
  responseContext,
  sdkClient,
  sdkFinalMessage,
  sseFrames,
} from './support.js';

function roundTrip(events: readonly StreamEvent[]): ChatResponse {
  const text = encodeEvents(events);
  assertValidAnthropicStream(text);
  return foldStream(decodeFrames(sseFrames(text)));
}

const mixed: ChatResponse = {
  id: 'msg_01Mixed',
  model: 'claude-upstream',
  content: [
    { type: 'reasoning', text: 'Two tools are needed.', signature: 'EqQBsig', signatureOrigin: 'anthropic' },
    { type: 'text', text: 'Calling both.' },
    { type: 'tool-call', id: 'toolu_add', name: 'add', arguments: '{"a":2,"b":3}' },
    { type: 'tool-call', id: 'toolu_mul', name: 'multiply', arguments: '{"a":2,"b":3}' },
  ],
  finishReason: { unified: 'tool-calls', raw: 'tool_use' },
  usage: { inputTokens: 120, outputTokens: 40, cachedInputTokens: 100, cacheWriteTokens: 5 },
};

test('the stream checker accepts recorded Anthropic streams and rejects interleaved blocks', () => {
  for (const name of ['fantasy-sonnet4-multi_tool_streaming.i0.response.sse', 'pa-stream-redacted-thinking.response.sse', 'dd-stream-thinking.response.sse']) {
    assertValidAnthropicStream(readFixtureText(`anthropic/${name}`));
  }
  const start = 'event: message_start\ndata: {"type":"message_start","message":{}}\n\n';
  const block = (index: number) => `event: content_block_start\ndata: {"type":"content_block_start","index":${index},"content_block":{"type":"text","text":""}}\n\n`;
  assert.throws(() => assertValidAnthropicStream(start + block(0) + block(1)), /block starts while 0 is open/);
  assert.throws(() => assertValidAnthropicStream(start + block(1)), /index 1, expected 0/);
  assert.throws(() => assertValidAnthropicStream(start + block(0)), /does not end/);
});

test('text, signed thinking and two tool calls survive encode → decode', async () => {
  const text = encodeEvents(responseToEvents(mixed));
  assertValidAnthropicStream(text);
  const folded = foldStream(decodeFrames(sseFrames(text)));
  assert.equal(folded.id, 'msg_01Mixed');
  assert.equal(folded.model, 'claude-test');
  assert.deepEqual(folded.content, mixed.content);
  assert.deepEqual(folded.finishReason, mixed.finishReason);
  assert.equal(folded.usage.inputTokens, 120);
  assert.equal(folded.usage.cachedInputTokens, 100);
  assert.equal(folded.usage.cacheWriteTokens, 5);
  assert.equal(folded.usage.outputTokens, 40);
  const sdk = await sdkFinalMessage(text);
  assert.deepEqual(sdk.content.map((block) => block.type), ['thinking', 'text', 'tool_use', 'tool_use']);
  assert.deepEqual(sdk.usage.input_tokens, 15);
  assert.equal(sdk.stop_reason, 'tool_use');
});

test('interleaved tool calls (start A, start B, delta A, delta B, end A, end B) become sequential blocks', async () => {
  const events: StreamEvent[] = [
    { type: 'response-start', id: 'chatcmpl-9', model: 'gpt-4o' },
    { type: 'tool-call-start', id: 'call_A', name: 'add' },
    { type: 'tool-call-start', id: 'call_B', name: 'multiply' },
    { type: 'tool-call-delta', id: 'call_A', delta: '{"a":2,' },
    { type: 'tool-call-delta', id: 'call_B', delta: '{"a":4,' },
    { type: 'tool-call-delta', id: 'call_A', delta: '"b":3}' },
    { type: 'tool-call-delta', id: 'call_B', delta: '"b":5}' },
    { type: 'tool-call-end', id: 'call_A' },
    { type: 'tool-call-end', id: 'call_B' },
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: { inputTokens: 9, outputTokens: 7 } },
  ];
  const folded = roundTrip(events);
  assert.deepEqual(folded.content, [
    { type: 'tool-call', id: 'call_A', name: 'add', arguments: '{"a":2,"b":3}' },
    { type: 'tool-call', id: 'call_B', name: 'multiply', arguments: '{"a":4,"b":5}' },
  ]);
  assert.match(folded.id, /^msg_/);
  const sdk = await sdkFinalMessage(encodeEvents(events));
  assert.deepEqual(
    sdk.content.map((block) => (block.type === 'tool_use' ? [block.id, block.input] : block.type)),
    [
      ['call_A', { a: 2, b: 3 }],
      ['call_B', { a: 4, b: 5 }],
    ],
  );
});

test('a queued block is written the moment it becomes current, and the current one at once', () => {
  const encoder = responseContext();
  const events: StreamEvent[] = [
    { type: 'tool-call-start', id: 'A', name: 'f' },
    { type: 'tool-call-start', id: 'B', name: 'g' },
  ];
  const text = encodeEvents(events, encoder);
  assert.equal(sseFrames(text).filter((frame) => frame.event === 'content_block_start').length, 1);
  const currentDelta = encodeEvents([...events, { type: 'tool-call-delta', id: 'A', delta: '{}' }], encoder);
  assert.ok(currentDelta.includes('"partial_json":"{}"'));
  const queuedDelta = encodeEvents([...events, { type: 'tool-call-delta', id: 'B', delta: '{"q":1}' }], encoder);
  assert.equal(queuedDelta.includes('"q"'), false);
  const promoted = encodeEvents([...events, { type: 'tool-call-delta', id: 'B', delta: '{"q":1}' }, { type: 'tool-call-end', id: 'A' }], encoder);
  assert.ok(promoted.includes('"id":"B"') && promoted.includes('{\\"q\\":1}'));
});

test('open text is closed when a tool call starts; later text opens a new block, in order', () => {
  const folded = roundTrip([
    { type: 'response-start', id: 'chatcmpl-1', model: 'gpt' },
    { type: 'text-start', id: 'text' },
    { type: 'text-delta', id: 'text', delta: 'Let me check. ' },
    { type: 'tool-call-start', id: 'call_1', name: 'lookup' },
    { type: 'text-delta', id: 'text', delta: '(still here)' },
    { type: 'tool-call-delta', id: 'call_1', delta: '{"q":"x"}' },
    { type: 'tool-call-end', id: 'call_1' },
    { type: 'text-end', id: 'text' },
    { type: 'finish', finishReason: { unified: 'tool-calls' }, usage: {} },
  ]);
  assert.deepEqual(folded.content, [
    { type: 'text', text: 'Let me check. ' },
    { type: 'tool-call', id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' },
    { type: 'text', text: '(still here)' },
  ]);
});

test('blocks never ended by the upstream are closed at finish, queued ones flushed in order', () => {
  const folded = roundTrip([
    { type: 'reasoning-start', id: 'r', signatureOrigin: 'anthropic' },
    { type: 'reasoning-delta', id: 'r', delta: 'think' },
    { type: 'tool-call-start', id: 'call_1', name: 'f' },
    { type: 'tool-call-delta', id: 'call_1', delta: '{}' },
    { type: 'finish', finishReason: { unified: 'tool-calls' }, usage: { outputTokens: 3 } },
  ]);
  assert.deepEqual(folded.content, [
    { type: 'reasoning', text: 'think', signatureOrigin: 'anthropic' },
    { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}' },
  ]);
});

test('signatures and redacted data from other vendors reach Anthropic callers only inside envelopes naming their origin', () => {
  const text = encodeEvents([
    { type: 'reasoning-start', id: 'g', signatureOrigin: 'gemini' },
    { type: 'reasoning-delta', id: 'g', delta: 'gemini thought' },
    { type: 'reasoning-signature', id: 'g', signature: 'gemini-signature' },
    { type: 'reasoning-end', id: 'g' },
    { type: 'reasoning-start', id: 'o' },
    { type: 'reasoning-redacted', id: 'o', data: 'unknown-encrypted' },
    { type: 'reasoning-end', id: 'o' },
    { type: 'reasoning-start', id: 's', signatureOrigin: 'gemini' },
    { type: 'reasoning-signature', id: 's', signature: 'bare-gemini-signature' },
    { type: 'reasoning-end', id: 's' },
    { type: 'reasoning-start', id: 'r', signatureOrigin: 'openai-responses' },
    { type: 'reasoning-redacted', id: 'r', data: 'openai-encrypted' },
    { type: 'reasoning-end', id: 'r' },
    { type: 'reasoning-start', id: 'a', signatureOrigin: 'anthropic' },
    { type: 'reasoning-redacted', id: 'a', data: 'anthropic-encrypted' },
    { type: 'reasoning-end', id: 'a' },
    { type: 'finish', finishReason: { unified: 'stop' }, usage: {} },
  ]);
  assertValidAnthropicStream(text);
  for (const raw of ['gemini-signature', 'unknown-encrypted', 'openai-encrypted']) assert.equal(text.includes(raw), false, raw);
  assert.deepEqual(foldStream(decodeFrames(sseFrames(text))).content, [
    { type: 'reasoning', text: 'gemini thought', signature: wrapSignature({ origin: 'gemini', kind: 'signature', value: 'gemini-signature' }), signatureOrigin: 'anthropic' },
    { type: 'reasoning', text: '', signature: wrapSignature({ origin: 'gemini', kind: 'signature', value: 'bare-gemini-signature' }), signatureOrigin: 'anthropic' },
    { type: 'reasoning', text: '', redactedData: wrapSignature({ origin: 'openai-responses', kind: 'redacted', value: 'openai-encrypted' }), signatureOrigin: 'anthropic' },
    { type: 'reasoning', text: '', redactedData: 'anthropic-encrypted', signatureOrigin: 'anthropic' },
  ]);
});

test('message_start carries the requested model and input usage without cache tokens', () => {
  const text = encodeEvents(
    [{ type: 'response-start', id: 'resp_1', model: 'gemini-2.5-pro', usage: { inputTokens: 100, cachedInputTokens: 40 } }],
    responseContext('claude-alias'),
  );
  const start = JSON.parse(sseFrames(text)[0]?.data ?? '') as { message: Record<string, unknown> };
  assert.match(String(start.message['id']), /^msg_/);
  assert.equal(start.message['model'], 'claude-alias');
  assert.deepEqual(start.message['content'], []);
  assert.equal(start.message['stop_reason'], null);
  assert.deepEqual(start.message['usage'], { input_tokens: 60, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 40, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 } });
});

test('an error event is written as `event: error`, which the SDK raises with its type', async () => {
  const text = encodeEvents([
    { type: 'response-start', id: 'msg_1', model: 'm' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'partial' },
    { type: 'error', error: new InterlinguaError('overloaded', 'Overloaded') },
    { type: 'text-delta', id: 't', delta: 'never written' },
  ]);
  assertValidAnthropicStream(text);
  assert.ok(text.endsWith('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'));
  assert.equal(text.includes('never written'), false);
  const client = sdkClient(() => new Response(text, { headers: { 'content-type': 'text/event-stream' } }));
  await assert.rejects(
    client.messages.stream({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }).finalMessage(),
    (error: unknown) => error instanceof APIError && error.type === 'overloaded_error',
  );
  const interrupted = encodeEvents([{ type: 'error', error: new InterlinguaError('stream_interrupted', 'cut') }]);
  assert.ok(interrupted.includes('"type":"api_error"'));
});

test('every recorded stream, decoded and encoded again, decodes to the same answer', () => {
  const names = fixtureNames('anthropic');
  const recordings = [
    ...names.filter((name) => name.endsWith('.sse') && name !== 'doc-format-stream-error-event.sse').map((name) => readFixtureSseFrames(`anthropic/${name}`)),
    ...names.filter((name) => name.endsWith('.data.ndjson')).map((name) => readFixtureDataLines(`anthropic/${name}`, true)),
  ];
  assert.ok(recordings.length >= 17);
  for (const frames of recordings) {
    const original = foldStream(decodeFrames(frames));
    const again = roundTrip(decodeFrames(frames));
    assert.deepEqual(again.content, original.content);
    assert.deepEqual(again.finishReason, original.finishReason);
    // An id that is not msg_-shaped (as in abbreviated doc samples, `msg_01...`) is replaced.
    if (/^msg_[A-Za-z0-9_-]+$/.test(original.id)) assert.equal(again.id, original.id);
    for (const key of ['inputTokens', 'outputTokens', 'cachedInputTokens', 'cacheWriteTokens'] as const) {
      assert.equal(again.usage[key] ?? 0, original.usage[key] ?? 0, key);
    }
  }
});

test('usage reported only at the end (Bedrock, OpenAI): message_start gives no cache_creation split, so the SDK keeps no contradicting one', async () => {
  const text = encodeEvents([
    { type: 'response-start', id: 'msg_1', model: 'm' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'hi' },
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' }, usage: { inputTokens: 2006, outputTokens: 50, cachedInputTokens: 1800, cacheWriteTokens: 200 } },
  ]);
  assertValidAnthropicStream(text);
  const start = JSON.parse(sseFrames(text)[0]?.data ?? '') as { message: { usage: Record<string, unknown> } };
  assert.equal(start.message.usage['cache_creation'], undefined);
  const message = await sdkFinalMessage(text);
  assert.equal(message.usage.cache_creation_input_tokens, 200);
  assert.equal(message.usage.cache_creation, undefined);
});
