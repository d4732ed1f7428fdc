/**
 * ConverseStream replayed from recorded event-stream bodies: bytes → AWS event-stream frames
 * (src/wire/aws-event-stream.ts) → the bedrock dialect's events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import { AwsEventStreamParser, encodeAwsEventStreamMessage } from '../../../src/wire/aws-event-stream.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import type { StreamFrame } from '../../../src/interlingua/dialect.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';

/** Feeds the body in chunks of `size` bytes, as a network would split it, and decodes every frame. */
function decodeBody(body: Buffer, size: number): StreamEvent[] {
  const parser = new AwsEventStreamParser();
  const decoder = bedrockDialect.createStreamDecoder();
  const events: StreamEvent[] = [];
  for (let offset = 0; offset < body.length; offset += size) {
    for (const frame of parser.push(body.subarray(offset, offset + size))) events.push(...decoder.push(frame));
  }
  for (const frame of parser.end()) events.push(...decoder.push(frame));
  events.push(...decoder.end());
  return events;
}

test('a recorded ConverseStream with reasoning folds into signed reasoning, text, stop and usage, however the bytes are split', () => {
  // test/fixtures/recorded/bedrock/pa-converse-stream-reasoning.eventstream.base64.txt (24 frames; frames.ndjson beside it).
  const body = Buffer.from(readFixtureText('bedrock/pa-converse-stream-reasoning.eventstream.base64.txt').trim(), 'base64');
  const frames = readFixtureText('bedrock/pa-converse-stream-reasoning.frames.ndjson')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { payload: { delta?: { text?: string; reasoningContent?: { text?: string; signature?: string } } } });
  const expectedReasoning = frames.map((frame) => frame.payload.delta?.reasoningContent?.text ?? '').join('');
  const expectedText = frames.map((frame) => frame.payload.delta?.text ?? '').join('');
  const signature = frames.find((frame) => frame.payload.delta?.reasoningContent?.signature !== undefined)?.payload.delta?.reasoningContent?.signature;
  for (const size of [body.length, 7, 1]) {
    const response = foldStream(decodeBody(body, size));
    assert.deepEqual(
      response.content.map((part) => part.type),
      ['reasoning', 'text'],
      `chunks of ${size}`,
    );
    const [reasoning, text] = response.content;
    assert.ok(reasoning?.type === 'reasoning' && text?.type === 'text');
    assert.equal(reasoning.text, expectedReasoning);
    assert.equal(reasoning.signature, signature);
    assert.equal(reasoning.signatureOrigin, 'bedrock');
    assert.equal(text.text, expectedText);
    assert.deepEqual(response.finishReason, { unified: 'stop', raw: 'end_turn' });
    assert.equal(response.usage.inputTokens, 37);
    assert.equal(response.usage.outputTokens, 74);
  }
});

test('a live ConverseStream capture decodes to the text and counts its recorder observed', () => {
  const capture = readFixtureJson('bedrock/stream-converse-text-live.capture.json') as {
    response: { bodyBase64: string };
    observed: { text: string; inputTokens: number; outputTokens: number };
  };
  const response = foldStream(decodeBody(Buffer.from(capture.response.bodyBase64, 'base64'), 13));
  assert.deepEqual(response.content, [{ type: 'text', text: capture.observed.text }]);
  assert.equal(response.finishReason.unified, 'stop');
  assert.equal(response.usage.inputTokens, capture.observed.inputTokens);
  assert.equal(response.usage.outputTokens, capture.observed.outputTokens);
});

test('an exception message in the stream becomes an error event with Bedrock\'s type', () => {
  // test/fixtures/recorded/bedrock/stream-converse-modelStreamErrorException.eventstream.base64.txt (SYNTHETIC, CRC-valid).
  const body = Buffer.from(readFixtureText('bedrock/stream-converse-modelStreamErrorException.eventstream.base64.txt').trim(), 'base64');
  const events = decodeBody(body, body.length);
  const error = events.find((event) => event.type === 'error');
  assert.ok(error?.type === 'error');
  assert.equal(error.error.code, 'upstream_error');
  assert.equal(error.error.vendorType, 'ModelStreamErrorException');
  assert.equal(events.some((event) => event.type === 'finish'), false);
});

test('text deltas without a contentBlockStart, then a tool call, decode as the Kimi K2 recording shows', () => {
  // test/fixtures/recorded/bedrock/stream-converse-kimi-k2-text-then-tooluse.data.ndjson: SDK-decoded `{"<eventType>": payload}` lines.
  const frames: StreamFrame[] = readFixtureText('bedrock/stream-converse-kimi-k2-text-then-tooluse.data.ndjson')
    .trim()
    .split('\n')
    .map((line) => {
      const [event, payload] = Object.entries(JSON.parse(line) as Record<string, unknown>)[0]!;
      return { event, data: JSON.stringify(payload) };
    });
  const decoder = bedrockDialect.createStreamDecoder();
  const response = foldStream([...frames.flatMap((frame) => decoder.push(frame)), ...decoder.end()]);
  assert.deepEqual(
    response.content.map((part) => part.type),
    ['text', 'tool-call'],
  );
  const call = response.content[1];
  assert.ok(call?.type === 'tool-call');
  assert.equal(call.id, 'functions.read_file:1');
  assert.equal(call.name, 'read_file');
  assert.deepEqual(JSON.parse(call.arguments), { target_file: 'src/cursor-config.ts' });
  assert.equal(response.finishReason.unified, 'tool-calls');
});

test('a stream that breaks off before messageStop ends in stream_interrupted, never a clean finish', () => {
  const decoder = bedrockDialect.createStreamDecoder();
  const events = [
    ...decoder.push({ event: 'messageStart', data: '{"role":"assistant"}' }),
    ...decoder.push({ event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"Hel"}}' }),
    ...decoder.end(),
  ];
  const last = events.at(-1);
  assert.ok(last?.type === 'error');
  assert.equal(last.error.code, 'stream_interrupted');
});

test('a message cut inside its bytes, or with a bad CRC, is an upstream fault', () => {
  const message = Buffer.from(encodeAwsEventStreamMessage({ event: 'messageStart', data: '{"role":"assistant"}' }));
  const cut = new AwsEventStreamParser();
  assert.deepEqual(cut.push(message.subarray(0, 20)), []);
  assert.throws(() => cut.end(), { code: 'stream_interrupted' });
  const corrupted = Buffer.from(message);
  corrupted.writeUInt8(corrupted.readUInt8(corrupted.length - 6) ^ 0xff, corrupted.length - 6);
  assert.throws(() => new AwsEventStreamParser().push(corrupted), { code: 'upstream_error' });
});
