/**
 * The pass-through's light tap (src/gateway/pass-through/): which frames it decodes, and what it
 * reads from a relayed stream however the upstream splits and spaces it, and which frames it holds
 * back from a caller that did not ask for them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { openaiChatDialect } from '../../src/dialects/openai-chat/index.js';
import { passThroughTapFor } from '../../src/gateway/pass-through/dialect-taps.js';
import { RelayedStream, type RelayPiece } from '../../src/gateway/pass-through/relayed-stream.js';
import type { UpstreamResponse } from '../../src/gateway/upstream-client.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import { sseRelayFraming } from '../../src/gateway/pass-through/relay-framing.js';
import { NdjsonFrameEnds, SseFrameEnds, type FrameEnds } from '../../src/gateway/pass-through/frame-ends.js';
import { drain } from './support/relay-harness.js';

const tap = passThroughTapFor('openai-chat');
if (tap === undefined) throw new Error('openai-chat has a tap');

function relay(chunks: string[]): RelayedStream {
  const body = Readable.from(chunks.map((chunk) => Buffer.from(chunk, 'utf8')));
  const upstream = { status: 200, headers: {}, body } as unknown as UpstreamResponse;
  return new RelayedStream(upstream, openaiChatDialect.createStreamDecoder(), tap as NonNullable<typeof tap>, { provider: 'test', url: 'http://upstream.test/v1/chat/completions' });
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

test('a stream cut inside a frame ends with a stream_interrupted failure, and the half frame is not forwarded', async () => {
  const whole = 'data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n';
  const stream = relay([whole, 'data: {"id":"c1","choi']);
  let ended: { finished: boolean; code: string | undefined } | undefined;
  const pieces = await drain(stream);
  stream.whenEnded((finished, broken) => (ended = { finished, code: broken?.code }));
  const last = pieces.at(-1);
  assert.equal(last?.failure?.code, 'stream_interrupted');
  // A caller's SSE parser would take the half frame, closed by the error's blank line, for an event with broken JSON.
  assert.equal(Buffer.concat(pieces.flatMap((piece) => (piece.bytes === undefined ? [] : [piece.bytes]))).toString('utf8'), whole);
  assert.equal(stream.endsBetweenEvents, true);
  assert.deepEqual(ended, { finished: false, code: 'stream_interrupted' });
});

test('an error frame first is thrown by open, so the next deployment can be tried', async () => {
  const stream = relay(['data: {"error":{"message":"The server is overloaded.","type":"server_error","code":null}}\n\n']);
  await assert.rejects(stream.open(), (error: Error & { code?: string }) => /overloaded/.test(error.message));
});

describe('a stream whose caller did not ask for usage', () => {
  const asked = { stream: true, streamUsage: true } as unknown as ChatRequest;
  const unasked = { stream: true } as unknown as ChatRequest;
  const withheld = tap.withholds?.(unasked);
  if (withheld === undefined) throw new Error('the usage chunk is held back from a caller that did not ask for it');

  const frames = [
    'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}',
    'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"Olá"},"finish_reason":null}],"usage":null}',
    ': a comment line the caller still gets',
    'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}',
    'data: {"id":"c1","model":"m","choices":[],"usage":{"prompt_tokens":20,"completion_tokens":2,"total_tokens":22}}',
    'data: [DONE]',
  ];
  const usageFrame = 4;

  function relayWithheld(chunks: Buffer[]): RelayedStream {
    const body = Readable.from(chunks);
    return new RelayedStream({ status: 200, headers: {}, body } as unknown as UpstreamResponse, openaiChatDialect.createStreamDecoder(), tap as NonNullable<typeof tap>, { provider: 'test', url: 'u' }, sseRelayFraming, withheld);
  }

  async function relayed(chunks: Buffer[]): Promise<{ text: string; input: number | undefined; output: number | undefined; reason: string | undefined; failed: boolean }> {
    const pieces = await drain(relayWithheld(chunks));
    const finish = pieces.flatMap((piece) => piece.events).find((event) => event.type === 'finish');
    return {
      text: Buffer.concat(pieces.flatMap((piece) => (piece.bytes === undefined ? [] : [piece.bytes]))).toString('utf8'),
      input: finish?.type === 'finish' ? finish.usage.inputTokens : undefined,
      output: finish?.type === 'finish' ? finish.usage.outputTokens : undefined,
      reason: finish?.type === 'finish' ? finish.finishReason.unified : undefined,
      failed: pieces.some((piece) => piece.failure !== undefined),
    };
  }

  test('only a stream whose caller did not ask for usage holds frames back, and only the usage-only chunk', () => {
    assert.equal(tap.withholds?.(asked), undefined);
    assert.equal(tap.withholds?.({ stream: false } as unknown as ChatRequest), undefined);
    assert.equal(withheld(frames[usageFrame]!.slice(6)), true);
    assert.equal(withheld('{"id":"c1","choices": [ ], "usage": {"prompt_tokens": 3}}'), true);
    // vLLM-style: no choices at all.
    assert.equal(withheld('{"id":"c1","usage":{"prompt_tokens":3}}'), true);
    // Usage on the finish chunk (DeepSeek, Zhipu) is part of a content chunk: forwarded.
    assert.equal(withheld('{"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3}}'), false);
    // Azure's opening chunk has no choices and no usage.
    assert.equal(withheld('{"id":"","choices":[],"prompt_filter_results":[]}'), false);
    assert.equal(withheld('{"id":"c1","choices":[],"usage":null}'), false);
    assert.equal(withheld('[DONE]'), false);
  });

  for (const [name, end] of [['\\n', '\n'], ['\\r\\n', '\r\n'], ['\\r', '\r']] as const) {
    test(`lines ending ${name}: however the stream is cut in two, the caller gets every frame but the usage chunk, byte for byte`, async () => {
      const text = frames.map((frame) => `${frame}${end}${end}`).join('');
      const expected = frames.filter((_, index) => index !== usageFrame).map((frame) => `${frame}${end}${end}`).join('');
      const bytes = Buffer.from(text, 'utf8');
      for (let cut = 1; cut < bytes.length; cut++) {
        const result = await relayed([bytes.subarray(0, cut), bytes.subarray(cut)]);
        assert.deepEqual(result, { text: expected, input: 20, output: 2, reason: 'stop', failed: false }, `cut at ${cut}`);
      }
    });
  }

  test('with each frame\'s own line ends and the stream cut anywhere, only the usage chunk is left out', async () => {
    const lineEnds = ['\n', '\r\n', '\r'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...lineEnds), { minLength: frames.length, maxLength: frames.length }),
        fc.uniqueArray(fc.integer({ min: 1, max: 700 }), { maxLength: 6 }),
        async (ends, cuts) => {
          const written = frames.map((frame, index) => `${frame}${ends[index]}${ends[index]}`);
          const bytes = Buffer.from(written.join(''), 'utf8');
          const offsets = [0, ...cuts.filter((cut) => cut < bytes.length).sort((a, b) => a - b), bytes.length];
          // An empty chunk between any two (a body may yield one) changes nothing.
          const chunks = offsets.slice(1).flatMap((offset, index) => [bytes.subarray(offsets[index], offset), Buffer.alloc(0)]);
          const result = await relayed(chunks);
          assert.deepEqual(result, { text: written.filter((_, index) => index !== usageFrame).join(''), input: 20, output: 2, reason: 'stop', failed: false });
        },
      ),
      { numRuns: 300 },
    );
  });

  test('an empty chunk between the `\\r` and the `\\n` that end [DONE] leaves the stream whole', async () => {
    const text = frames.map((frame) => `${frame}\r\n\r\n`).join('');
    const bytes = Buffer.from(text, 'utf8');
    const chunks = [bytes.subarray(0, bytes.length - 1), Buffer.alloc(0), bytes.subarray(bytes.length - 1)];
    const result = await relayed(chunks);
    assert.equal(result.text, text.replace(`${frames[usageFrame]}\r\n\r\n`, ''));
  });

  test('a usage chunk split across three chunks, the last also holding [DONE], is held back whole', async () => {
    const text = frames.map((frame) => `${frame}\n\n`).join('');
    const start = text.indexOf(frames[usageFrame]!);
    const bytes = Buffer.from(text, 'utf8');
    const at = (offset: number) => Buffer.byteLength(text.slice(0, offset));
    const chunks = [bytes.subarray(0, at(start + 10)), bytes.subarray(at(start + 10), at(start + 60)), bytes.subarray(at(start + 60))];
    const result = await relayed(chunks);
    assert.equal(result.text, text.replace(`${frames[usageFrame]}\n\n`, ''));
    assert.deepEqual({ input: result.input, output: result.output }, { input: 20, output: 2 });
  });

  test('a frame cut in half, by a broken connection or a stream that ends, is not forwarded, so the in-band error stands on its own', async () => {
    const whole = Buffer.from(`${frames[0]}\n\n${frames[1]}\n\n`);
    const half = Buffer.from(frames[3]!.slice(0, 30));
    let sent = 0;
    const broken = new Readable({
      read() {
        if (sent < 2) this.push([whole, half][sent++]);
        else this.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
      },
    });
    for (const body of [broken, Readable.from([whole, half])]) {
      const stream: RelayedStream = new RelayedStream({ status: 200, headers: {}, body } as unknown as UpstreamResponse, openaiChatDialect.createStreamDecoder(), tap as NonNullable<typeof tap>, { provider: 'test', url: 'u' }, sseRelayFraming, withheld);
      const pieces = await drain(stream);
      assert.equal(Buffer.concat(pieces.flatMap((piece) => (piece.bytes === undefined ? [] : [piece.bytes]))).toString('utf8'), whole.toString('utf8'));
      assert.ok(pieces.at(-1)?.failure !== undefined);
      assert.equal(stream.separatorBeforeError, '');
    }
  });
});

/** The offset past the last frame end in each chunk, as `find` tells every end. */
function lastEndsFound(frameEnds: FrameEnds, chunks: Buffer[]): number[] {
  return chunks.map((chunk) => {
    const { carried, ends } = frameEnds.find(chunk);
    return ends.at(-1) ?? carried;
  });
}

test('the last frame end in each chunk is the last of the ends found one by one, whatever the line ends and however the stream is cut', () => {
  const pieces = fc.constantFrom('data: {"a":1}', 'event: x', ': comment', '\n', '\n\n', '\r', '\r\n', '\r\n\r\n', 'é');
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 40 }), fc.array(fc.nat({ max: 400 }), { maxLength: 6 }), (parts, offsets) => {
      const bytes = Buffer.from(parts.join(''), 'utf8');
      const cuts = [...new Set(offsets.map((offset) => offset % (bytes.length + 1)))].sort((a, b) => a - b);
      const chunks: Buffer[] = [];
      let start = 0;
      for (const cut of [...cuts, bytes.length]) {
        chunks.push(bytes.subarray(start, cut));
        start = cut;
      }
      const sse = new SseFrameEnds();
      assert.deepEqual(chunks.map((chunk) => sse.lastEnd(chunk)), lastEndsFound(new SseFrameEnds(), chunks));
      const ndjson = new NdjsonFrameEnds();
      assert.deepEqual(chunks.map((chunk) => ndjson.lastEnd(chunk)), lastEndsFound(new NdjsonFrameEnds(), chunks));
    }),
  );
});
