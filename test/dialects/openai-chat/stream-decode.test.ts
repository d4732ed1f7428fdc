/**
 * Every recorded Chat Completions stream (fixtures/openai-chat, openai-compat, deepseek, zhipu-glm:
 * `.sse` bodies and `.data.ndjson` payload lines; see MANIFEST.md) replayed through the decoder
 * and folded, checked against what the recording itself contains.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldStream } from '../../../src/core/fold-stream.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { StreamFrame } from '../../../src/interlingua/dialect.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { assertWellFormed, decodeFrames, readStreamFrames, streamFixtures } from './helpers.js';

interface RecordedCall {
  id: string;
  name: string;
  arguments: string;
}

/** What a recording says, read straight from its JSON chunks with no decoder involved. */
function recordingFacts(frames: readonly StreamFrame[]) {
  let text = '';
  let reasoning = '';
  let finishReason: string | undefined;
  let usage: Record<string, unknown> | undefined;
  let id: string | undefined;
  const calls = new Map<number, RecordedCall>();
  for (const frame of frames) {
    if (frame.data.trim() === '[DONE]') continue;
    const chunk = JSON.parse(frame.data) as {
      id?: string;
      usage?: Record<string, unknown> | null;
      choices?: Array<{
        index?: number;
        finish_reason?: string | null;
        delta?: {
          content?: string | null;
          reasoning_content?: string | null;
          reasoning?: string | null;
          tool_calls?: Array<{ index: number; id?: string; function?: { name?: string; arguments?: string } }>;
        };
      }>;
    };
    if (id === undefined && chunk.id) id = chunk.id;
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      const delta = choice.delta ?? {};
      text += delta.content ?? '';
      reasoning += delta.reasoning_content ?? delta.reasoning ?? '';
      for (const call of delta.tool_calls ?? []) {
        const entry = calls.get(call.index) ?? { id: '', name: '', arguments: '' };
        if (entry.id === '' && call.id) entry.id = call.id;
        if (entry.name === '' && call.function?.name) entry.name = call.function.name;
        entry.arguments += call.function?.arguments ?? '';
        calls.set(call.index, entry);
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  return { id, text, reasoning, finishReason, usage, calls: [...calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call) };
}

function joined(response: ChatResponse, type: 'text' | 'reasoning'): string {
  return response.content.flatMap((part) => (part.type === type ? [part.text] : [])).join('');
}

test('there are streams to replay', () => {
  assert.ok(streamFixtures.length >= 20, `only ${streamFixtures.length} stream fixtures found`);
});

for (const path of streamFixtures) {
  test(`stream replay: ${path}`, () => {
    const frames = readStreamFrames(path);
    const facts = recordingFacts(frames);
    const events = decodeFrames(frames);
    assertWellFormed(events);
    assert.equal(events.filter((event) => event.type === 'finish').length, 1);
    const response = foldStream(events);

    assert.equal(response.id, facts.id);
    assert.equal(joined(response, 'text'), facts.text);
    assert.equal(joined(response, 'reasoning'), facts.reasoning);
    const calls = response.content.filter((part) => part.type === 'tool-call');
    assert.equal(calls.length, facts.calls.length);
    calls.forEach((call, index) => {
      const recorded = facts.calls[index];
      assert.ok(recorded !== undefined);
      assert.equal(call.name, recorded.name);
      assert.equal(call.id, recorded.id === '' ? call.id : recorded.id);
      assert.match(call.id, /.+/);
      assert.equal(call.arguments, recorded.arguments);
      JSON.parse(call.arguments);
    });
    assert.equal(new Set(calls.map((call) => call.id)).size, calls.length, 'tool call ids are distinct');

    assert.equal(response.finishReason.raw, facts.finishReason);
    if (facts.usage !== undefined) {
      assert.equal(response.usage.inputTokens, facts.usage['prompt_tokens']);
      assert.equal(response.usage.totalTokens, facts.usage['total_tokens']);
      // Output counts reasoning, in every vendor's total: xAI's `completion_tokens` leaves it out (src/dialects/openai-chat/usage.ts).
      assert.equal(response.usage.outputTokens, Number(facts.usage['total_tokens']) - Number(facts.usage['prompt_tokens']));
      assert.ok((response.usage.outputTokens ?? 0) >= (response.usage.reasoningTokens ?? 0), 'reasoning is part of the output');
    }
  });

  test(`truncated before its finish_reason: ${path}`, () => {
    const frames = readStreamFrames(path);
    const cut = frames.findIndex((frame) => /"finish_reason":\s*"/.test(frame.data));
    assert.ok(cut > 0, 'the recording has a finish_reason');
    for (const kept of [cut, Math.floor(cut / 2)]) {
      const events = decodeFrames(frames.slice(0, kept));
      assertWellFormed(events);
      const last = events.at(-1);
      assert.equal(last?.type, 'error');
      assert.ok(last.type === 'error' && last.error.code === 'stream_interrupted');
      assert.equal(events.some((event) => event.type === 'finish'), false, 'a cut stream never finishes cleanly');
    }
  });
}

/** Recordings of the same scenario, non-streamed and streamed (separate runs, so the words differ). */
const twins: Array<[string, string]> = [
  ['openai-chat/fantasy-gpt4o-simple.response.json', 'openai-chat/fantasy-gpt4o-simple_streaming.response.sse'],
  ['openai-chat/fantasy-gpt4o-simple_object.response.json', 'openai-chat/fantasy-gpt4o-simple_object_streaming.response.sse'],
  ['openai-chat/fantasy-gpt4o-tool.i0.response.json', 'openai-chat/fantasy-gpt4o-tool_streaming.i0.response.sse'],
  ['openai-chat/fantasy-gpt4o-tool.i1.response.json', 'openai-chat/fantasy-gpt4o-tool_streaming.i1.response.sse'],
  ['openai-chat/fantasy-gpt4o-multi_tool.i0.response.json', 'openai-chat/fantasy-gpt4o-multi_tool_streaming.i0.response.sse'],
  ['openai-chat/fantasy-gpt4o-multi_tool.i1.response.json', 'openai-chat/fantasy-gpt4o-multi_tool_streaming.i1.response.sse'],
  ['openai-chat/fantasy-gpt5-image-upload.response.json', 'openai-chat/fantasy-gpt5-image-upload-streaming.response.sse'],
  ['openai-chat/response-text.json', 'openai-chat/stream-text-include-usage.data.ndjson'],
  ['deepseek/response-reasoning-content.json', 'deepseek/stream-reasoning-content.data.ndjson'],
  ['deepseek/response-reasoning-tool-call.json', 'deepseek/stream-reasoning-then-tool-call.data.ndjson'],
  ['zhipu-glm/fantasy-glm47flash-thinking.i0.response.json', 'zhipu-glm/fantasy-glm47flash-thinking-streaming.i0.response.sse'],
  ['zhipu-glm/fantasy-glm47flash-thinking.i1.response.json', 'zhipu-glm/fantasy-glm47flash-thinking-streaming.i1.response.sse'],
];

for (const [whole, streamed] of twins) {
  test(`folded stream has the shape of its non-streamed twin: ${streamed}`, () => {
    const expected = openaiChatDialect.parseResponse(readFixtureJson(whole));
    const folded = foldStream(decodeFrames(readStreamFrames(streamed)));
    assert.deepEqual(folded.content.map((part) => part.type), expected.content.map((part) => part.type));
    const names = (response: ChatResponse) => response.content.flatMap((part) => (part.type === 'tool-call' ? [part.name] : []));
    assert.deepEqual(names(folded), names(expected));
    assert.deepEqual(folded.finishReason, expected.finishReason);
    assert.equal(typeof folded.usage.inputTokens, 'number');
    assert.equal(typeof folded.usage.outputTokens, 'number');
  });
}

test('Qwen repeats id "" on later tool deltas: the first id is kept (openai-compat/alibaba-qwen-stream-tool-call-empty-id.data.ndjson)', () => {
  const response = foldStream(decodeFrames(readStreamFrames('openai-compat/alibaba-qwen-stream-tool-call-empty-id.data.ndjson')));
  assert.deepEqual(response.content, [
    { type: 'tool-call', id: 'call_eee11723464a4b9eb8cee71d', name: 'weather', arguments: '{"location": "San Francisco"}' },
  ]);
  assert.equal(response.usage.inputTokens, 295);
  assert.equal(response.usage.cachedInputTokens, 0);
});

test('Groq sends a whole call in one delta (openai-compat/groq-stream-tool-call-single-chunk.data.ndjson)', () => {
  const response = foldStream(decodeFrames(readStreamFrames('openai-compat/groq-stream-tool-call-single-chunk.data.ndjson')));
  assert.deepEqual(response.content, [{ type: 'tool-call', id: 'tk85n1k4m', name: 'weather', arguments: '{}' }]);
  assert.deepEqual(response.finishReason, { unified: 'tool-calls', raw: 'tool_calls' });
  assert.equal(response.usage.totalTokens, 225);
});

test('tool calls numbered from index 1 after text (openai-chat/stream-tool-call-index1-anthropic-compat.sse)', () => {
  const events = decodeFrames(readStreamFrames('openai-chat/stream-tool-call-index1-anthropic-compat.sse'));
  const types = events.map((event) => event.type);
  assert.ok(types.indexOf('text-end') < types.indexOf('tool-call-start'), 'the text block closes before the call opens');
  const response = foldStream(events);
  assert.deepEqual(response.content, [
    { type: 'text', text: 'Reading it.' },
    { type: 'tool-call', id: 'toolu_sanitized', name: 'read_file', arguments: '{"path": "a.txt"}' },
  ]);
  assert.deepEqual(response.usage, {}, 'no usage was sent');
});

test('Azure opens with an empty-id prompt_filter_results chunk (openai-chat/stream-azure-content-filter-prompt-filter-results.data.ndjson)', () => {
  const frames = readStreamFrames('openai-chat/stream-azure-content-filter-prompt-filter-results.data.ndjson');
  const events = decodeFrames(frames);
  // The filter chunk goes out, as it came, on the response's start (src/dialects/openai-chat/azure-filter-chunks.ts),
  // and so do the role chunk's own content_filter_results, {} (azure-filter-results.ts).
  const azureFilterChunks = [JSON.parse(frames[0]!.data) as unknown];
  assert.deepEqual(events[0], {
    type: 'response-start',
    id: 'chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt',
    model: 'gpt-5-nano-2025-08-07',
    created: 1762317021,
    vendor: { 'openai-chat': { azureFilterChunks, contentFilterResults: {} } },
  });
  assert.equal(foldStream(events).usage.reasoningTokens, 64);
});

test('OpenRouter repeats the finish chunk with usage: one finish, with the usage (openai-compat/fantasy-openrouter-anthropic-thinking-streaming.i0.response.sse)', () => {
  const events = decodeFrames(readStreamFrames('openai-compat/fantasy-openrouter-anthropic-thinking-streaming.i0.response.sse'));
  const finishes = events.filter((event) => event.type === 'finish');
  assert.equal(finishes.length, 1);
  assert.ok(finishes[0]?.type === 'finish' && finishes[0].usage.inputTokens === 607 && finishes[0].usage.reasoningTokens === 99);
});

const chunk = (body: Record<string, unknown>): StreamFrame => ({
  data: JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', ...body }),
});

test('the usage chunk may come before the finish_reason chunk', () => {
  const decoder = openaiChatDialect.createStreamDecoder();
  const events: StreamEvent[] = [
    ...decoder.push(chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }] })),
    ...decoder.push(chunk({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } })),
  ];
  assert.equal(events.some((event) => event.type === 'finish'), false);
  const closing = decoder.push(chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'length' }] }));
  assert.deepEqual(closing.at(-1), {
    type: 'finish',
    finishReason: { unified: 'length', raw: 'length' },
    usage: { inputTokens: 5, outputTokens: 1, totalTokens: 6, raw: { dialect: 'openai-chat', value: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } } },
  });
  assert.deepEqual(decoder.push({ data: '[DONE]' }), []);
  assert.deepEqual(decoder.end(), []);
});

test('a mid-stream error frame (the shape node_modules/openai/core/streaming.js raises on) is an error event', () => {
  const decoder = openaiChatDialect.createStreamDecoder();
  decoder.push(chunk({ choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] }));
  const events = decoder.push({
    data: '{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}',
  });
  assert.equal(events.length, 1);
  const [event] = events;
  assert.ok(event?.type === 'error');
  assert.equal(event.error.code, 'rate_limited');
  assert.equal(event.error.message, 'Rate limit reached for requests');
  assert.equal(event.error.vendorType, 'requests');
  assert.deepEqual(decoder.push({ data: '[DONE]' }), [], 'nothing follows an error');
  assert.deepEqual(decoder.end(), []);
});

test('[DONE] without a finish_reason still ends, with an unknown reason; end() without either is interrupted', () => {
  const decoder = openaiChatDialect.createStreamDecoder();
  decoder.push(chunk({ choices: [{ index: 0, delta: { content: 'Hi' } }] }));
  const events = decoder.push({ data: '[DONE]' });
  assert.deepEqual(events.at(-1), { type: 'finish', finishReason: { unified: 'other' }, usage: {} });
  const empty = openaiChatDialect.createStreamDecoder().end();
  assert.ok(empty[0]?.type === 'error' && empty[0].error.code === 'stream_interrupted');
});

test('a frame that is not JSON throws an upstream_error', () => {
  const decoder = openaiChatDialect.createStreamDecoder();
  assert.throws(
    () => decoder.push({ data: '{"id": "chatcmpl' }),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error',
  );
});

test('envelope fields of the wrong type read as absent instead of sinking the stream', () => {
  const decoder = openaiChatDialect.createStreamDecoder();
  const events = [
    ...decoder.push({ data: JSON.stringify({ id: 7, created: '1762317021', model: null, choices: [{ index: 0, delta: { content: 'ok' }, finish_reason: 'stop' }] }) }),
    ...decoder.end(),
  ];
  const start = events[0];
  assert.ok(start?.type === 'response-start');
  assert.match(start.id, /^chatcmpl-/);
  assert.equal(start.created, undefined);
  assert.equal(foldStream(events).content[0]?.type, 'text');
});
