/**
 * The three stream decoders (SSE, NDJSON, AWS event-stream) keep only the frame they are reading,
 * search only new bytes for its end, and refuse a frame past their limit. Correctness, not timing:
 * a frame cut into many small pieces decodes to what it decodes to whole, and the limit holds
 * wherever the cuts fall.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SseParser } from '../../src/wire/sse-parser.js';
import { NdjsonParser } from '../../src/wire/ndjson-parser.js';
import { AwsEventStreamParser, encodeAwsEventStreamMessage } from '../../src/wire/aws-event-stream.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import { maxFrameBytes } from '../../src/wire/size-limits.js';
import type { StreamFrame } from '../../src/interlingua/dialect.js';

/** `text` in pieces of `size` characters. */
function pieces(text: string, size: number): string[] {
  const cut: string[] = [];
  for (let start = 0; start < text.length; start += size) cut.push(text.slice(start, start + size));
  return cut;
}

function isFrameTooLong(error: unknown): boolean {
  return error instanceof InterlinguaError && error.code === 'upstream_error' && error.retryable === false && /over/.test(error.message);
}

/** A base64-like payload, as an image in one event would be. */
const longData = 'iVBORw0KGgo'.repeat(20_000);

test('SSE: a long event cut into many small pieces decodes as it does whole', () => {
  const text = `event: image\ndata: {"b64":"${longData}"}\n\ndata: next\r\n\r\n`;
  const whole = new SseParser().push(text);
  assert.equal(whole.length, 2);
  for (const size of [1, 7, 4096]) {
    const parser = new SseParser();
    const frames = pieces(text, size).flatMap((piece) => parser.push(piece));
    assert.deepEqual([...frames, ...parser.end()], whole, `pieces of ${size}`);
  }
});

test('SSE: a line that never ends is refused once past the limit, however it is cut', () => {
  for (const size of [1, 10, 333]) {
    const parser = new SseParser(1000);
    parser.push(`${'data: {"a":1}\n\n'.repeat(5)}data: `);
    let pushed = 0;
    assert.throws(() => {
      for (; pushed < 10_000; pushed += size) parser.push('a'.repeat(size));
    }, isFrameTooLong);
    assert.ok(pushed <= 1000 + size, `refused at ${pushed} characters`);
  }
});

test('SSE: an event of many data lines counts all of them toward the limit', () => {
  const parser = new SseParser(1000);
  assert.throws(() => {
    for (let line = 0; line < 1000; line++) parser.push('data: 0123456789\n');
  }, isFrameTooLong);
});

test('SSE: frames each under the limit pass, however many; comments add nothing', () => {
  const parser = new SseParser(100);
  let frames = 0;
  for (let index = 0; index < 1000; index++) frames += parser.push(`: keep-alive\n\ndata: ${'x'.repeat(90)}\n\n`).length;
  assert.equal(frames, 1000);
});

test('SSE: the default limit is the documented frame limit', () => {
  const parser = new SseParser();
  parser.push('data: ');
  const mebibyte = 'a'.repeat(1024 * 1024);
  let pushed = 0;
  assert.throws(() => {
    for (; pushed <= maxFrameBytes; pushed += mebibyte.length) parser.push(mebibyte);
  }, isFrameTooLong);
  assert.ok(pushed >= maxFrameBytes - mebibyte.length);
});

test('NDJSON: a long line cut into many small pieces decodes as it does whole', () => {
  const text = `{"image":"${longData}"}\r\n\n{"done":true}\n{"tail":1}`;
  const whole = [...new NdjsonParser().push(text)];
  for (const size of [1, 7, 4096]) {
    const parser = new NdjsonParser();
    const frames = pieces(text, size).flatMap((piece) => parser.push(piece));
    assert.deepEqual(frames, whole, `pieces of ${size}`);
    assert.deepEqual(parser.end(), [{ data: '{"tail":1}' }]);
  }
  assert.deepEqual(whole.map((frame) => frame.data.length), [longData.length + 12, 13]);
});

test('NDJSON: a line that never ends, or a whole line past the limit, is refused', () => {
  const parser = new NdjsonParser(1000);
  assert.throws(() => {
    for (let index = 0; index < 1000; index++) parser.push('aaaaaaaaaa');
  }, isFrameTooLong);
  assert.throws(() => new NdjsonParser(1000).push(`${'a'.repeat(1001)}\n`), isFrameTooLong);
  assert.deepEqual(new NdjsonParser(1000).push(`${'a'.repeat(1000)}\n`), [{ data: 'a'.repeat(1000) }]);
});

test('NDJSON and SSE: any cuts of the same lines give the same frames', () => {
  const line = fc.string({ unit: fc.constantFrom('a', 'é', '{', '"', ' ', '字'), maxLength: 40 });
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 30 }), (lines, cuts) => {
      const ndjson = lines.map((entry) => `${entry}\n`).join('');
      const sse = lines.map((entry) => `data: ${entry}\n\n`).join('');
      for (const [text, make] of [
        [ndjson, () => new NdjsonParser()],
        [sse, () => new SseParser()],
      ] as const) {
        const whole = [...make().push(text)];
        const parser = make();
        const frames: StreamFrame[] = [];
        let position = 0;
        for (const cut of cuts) {
          frames.push(...parser.push(text.slice(position, position + cut)));
          position = Math.min(text.length, position + cut);
        }
        frames.push(...parser.push(text.slice(position)), ...parser.end());
        assert.deepEqual(frames, whole);
      }
    }),
  );
});

function eventStreamBytes(frames: StreamFrame[]): Buffer {
  return Buffer.concat(frames.map((frame) => encodeAwsEventStreamMessage(frame)));
}

test('AWS event-stream: a large message cut into many small chunks decodes as it does whole', () => {
  const frames: StreamFrame[] = [
    { event: 'contentBlockDelta', data: JSON.stringify({ delta: { text: longData } }) },
    { event: 'messageStop', data: '{"stopReason":"end_turn"}' },
  ];
  const bytes = eventStreamBytes(frames);
  for (const size of [1, 3, 4096, bytes.length]) {
    const parser = new AwsEventStreamParser();
    const decoded: StreamFrame[] = [];
    for (let start = 0; start < bytes.length; start += size) decoded.push(...parser.push(bytes.subarray(start, start + size)));
    assert.deepEqual([...decoded, ...parser.end()], frames, `chunks of ${size}`);
  }
});

test('AWS event-stream: any cuts of several messages decode to the same frames', () => {
  const frames: StreamFrame[] = [1, 2, 3, 4].map((index) => ({ event: 'contentBlockDelta', data: JSON.stringify({ delta: { text: 'x'.repeat(index * 37) } }) }));
  const bytes = eventStreamBytes(frames);
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }), (offsets) => {
      const cuts = [...new Set(offsets)].sort((left, right) => left - right);
      const parser = new AwsEventStreamParser();
      const decoded: StreamFrame[] = [];
      let start = 0;
      for (const cut of [...cuts, bytes.length]) {
        decoded.push(...parser.push(bytes.subarray(start, cut)));
        start = cut;
      }
      assert.deepEqual([...decoded, ...parser.end()], frames);
    }),
  );
});

test('AWS event-stream: a prelude claiming more than the limit is refused as soon as its length arrives', () => {
  const parser = new AwsEventStreamParser();
  assert.deepEqual(parser.push(Uint8Array.from([0xff, 0xff])), []);
  assert.throws(() => parser.push(Uint8Array.from([0xff, 0xf0])), (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error' && /claims 4294967280 bytes, more than the 64 MiB/.test(error.message));
  const small = new AwsEventStreamParser(1000);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(1001);
  assert.throws(() => small.push(header), (error: unknown) => error instanceof InterlinguaError && error.retryable === true && /claims 1001 bytes, more than the 1000 bytes/.test(error.message));
});

test('AWS event-stream: bytes left at the end are a message cut short', () => {
  const bytes = eventStreamBytes([{ event: 'messageStop', data: '{}' }]);
  const parser = new AwsEventStreamParser();
  parser.push(bytes.subarray(0, bytes.length - 1));
  assert.throws(() => parser.end(), (error: unknown) => error instanceof InterlinguaError && error.code === 'stream_interrupted');
});
