/**
 * The stream codec. Chunks are `Completion` objects with partial `text` ("both the streamed and
 * non-streamed response objects share the same shape"), a `choices: []` usage chunk follows the
 * finish when `stream_options.include_usage` is set, and `data: [DONE]` ends the stream
 * (node_modules/openai/resources/completions.d.ts on `Completion`, `stream`, `stream_options`).
 * No completions stream is recorded in test/fixtures/recorded, so the upstream stream below is written
 * in that shape; sdk-client.test.ts has the SDK read what the encoder writes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldStream } from '../../../src/core/fold-stream.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { openaiCompletionsDialect } from '../../../src/dialects/openai-completions/index.js';
import { emitResponse } from '../../../src/dialects/openai-completions/response-emit.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { chatRequest, decodeFrames, sseFrames } from './helpers.js';

const envelope = '"id":"cmpl-7","object":"text_completion","created":1700000000,"model":"gpt-3.5-turbo-instruct"';
const chunk = (text: string, finish: string | null) =>
  `data: {${envelope},"choices":[{"text":${JSON.stringify(text)},"index":0,"logprobs":null,"finish_reason":${JSON.stringify(finish)}}]}\n\n`;
const usageChunk = `data: {${envelope},"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}\n\n`;
const upstreamStream = chunk('Hello', null) + chunk(' world', null) + chunk('', 'length') + usageChunk + 'data: [DONE]\n\n';

function encode(events: readonly StreamEvent[], streamUsage: boolean): string {
  const encoder = openaiCompletionsDialect.createStreamEncoder({ requestedModel: 'gpt-3.5-turbo-instruct', request: chatRequest({ stream: true, streamUsage }) });
  return events.map((event) => encoder.encode(event)).join('');
}

test('an upstream stream decodes to well-formed events and folds to the whole answer', () => {
  const events = decodeFrames(sseFrames(upstreamStream));
  assert.deepEqual(
    events.map((event) => event.type),
    ['response-start', 'text-start', 'text-delta', 'text-delta', 'text-end', 'finish'],
  );
  const folded = foldStream(events);
  assert.equal(folded.id, 'cmpl-7');
  assert.equal(folded.created, 1_700_000_000);
  assert.deepEqual(folded.content, [{ type: 'text', text: 'Hello world' }]);
  assert.deepEqual(folded.finishReason, { unified: 'length', raw: 'length' });
  assert.equal(folded.usage.totalTokens, 7);
});

test('the finish goes out on the usage chunk, at [DONE], or when the connection closes after a finish_reason', () => {
  const onUsage = openaiCompletionsDialect.createStreamDecoder();
  const frames = sseFrames(upstreamStream);
  const beforeUsage = frames.slice(0, 3).flatMap((frame) => onUsage.push(frame));
  assert.ok(!beforeUsage.some((event) => event.type === 'finish'), 'no finish before the usage chunk');
  assert.equal(onUsage.push(frames[3]!).at(-1)?.type, 'finish');

  const withoutUsage = decodeFrames(sseFrames(chunk('Hi', null) + chunk('', 'stop') + 'data: [DONE]\n\n'));
  assert.deepEqual(withoutUsage.at(-1), { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: {} });
  const withoutDone = decodeFrames(sseFrames(chunk('Hi', 'stop')));
  assert.equal(withoutDone.at(-1)?.type, 'finish');
});

test('a stream cut before any finish_reason ends in stream_interrupted, never a clean finish', () => {
  const events = decodeFrames(sseFrames(chunk('Hello', null) + chunk(' wor', null)));
  const last = events.at(-1);
  assert.equal(last?.type, 'error');
  assert.ok(last?.type === 'error' && last.error.code === 'stream_interrupted');
  assert.deepEqual(decodeFrames([]).map((event) => (event.type === 'error' ? event.error.code : event.type)), ['stream_interrupted']);
});

test('an in-stream error frame becomes an error event; a frame that is not JSON is an upstream_error', () => {
  const events = decodeFrames(sseFrames(chunk('Hel', null) + 'data: {"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}\n\n'));
  const last = events.at(-1);
  assert.ok(last?.type === 'error' && last.error.code === 'upstream_error' && last.error.message === 'The server had an error');
  assert.throws(
    () => openaiCompletionsDialect.createStreamDecoder().push({ data: '{not json' }),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error',
  );
});

test('the encoder writes whole text_completion chunks, the finish chunk, the usage chunk when asked, then [DONE]', () => {
  const events = decodeFrames(sseFrames(upstreamStream));
  // Re-encoding the decoded upstream stream gives back the same chunks, byte for byte.
  assert.equal(encode(events, true), upstreamStream);
  assert.equal(encode(events, false), chunk('Hello', null) + chunk(' world', null) + chunk('', 'length') + 'data: [DONE]\n\n');
});

test('encoder → decoder round trip: a whole answer survives streaming', () => {
  const response: ChatResponse = {
    id: 'cmpl-round',
    model: 'm',
    created: 1_700_000_001,
    content: [{ type: 'text', text: 'Line one\nline "two" \u00e9' }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
  };
  const folded = foldStream(decodeFrames(sseFrames(encode(responseToEvents(response), true))));
  assert.equal(folded.id, response.id);
  assert.equal(folded.created, response.created);
  assert.equal(folded.model, 'gpt-3.5-turbo-instruct');
  assert.deepEqual(folded.content, response.content);
  assert.deepEqual(folded.finishReason, response.finishReason);
  assert.deepEqual([folded.usage.inputTokens, folded.usage.outputTokens, folded.usage.totalTokens], [3, 4, 7]);
});

test('a streamed tool call from a chat upstream is written into the text as the whole answer writes it', () => {
  const response: ChatResponse = {
    id: 'x',
    model: 'm',
    content: [
      { type: 'text', text: 'Checking.' },
      { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'tool-call', id: 'call_2', name: 'now', arguments: '' },
    ],
    finishReason: { unified: 'tool-calls' },
    usage: {},
  };
  const folded = foldStream(decodeFrames(sseFrames(encode(responseToEvents(response), false))));
  const whole = emitResponse(response, { requestedModel: 'm', request: chatRequest() });
  assert.deepEqual(folded.content, [{ type: 'text', text: whole.choices[0]?.text ?? '' }]);
  assert.equal(whole.choices[0]?.text, 'Checking.\n{"name": "get_weather", "arguments": {"city":"Paris"}}\n{"name": "now", "arguments": {}}');
});

test('a tool call whose end never came is closed in the text before the last chunk', () => {
  const events: StreamEvent[] = [
    { type: 'response-start', id: 'cmpl-t', model: 'm' },
    { type: 'tool-call-start', id: 'c1', name: 'add' },
    { type: 'tool-call-delta', id: 'c1', delta: '{"a":2}' },
    { type: 'tool-call-end', id: 'c1' },
    { type: 'tool-call-start', id: 'c2', name: 'now' },
    { type: 'tool-call-delta', id: 'c2', delta: '{"tz":"UTC"}' },
    { type: 'finish', finishReason: { unified: 'tool-calls' }, usage: {} },
  ];
  const folded = foldStream(decodeFrames(sseFrames(encode(events, false))));
  const text = folded.content[0]?.type === 'text' ? folded.content[0].text : '';
  assert.equal(text, '{"name": "add", "arguments": {"a":2}}\n{"name": "now", "arguments": {"tz":"UTC"}}');
});

test('an error event is an OpenAI error frame with no [DONE] after it', () => {
  const text = encode([{ type: 'response-start', id: 'cmpl-e', model: 'm' }, { type: 'error', error: new InterlinguaError('overloaded', 'Busy.') }], true);
  assert.equal(text, 'data: {"error":{"message":"Busy.","type":"server_error","param":null,"code":"overloaded"}}\n\n');
});
