/**
 * The Anthropic pass-through tap (src/gateway/pass-through/dialect-taps.ts): which events it
 * decodes, and that a relayed stream ends as the parsing path would judge it — the same finish,
 * usage and verdict as the dialect's decoder reading every frame — on every recorded Anthropic
 * stream (test/fixtures/recorded/anthropic/*.sse), however the upstream splits it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../src/dialects/anthropic/index.js';
import { passThroughTapFor } from '../../src/gateway/pass-through/dialect-taps.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';
import { readFixtureText } from '../support/fixtures.js';
import { assertRelaysEveryRecording, decodedWhole as decodedWholeBy, drain, relaySse, splitBytes } from './support/relay-harness.js';

const found = passThroughTapFor('anthropic');
if (found === undefined) throw new Error('anthropic has a tap');
const tap = found;

const relay = (chunks: Buffer[]) => relaySse(anthropicDialect, tap, chunks, 'http://upstream.test/v1/messages');
const decodedWhole = (text: string) => decodedWholeBy(anthropicDialect, text);
const split = splitBytes;

test('only message_start, message_delta, message_stop and error events are decoded, with any JSON spacing', () => {
  // As recorded (fantasy-sonnet4-simple_streaming.response.sse): padded before the closing brace.
  assert.equal(tap.matters('{"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":16}}}   }', 'message_start'), true);
  assert.equal(tap.matters('{"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 38}}', 'message_delta'), true);
  assert.equal(tap.matters('{"type":"message_stop"       }', 'message_stop'), true);
  assert.equal(tap.matters('{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}', 'error'), true);
  // The decoder takes any `event: error` for an error, whatever its data; and it reads events by their data, named or not.
  assert.equal(tap.matters('{"message":"Overloaded"}', 'error'), true);
  assert.equal(tap.matters('{"type":"message_stop"}', undefined), true);
  // Not an object: the decoder refuses it, so it must see it.
  assert.equal(tap.matters('Overloaded', 'content_block_delta'), true);

  assert.equal(tap.matters('{"type": "ping"}', 'ping'), false);
  assert.equal(tap.matters('{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}', 'content_block_start'), false);
  assert.equal(tap.matters('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Olá"}}', 'content_block_delta'), false);
  assert.equal(tap.matters('{"type": "content_block_stop", "index": 0}', 'content_block_stop'), false);
  // Content that spells an event's type is escaped inside its string, so it is not taken for one.
  assert.equal(tap.matters('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{\\"type\\":\\"message_stop\\"}"}}', 'content_block_delta'), false);
  assert.equal(tap.matters('{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"type\\": \\"error\\""}}', 'content_block_delta'), false);
});

test('every recorded stream, relayed in pieces of any size, is forwarded as it came and ends as the parsing path judges it', async () => {
  await assertRelaysEveryRecording(anthropicDialect, tap, 'anthropic', { sizes: [7, 64, 1000], atLeast: 10, firstContentSeen: true });
});

test('content frames after the first content are not decoded', async () => {
  const text = readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse');
  const events = (await drain(relay([Buffer.from(text, 'utf8')]))).flatMap((piece) => piece.events);
  // The first delta shows content; the eleven after it, and the block's stop, go by unread.
  assert.deepEqual(events.filter((event) => event.type === 'text-delta').length, 1);
  assert.deepEqual(events.map((event) => event.type), ['response-start', 'text-start', 'text-delta', 'text-end', 'finish']);
});

test('a stream that ends after message_delta but before message_stop is interrupted, as the decoder says', async () => {
  const text = readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse');
  const cut = text.slice(0, text.indexOf('event: message_stop'));
  assert.equal(decodedWhole(cut).at(-1)?.type, 'error');
  const stream = relay(split(cut, 50));
  let ended: { finished: boolean; code: string | undefined } | undefined;
  stream.whenEnded((finished, broken) => (ended = { finished, code: broken?.code }));
  const pieces = await drain(stream);
  assert.equal(pieces.at(-1)?.failure?.code, 'stream_interrupted');
  assert.equal(pieces.some((piece) => piece.events.some((event) => event.type === 'finish')), false);
  assert.equal(stream.endsBetweenEvents, true);
  assert.deepEqual(ended, { finished: false, code: 'stream_interrupted' });
});

test('an error event in the stream is read, and the relay ends as broken with the upstream\'s own bytes', async () => {
  const text = readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse');
  const head = text.slice(0, text.indexOf('event: content_block_stop'));
  const error = 'event: error\ndata: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}\n\n';
  const stream = relay([Buffer.from(head + error, 'utf8')]);
  let ended: { finished: boolean; code: string | undefined } | undefined;
  stream.whenEnded((finished, broken) => (ended = { finished, code: broken?.code }));
  const pieces = await drain(stream);
  assert.equal(pieces.some((piece) => piece.failure !== undefined), false, 'the upstream said it: nothing is added');
  assert.equal(pieces.flatMap((piece) => piece.events).at(-1)?.type, 'error');
  assert.deepEqual(ended, { finished: false, code: 'overloaded' });
});

test('an error event first is thrown by open, so the next deployment can be tried', async () => {
  const stream = relay([Buffer.from('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n')]);
  await assert.rejects(stream.open(), (error: Error & { code?: string }) => error.code === 'overloaded');
});

test('a whole answer\'s usage is read with the dialect\'s own mapping, cache reads and writes included', () => {
  const answer = JSON.parse(readFixtureText('anthropic/fantasy-sonnet4-simple.response.json')) as { usage: Record<string, unknown> };
  answer.usage['cache_read_input_tokens'] = 100;
  answer.usage['cache_creation_input_tokens'] = 50;
  const usage = tap.usageOfResponse(answer);
  assert.deepEqual(
    { input: usage?.inputTokens, output: usage?.outputTokens, read: usage?.cachedInputTokens, written: usage?.cacheWriteTokens },
    { input: 166, output: 34, read: 100, written: 50 },
  );
  assert.equal(tap.usageOfResponse({ type: 'message' }), undefined);
  assert.equal(tap.usageOfResponse(null), undefined);
});
