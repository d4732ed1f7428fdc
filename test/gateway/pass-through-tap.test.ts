/**
 * The pass-through's light tap (src/gateway/pass-through/): which frames it decodes, and what it
 * reads from a relayed stream however the upstream splits and spaces it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { openaiChatDialect } from '../../src/dialects/openai-chat/index.js';
import { passThroughTapFor } from '../../src/gateway/pass-through/dialect-taps.js';
import { RelayedStream, type RelayPiece } from '../../src/gateway/pass-through/relayed-stream.js';
import type { UpstreamResponse } from '../../src/gateway/upstream-client.js';

const tap = passThroughTapFor('openai-chat');
if (tap === undefined) throw new Error('openai-chat has a tap');

function relay(chunks: string[]): RelayedStream {
  const body = Readable.from(chunks.map((chunk) => Buffer.from(chunk, 'utf8')));
  const upstream = { status: 200, headers: {}, body } as unknown as UpstreamResponse;
  return new RelayedStream(upstream, openaiChatDialect.createStreamDecoder(), tap as NonNullable<typeof tap>, { provider: 'test', url: 'http://upstream.test/v1/chat/completions' });
}

async function drain(stream: RelayedStream): Promise<RelayPiece[]> {
  await stream.open();
  const pieces: RelayPiece[] = [];
  for await (const piece of stream.pieces()) pieces.push(piece);
  return pieces;
}

test('only frames that may carry usage, a finish, an error or the end are decoded, with any JSON spacing', () => {
  assert.equal(tap.matters('{"id":"c","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}],"usage":null}'), false);
  assert.equal(tap.matters('{"id": "c", "choices": [{"index": 0, "delta": {"content": "Hi"}, "finish_reason": null}]}'), false);
  // Content that spells a key is escaped inside its string, so it is not taken for one.
  assert.equal(tap.matters('{"choices":[{"delta":{"content":"say \\"usage\\": 5"},"finish_reason":null}]}'), false);
  assert.equal(tap.matters('{"choices":[{"delta":{},"finish_reason":"stop"}]}'), true);
  assert.equal(tap.matters('{"choices": [{"delta": {}, "finish_reason": "stop"}]}'), true);
  assert.equal(tap.matters('{"choices":[],"usage":{"prompt_tokens":3}}'), true);
  assert.equal(tap.matters('{"error":{"message":"overloaded"}}'), true);
  assert.equal(tap.matters('[DONE]'), true);
});

test('a stream split mid-frame, with usage on its finish chunk (as DeepSeek sends it), is read whole and forwarded as it came', async () => {
  const text = [
    'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n',
    'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"Ol"},"finish_reason":null}]}\n\n',
    'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"á"},"finish_reason":null}]}\n\n',
    'data: {"id": "c1", "model": "m", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "usage": {"prompt_tokens": 7, "completion_tokens": 2, "total_tokens": 9}}\n\n',
    'data: [DONE]\n\n',
  ].join('');
  // Cut inside frames and inside the two bytes of "á".
  const bytes = Buffer.from(text, 'utf8');
  const cuts = [30, bytes.indexOf(Buffer.from('á')) + 1, bytes.length - 40];
  const chunks: string[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(start, cut).toString('latin1'));
    start = cut;
  }
  const body = Readable.from(chunks.map((chunk) => Buffer.from(chunk, 'latin1')));
  const stream = new RelayedStream({ status: 200, headers: {}, body } as unknown as UpstreamResponse, openaiChatDialect.createStreamDecoder(), tap, { provider: 'test', url: 'u' });
  const pieces = await drain(stream);
  assert.equal(Buffer.concat(pieces.flatMap((piece) => (piece.bytes === undefined ? [] : [piece.bytes]))).toString('utf8'), text);
  const events = pieces.flatMap((piece) => piece.events);
  const finish = events.find((event) => event.type === 'finish');
  assert.ok(finish?.type === 'finish');
  assert.deepEqual({ reason: finish.finishReason.unified, input: finish.usage.inputTokens, output: finish.usage.outputTokens }, { reason: 'stop', input: 7, output: 2 });
  assert.ok(events.some((event) => event.type === 'text-delta'), 'the first content is seen, for time to first token');
  assert.equal(pieces.some((piece) => piece.failure !== undefined), false);
});

test('a stream cut inside a frame ends with a stream_interrupted failure, and says the bytes stopped mid-event', async () => {
  const stream = relay(['data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n', 'data: {"id":"c1","choi']);
  let ended: { finished: boolean; code: string | undefined } | undefined;
  const pieces = await drain(stream);
  stream.whenEnded((finished, broken) => (ended = { finished, code: broken?.code }));
  const last = pieces.at(-1);
  assert.equal(last?.failure?.code, 'stream_interrupted');
  assert.equal(stream.endsBetweenEvents, false);
  assert.deepEqual(ended, { finished: false, code: 'stream_interrupted' });
});

test('an error frame first is thrown by open, so the next deployment can be tried', async () => {
  const stream = relay(['data: {"error":{"message":"The server is overloaded.","type":"server_error","code":null}}\n\n']);
  await assert.rejects(stream.open(), (error: Error & { code?: string }) => /overloaded/.test(error.message));
});
