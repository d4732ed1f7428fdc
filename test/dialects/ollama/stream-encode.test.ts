/**
 * The stream encoder writes the NDJSON lines of an `/api/chat` stream
 * (fixtures/ollama/chat-stream*.doc-example.first-and-final.json show their shape); the decoder
 * reads them back to the same answer, and a folded stream equals its non-streamed twin.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldStream } from '../../../src/core/fold-stream.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { assertWellFormed, chatRequest, decodeFrames, ndjsonFrames, readOllamaFixture } from './helpers.js';

const context = { requestedModel: 'caller-model', request: chatRequest() };

function encodeAll(events: readonly StreamEvent[]): string[] {
  const encoder = ollamaDialect.createStreamEncoder(context);
  return events.map((event) => encoder.encode(event));
}

const answer: StreamEvent[] = [
  { type: 'response-start', id: 'msg_1', model: 'upstream-model' },
  { type: 'reasoning-start', id: 'r' },
  { type: 'reasoning-delta', id: 'r', delta: 'The user wants ' },
  { type: 'reasoning-delta', id: 'r', delta: 'two cities.' },
  { type: 'reasoning-signature', id: 'r', signature: 'sig' },
  { type: 'reasoning-end', id: 'r' },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Checking "both"…\n' },
  { type: 'text-end', id: 't' },
  // Parallel calls, interleaved, with ids the upstream never had (marked as made up).
  { type: 'tool-call-start', id: 'call_a', name: 'get_weather', vendor: { ollama: { idSynthesized: true } } },
  { type: 'tool-call-start', id: 'call_b', name: 'get_weather', vendor: { ollama: { idSynthesized: true } } },
  { type: 'tool-call-delta', id: 'call_a', delta: '{"city":' },
  { type: 'tool-call-delta', id: 'call_b', delta: '{"city":"Rome"}' },
  { type: 'tool-call-delta', id: 'call_a', delta: '"Paris"}' },
  { type: 'tool-call-end', id: 'call_b' },
  { type: 'tool-call-end', id: 'call_a' },
  { type: 'usage', usage: { inputTokens: 42 } },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage: { outputTokens: 17 } },
];

test('encoder → decoder: text, thinking and two parallel calls come back, the calls with distinct made-up ids', () => {
  const text = encodeAll(answer).join('');
  const events = decodeFrames(ndjsonFrames(text));
  assertWellFormed(events);
  const folded = foldStream(events);
  assert.deepEqual(
    folded.content.map((part) => (part.type === 'tool-call' ? { type: part.type, name: part.name, arguments: JSON.parse(part.arguments) as unknown } : part)),
    [
      { type: 'reasoning', text: 'The user wants two cities.' },
      { type: 'text', text: 'Checking "both"…\n' },
      { type: 'tool-call', name: 'get_weather', arguments: { city: 'Rome' } },
      { type: 'tool-call', name: 'get_weather', arguments: { city: 'Paris' } },
    ],
  );
  const ids = folded.content.flatMap((part) => (part.type === 'tool-call' ? [part.id] : []));
  assert.equal(new Set(ids).size, 2);
  assert.ok(ids.every((id) => /^call_[0-9a-f]{32}$/.test(id)), ids.join());
  assert.deepEqual(folded.finishReason, { unified: 'tool-calls', raw: 'stop' });
  assert.equal(folded.usage.inputTokens, 42);
  assert.equal(folded.usage.outputTokens, 17);
  assert.equal(folded.model, 'caller-model');
});

test('each content event is one line, written at once; a call is one line at its end; finish is the done line', () => {
  const written = encodeAll(answer);
  const lineCount = (text: string | undefined) => (text ?? '').split('\n').length - 1;
  assert.deepEqual(written.map(lineCount), [0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1]);
  const lines = written.join('').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  const createdAt = lines[0]?.['created_at'];
  assert.ok(typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)));
  assert.deepEqual(lines[0], { model: 'caller-model', created_at: createdAt, message: { role: 'assistant', content: '', thinking: 'The user wants ' }, done: false });
  assert.deepEqual(lines[2], { model: 'caller-model', created_at: createdAt, message: { role: 'assistant', content: 'Checking "both"…\n' }, done: false });
  assert.deepEqual(lines[3], { model: 'caller-model', created_at: createdAt, message: { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Rome' }, index: 0 } }] }, done: false });
  assert.deepEqual(lines.at(-1), {
    model: 'caller-model',
    created_at: createdAt,
    message: { role: 'assistant', content: '' },
    done: true,
    done_reason: 'stop',
    total_duration: 0,
    load_duration: 0,
    prompt_eval_count: 42,
    prompt_eval_duration: 0,
    eval_count: 17,
    eval_duration: 0,
  });
  // The envelope is serialized once, but the bytes are exactly what JSON.stringify would write.
  for (const line of written.join('').split('\n').filter((text) => text !== '')) assert.equal(line, JSON.stringify(JSON.parse(line)));
});

test('a folded stream equals its non-streamed twin, for every response fixture', () => {
  for (const path of ['ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json', 'ollama/chat-response-history-tools.json', 'ollama/chat-response-nonstream-tools.json']) {
    const response = ollamaDialect.parseResponse(readOllamaFixture(path));
    const streamed = foldStream(decodeFrames(ndjsonFrames(encodeAll(responseToEvents(response)).join(''))));
    const whole = ollamaDialect.parseResponse(ollamaDialect.emitResponse(response, context));
    const comparable = (value: ChatResponse) => ({
      content: value.content.map((part) => (part.type === 'tool-call' && part.vendor?.['ollama']?.['idSynthesized'] === true ? { ...part, id: '' } : part)),
      finishReason: value.finishReason,
      usage: value.usage,
      model: value.model,
    });
    assert.deepEqual(comparable(streamed), comparable(whole), path);
    // Real server ids survive both ways (fixtures/ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json).
    assert.deepEqual(
      streamed.content.flatMap((part) => (part.type === 'tool-call' && part.vendor?.['ollama']?.['idSynthesized'] !== true ? [part.id] : [])),
      response.content.flatMap((part) => (part.type === 'tool-call' && part.vendor?.['ollama']?.['idSynthesized'] !== true ? [part.id] : [])),
    );
  }
});

test('an error is a bare {"error"} line and nothing follows it', () => {
  const written = encodeAll([
    { type: 'response-start', id: 'r', model: 'm' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Partial' },
    { type: 'error', error: new InterlinguaError('overloaded', 'The upstream is overloaded.') },
    { type: 'finish', finishReason: { unified: 'stop' }, usage: {} },
  ]);
  assert.equal(written[3], '{"error":"The upstream is overloaded."}\n');
  assert.equal(written[4], '');
  const events = decodeFrames(ndjsonFrames(written.join('')));
  const last = events.at(-1);
  assert.ok(last?.type === 'error' && last.error.message === 'The upstream is overloaded.');
});

test('an error mid-stream has the words it would have had before the stream began (emitOllamaError)', () => {
  // Another vendor's overflow, as Bedrock's ConverseStream sends it in-stream (aws-samples/bedrock-chat#95).
  const overflow = new InterlinguaError('context_length_exceeded', 'Input is too long for requested model.', { contextOverflow: {} });
  const written = encodeAll([{ type: 'response-start', id: 'r', model: 'm' }, { type: 'error', error: overflow }]);
  assert.equal(written[1], `${JSON.stringify(ollamaDialect.emitError(overflow).body)}\n`);
  assert.equal(written[1], '{"error":"the input length exceeds the context length: Input is too long for requested model."}\n');
});

test('a call still open at finish is written before the done line; empty deltas write nothing', () => {
  const written = encodeAll([
    { type: 'response-start', id: 'r', model: 'm' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: '' },
    { type: 'tool-call-start', id: 'toolu_9', name: 'f' },
    { type: 'tool-call-delta', id: 'toolu_9', delta: '{"x":1}' },
    { type: 'finish', finishReason: { unified: 'tool-calls' }, usage: {} },
  ]);
  assert.equal(written[2], '');
  const lines = (written[5] ?? '').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { message: unknown; done: boolean });
  assert.deepEqual(lines.map((line) => line.done), [false, true]);
  assert.deepEqual(lines[0]?.message, { role: 'assistant', content: '', tool_calls: [{ id: 'toolu_9', function: { name: 'f', arguments: { x: 1 }, index: 0 } }] });
});
