/**
 * Every non-streamed `/api/chat` answer in fixtures/ollama (chat-response-*; docs/api.md examples
 * and recordings from qwen3.5, see MANIFEST.md): parseResponse then emitResponse keeps content,
 * thinking, tool calls (names, arguments, ids and indexes where the server sent them),
 * done_reason, counts and timings. Only `model` (the caller's name) and `created_at` (now) are
 * the emitter's own, and a call's `function.index` where the docs' example left it out (the server
 * always writes it: api/types.go `ToolCallFunction.Index` has no omitempty).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import { chatRequest, chatResponseFixtures, readOllamaFixture } from './helpers.js';

const context = { requestedModel: 'caller-model', request: chatRequest({ stream: false }) };

interface WireAnswer {
  model: string;
  created_at: string;
  message: { role: string; content: string; thinking?: string; tool_calls?: unknown[]; images?: unknown };
  done_reason?: string;
  [key: string]: unknown;
}

/** A call as the server writes it: `function.index` is its position when the example has none. */
function withIndex(call: unknown, position: number): unknown {
  const { function: fn, ...rest } = call as { function: Record<string, unknown> };
  return { ...rest, function: { index: position, ...fn } };
}

test('there are chat response fixtures to replay', () => {
  assert.ok(chatResponseFixtures.length >= 7, `only ${chatResponseFixtures.length} response fixtures found`);
});

for (const path of chatResponseFixtures) {
  test(`response round trip: ${path}`, () => {
    const original = readOllamaFixture(path) as WireAnswer;
    const response = ollamaDialect.parseResponse(original);
    const emitted = ollamaDialect.emitResponse(response, context) as WireAnswer;
    assert.equal(emitted.model, 'caller-model');
    assert.ok(!Number.isNaN(Date.parse(emitted.created_at)));
    // `images: null` on an answer (fixtures/ollama/chat-response-images.json) says nothing.
    const { images: _images, ...written } = original.message;
    const message = written.tool_calls === undefined ? written : { ...written, tool_calls: written.tool_calls.map(withIndex) };
    const expected = { ...original, model: 'caller-model', created_at: emitted.created_at, message, done_reason: original.done_reason ?? 'stop' };
    assert.deepEqual(emitted, expected);
  });
}

test('a tool call is a tool-calls finish though Ollama says "stop" (fixtures/ollama/chat-response-tools-nonstream.json)', () => {
  const response = ollamaDialect.parseResponse(readOllamaFixture('ollama/chat-response-tools-nonstream.json'));
  assert.deepEqual(response.finishReason, { unified: 'tool-calls', raw: 'stop' });
  const [call] = response.content;
  assert.ok(call?.type === 'tool-call');
  assert.equal(call.name, 'get_current_weather');
  assert.deepEqual(JSON.parse(call.arguments), { format: 'celsius', location: 'Paris, FR' });
  assert.match(call.id, /^call_[0-9a-f]{32}$/, 'a made-up id, unique across turns');
  assert.deepEqual(response.usage, {
    inputTokens: 122,
    outputTokens: 33,
    totalTokens: 155,
    raw: {
      dialect: 'ollama',
      value: { total_duration: 885095291, load_duration: 3753500, prompt_eval_count: 122, prompt_eval_duration: 328493000, eval_count: 33, eval_duration: 552222000 },
    },
  });
});

test('thinking and parallel calls with server ids (fixtures/ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json)', () => {
  const response = ollamaDialect.parseResponse(readOllamaFixture('ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json'));
  assert.deepEqual(response.content.map((part) => part.type), ['reasoning', 'tool-call', 'tool-call']);
  assert.deepEqual(response.content.flatMap((part) => (part.type === 'tool-call' ? [part.id] : [])), ['call_trmym6vj', 'call_24957ol8']);
  assert.equal(response.model, 'qwen3.5:35b');
  assert.equal(response.created, Math.floor(Date.parse('2026-03-09T20:20:30.224Z') / 1000));
});

test('an answer without done_reason (old servers: fixtures/ollama/chat-response-images.json) stopped naturally', () => {
  const response = ollamaDialect.parseResponse(readOllamaFixture('ollama/chat-response-images.json'));
  assert.deepEqual(response.finishReason, { unified: 'stop' });
});

test('done_reason words: length, load/unload (docs/api.md "Load a model") and unknown ones', () => {
  const answer = (doneReason: string) => ({ model: 'm', created_at: '2024-09-12T21:17:29.110811Z', message: { role: 'assistant', content: '' }, done: true, done_reason: doneReason });
  const reasons = ['length', 'load', 'unload', 'something_new'].map((word) => ollamaDialect.parseResponse(answer(word)).finishReason);
  assert.deepEqual(reasons, [
    { unified: 'length', raw: 'length' },
    { unified: 'other', raw: 'load' },
    { unified: 'other', raw: 'unload' },
    { unified: 'other', raw: 'something_new' },
  ]);
  const emitted = reasons.map((finishReason) => (ollamaDialect.emitResponse({ id: 'r', model: 'm', content: [], finishReason, usage: {} }, context) as WireAnswer).done_reason);
  assert.deepEqual(emitted, ['length', 'load', 'unload', 'stop']);
});

test('an answer from another vendor: parts joined, zero timings, made-up ids hidden, real ids shown', () => {
  const response: ChatResponse = {
    id: 'msg_1',
    model: 'claude',
    content: [
      { type: 'reasoning', text: 'Plan.', signature: 'sig', signatureOrigin: 'anthropic' },
      { type: 'text', text: 'Checking ' },
      { type: 'tool-call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { type: 'text', text: 'now.' },
      { type: 'tool-call', id: 'call_x', name: 'get_time', arguments: '', vendor: { ollama: { idSynthesized: true } } },
    ],
    finishReason: { unified: 'tool-calls', raw: 'tool_use' },
    usage: { inputTokens: 10, outputTokens: 5, raw: { dialect: 'anthropic', value: { input_tokens: 10 } } },
  };
  assert.deepEqual({ ...(ollamaDialect.emitResponse(response, context) as WireAnswer), created_at: 'now' }, {
    model: 'caller-model',
    created_at: 'now',
    message: {
      role: 'assistant',
      content: 'Checking now.',
      thinking: 'Plan.',
      tool_calls: [{ id: 'toolu_1', function: { name: 'get_weather', arguments: { city: 'Oslo' }, index: 0 } }, { function: { name: 'get_time', arguments: {}, index: 1 } }],
    },
    done: true,
    done_reason: 'stop',
    total_duration: 0,
    load_duration: 0,
    prompt_eval_count: 10,
    prompt_eval_duration: 0,
    eval_count: 5,
    eval_duration: 0,
  });
});

test('a body that is not an /api/chat answer is an upstream_error', () => {
  for (const body of [{ error: 'model "x" not found' }, { model: 'm', response: 'generate, not chat', done: true }, { message: { content: 7 } }, 'text']) {
    assert.throws(() => ollamaDialect.parseResponse(body), (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error', JSON.stringify(body));
  }
});
