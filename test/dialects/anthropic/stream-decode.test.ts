/**
 * Every recorded Anthropic stream (test/fixtures/recorded/anthropic/*.sse verbatim, and the vercel/ai
 * `.data.ndjson` payload recordings with event names restored from `type`) decoded and folded,
 * compared with what the official SDK's MessageStream makes of the same bytes. The `doc-format-*`
 * streams are written in the documented format (test/fixtures/README.md) and replayed on their own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamFrame } from '../../../src/interlingua/dialect.js';
import type { AssistantPart } from '../../../src/interlingua/content.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { fixtureNames, readFixtureDataLines, readFixtureJson, readFixtureSseFrames, readFixtureText } from '../../support/fixtures.js';
import { decodeFrames, framesToSse, sdkFinalMessage } from './support.js';

const names = fixtureNames('anthropic');

/**
 * Replayed separately: the error event, a stream with server tool blocks the interlingua does not
 * hold, and a stream whose events carry no usage (as in the documented thinking example), which the
 * SDK cannot accumulate.
 */
const special = new Set(['doc-format-stream-error-event.sse', 'doc-format-stream-web-search.sse', 'doc-format-stream-thinking-no-usage.sse']);

const streamFixtures: Array<{ fixture: string; frames: () => StreamFrame[] }> = [
  ...names
    .filter((name) => name.endsWith('.sse') && !special.has(name))
    .map((name) => ({ fixture: `anthropic/${name}`, frames: () => readFixtureSseFrames(`anthropic/${name}`) })),
  ...names
    .filter((name) => name.endsWith('.data.ndjson'))
    .map((name) => ({ fixture: `anthropic/${name}`, frames: () => readFixtureDataLines(`anthropic/${name}`, true) })),
];

/** An SDK content block as the interlingua part it should fold to (server tool blocks have none). */
function expectedPart(block: Record<string, unknown>): AssistantPart | undefined {
  switch (block['type']) {
    case 'text':
      return { type: 'text', text: String(block['text']) };
    case 'thinking': {
      const signature = String(block['signature'] ?? '');
      return { type: 'reasoning', text: String(block['thinking']), signatureOrigin: 'anthropic', ...(signature === '' ? {} : { signature }) };
    }
    case 'redacted_thinking':
      return { type: 'reasoning', text: '', redactedData: String(block['data']), signatureOrigin: 'anthropic' };
    case 'tool_use': {
      const { type: _type, id, name, input, ...extras } = block;
      const part: AssistantPart = { type: 'tool-call', id: String(id), name: String(name), arguments: JSON.stringify(input) };
      return Object.keys(extras).length > 0 ? { ...part, vendor: { anthropic: extras } } : part;
    }
    default:
      return undefined;
  }
}

/** Tool arguments compared as JSON values: the stream carries the text, the SDK the parsed object. */
function comparable(part: AssistantPart): unknown {
  return part.type === 'tool-call' ? { ...part, arguments: JSON.parse(part.arguments === '' ? '{}' : part.arguments) as unknown } : part;
}

test('the fixture set is the one this test was written against', () => {
  assert.ok(streamFixtures.length >= 17, `found ${streamFixtures.length} stream fixtures`);
});

for (const { fixture, frames } of streamFixtures) {
  test(`replays ${fixture} like the official SDK`, async () => {
    const recorded = frames();
    const folded = foldStream(decodeFrames(recorded));
    const sdk = await sdkFinalMessage(framesToSse(recorded));
    assert.equal(folded.id, sdk.id);
    assert.equal(folded.model, sdk.model);
    const expected = sdk.content.flatMap((block) => expectedPart({ ...block }) ?? []);
    assert.deepEqual(folded.content.map(comparable), expected.map(comparable));
    assert.equal(folded.finishReason.raw, sdk.stop_reason);
    assert.equal(folded.stopSequence ?? null, sdk.stop_sequence);
    const cacheRead = sdk.usage.cache_read_input_tokens ?? 0;
    const cacheWrite = sdk.usage.cache_creation_input_tokens ?? 0;
    assert.equal(folded.usage.inputTokens, sdk.usage.input_tokens + cacheRead + cacheWrite);
    assert.equal(folded.usage.outputTokens, sdk.usage.output_tokens);
  });
}

test('message_delta input_tokens replaces message_start (stream-message-delta-input-tokens.data.ndjson)', () => {
  const folded = foldStream(decodeFrames(readFixtureDataLines('anthropic/stream-message-delta-input-tokens.data.ndjson', true)));
  assert.equal(folded.usage.inputTokens, 61);
  assert.equal(folded.usage.outputTokens, 2);
  assert.deepEqual(folded.content, [{ type: 'text', text: 'pong' }]);
});

test('a stream without usage still finishes (doc-format-stream-thinking-no-usage.sse)', () => {
  const folded = foldStream(decodeFrames(readFixtureSseFrames('anthropic/doc-format-stream-thinking-no-usage.sse')));
  assert.deepEqual(folded.finishReason, { unified: 'stop', raw: 'end_turn' });
  assert.equal(folded.content[0]?.type, 'reasoning');
  assert.equal(folded.content[0].signature, 'EpYBCkYIBxgCKkBTestOnlySignatureNotFromAnyModel0000');
  assert.equal(folded.content[0].text, 'An hour has 60 minutes, so multiply:\n\n1. 19 * 60\n2. 20 * 60 = 1,200\n3. 1,200 - 60 = 1,140');
  assert.deepEqual(folded.content[1], { type: 'text', text: '19 hours are 1,140 minutes.' });
  assert.equal(folded.usage.inputTokens, undefined);
});

test('server tool blocks are no interlingua part, only vendor output (doc-format-stream-web-search.sse)', () => {
  const folded = foldStream(decodeFrames(readFixtureSseFrames('anthropic/doc-format-stream-web-search.sse')));
  assert.deepEqual(
    folded.content.map((part) => part.type),
    ['text', 'text'],
  );
  assert.equal(folded.content[0]?.type === 'text' && folded.content[0].text, 'Let me look up the weather in Oslo.');
  assert.equal(folded.content[1]?.type === 'text' && folded.content[1].text, 'Light rain is falling in Oslo, about 6 °C.');
  // message_delta's input_tokens (search results included) replaces message_start's.
  assert.equal(folded.usage.inputTokens, 8931);
});

test('a frame cut inside its JSON is a malformed-stream upstream_error, not a crash', () => {
  const frames = readFixtureSseFrames('anthropic/doc-format-stream-web-search.sse');
  const results = frames.findIndex((frame) => frame.data.includes('"web_search_tool_result"'));
  const cut = frames.map((frame, index) => (index === results ? { ...frame, data: frame.data.slice(0, frame.data.length / 2) } : frame));
  const decoder = anthropicDialect.createStreamDecoder();
  assert.throws(
    () => cut.forEach((frame) => decoder.push(frame)),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error',
  );
});

test('the error event becomes an error event (doc-format-stream-error-event.sse)', () => {
  const events = decodeFrames(readFixtureSseFrames('anthropic/doc-format-stream-error-event.sse'));
  assert.equal(events.length, 1);
  const [event] = events;
  assert.equal(event?.type, 'error');
  assert.equal(event.error.code, 'overloaded');
  assert.equal(event.error.vendorType, 'overloaded_error');
  assert.equal(event.error.retryable, true);
  assert.equal(event.error.message, 'Overloaded');
});

test('a stream cut before message_stop ends in stream_interrupted, never a clean finish', () => {
  const frames = readFixtureSseFrames('anthropic/fantasy-sonnet4-tool_streaming.i0.response.sse');
  const cutAt = frames.findIndex((frame) => frame.event === 'message_delta');
  for (const cut of [0, 1, 5, cutAt, cutAt + 1]) {
    const events = decodeFrames(frames.slice(0, cut));
    assert.equal(events.some((event) => event.type === 'finish'), false);
    const last = events.at(-1);
    assert.equal(last?.type, 'error');
    assert.equal(last.error.code, 'stream_interrupted');
    assert.throws(() => foldStream(events), InterlinguaError);
  }
});

test('streamed and non-streamed twins (separate recordings) have the same kinds of parts', () => {
  const twins: Array<[string, string]> = [
    ['fantasy-sonnet4-tool.i0.response.json', 'fantasy-sonnet4-tool_streaming.i0.response.sse'],
    ['fantasy-sonnet4-tool.i1.response.json', 'fantasy-sonnet4-tool_streaming.i1.response.sse'],
    ['fantasy-sonnet4-multi_tool.i0.response.json', 'fantasy-sonnet4-multi_tool_streaming.i0.response.sse'],
    ['fantasy-sonnet4-thinking.i0.response.json', 'fantasy-sonnet4-thinking-streaming.i0.response.sse'],
    ['fantasy-sonnet4-simple.response.json', 'fantasy-sonnet4-simple_streaming.response.sse'],
    ['fantasy-sonnet4-image-upload.response.json', 'fantasy-sonnet4-image-upload-streaming.response.sse'],
  ];
  const shape = (response: ChatResponse) => ({
    parts: response.content.map((part) => (part.type === 'tool-call' ? `tool-call:${part.name}` : part.type)),
    finish: response.finishReason.unified,
    signed: response.content.filter((part) => part.type === 'reasoning').every((part) => part.signature !== undefined),
  });
  for (const [whole, streamed] of twins) {
    const response = anthropicDialect.parseResponse(readFixtureJson(`anthropic/${whole}`));
    const folded = foldStream(decodeFrames(readFixtureSseFrames(`anthropic/${streamed}`)));
    assert.deepEqual(shape(folded), shape(response), `${whole} vs ${streamed}`);
  }
});

test('ping frames and unknown event types are ignored; deltas for unopened blocks are upstream errors', () => {
  const decoder = anthropicDialect.createStreamDecoder();
  assert.deepEqual(decoder.push({ event: 'ping', data: '{"type": "ping"}' }), []);
  assert.deepEqual(decoder.push({ event: 'future_event', data: '{"type":"future_event"}' }), []);
  assert.throws(
    () => decoder.push({ event: 'content_block_delta', data: '{"type":"content_block_delta","index":4,"delta":{"type":"text_delta","text":"x"}}' }),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error',
  );
  assert.throws(() => decoder.push({ data: 'not json' }), InterlinguaError);
  assert.equal(readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse').includes('event: ping'), true);
});

test('a delta of the wrong shape is an upstream error naming the field, as the schemas word it', () => {
  const opened = () => {
    const decoder = anthropicDialect.createStreamDecoder();
    decoder.push({ event: 'message_start', data: '{"type":"message_start","message":{"id":"msg_1","model":"claude-sonnet-4-5","usage":{"input_tokens":1,"output_tokens":0}}}' });
    decoder.push({ event: 'content_block_start', data: '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}' });
    return decoder;
  };
  const refused = (data: string, field: RegExp) =>
    assert.throws(
      () => opened().push({ event: 'content_block_delta', data }),
      (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error' && field.test(error.message),
      data,
    );
  assert.deepEqual(opened().push({ event: 'content_block_delta', data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}' }), [{ type: 'text-delta', id: '0', delta: 'Hi' }]);
  refused('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":7}}', /content_block_delta\.delta\.text/);
  refused('{"type":"content_block_delta","index":-1,"delta":{"type":"text_delta","text":"Hi"}}', /content_block_delta\.index/);
  refused('{"type":"content_block_delta","index":0,"delta":"Hi"}', /content_block_delta\.delta/);
  refused('{"type":"content_block_stop","index":"0"}', /content_block_stop\.index/);
});
