/**
 * Lists whose length the input decides are appended without spreading them into one call: past
 * some 120,000 arguments V8 throws "Maximum call stack size exceeded", and a caller's message of
 * that many parts, or an upstream's answer of that many citations, was answered with a 500.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatDialect } from '../../src/dialects/openai-chat/index.js';
import { anthropicDialect } from '../../src/dialects/anthropic/index.js';
import { geminiDialect } from '../../src/dialects/gemini/index.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { ChatResponse } from '../../src/interlingua/response.js';

const many = 150_000;

test('a system message of 150,000 parts is read and written to Claude and Gemini', () => {
  const parts = Array.from({ length: many }, (_, index) => ({ type: 'text', text: `p${index}` }));
  const { request } = openaiChatDialect.parseRequest({ model: 'm', messages: [{ role: 'system', content: parts }, { role: 'user', content: parts }] }, {});
  assert.equal(request.system.length, many);
  const toClaude = anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 1024 }).body as { system: unknown[] };
  assert.equal(toClaude.system.length, many);
  const toGemini = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 }).body as { contents: Array<{ parts: unknown[] }> };
  assert.equal(toGemini.contents[0]?.parts.length, many);
});

test('an answer with 150,000 URL citations reaches a Chat Completions caller whole', () => {
  const request: ChatRequest = { model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Sources?' }] }], sampling: {}, stream: false };
  const citations = Array.from({ length: many }, (_, index) => ({ type: 'url' as const, url: `https://example.com/${index}`, startIndex: 0, endIndex: 2 }));
  const response: ChatResponse = { id: 'r', model: 'm', content: [{ type: 'text', text: 'ab', citations }], finishReason: { unified: 'stop' }, usage: { inputTokens: 1, outputTokens: 1 } };
  const emitted = openaiChatDialect.emitResponse(response, { requestedModel: 'm', request }) as { choices: Array<{ message: { annotations?: unknown[] } }> };
  assert.equal(emitted.choices[0]?.message.annotations?.length, many);
});

test('150,000 fields no target knows are each reported, to Claude, Gemini and Ollama', async () => {
  const { ollamaDialect } = await import('../../src/dialects/ollama/index.js');
  const body: Record<string, unknown> = { model: 'm', messages: [{ role: 'user', content: 'Hi' }] };
  for (let index = 0; index < many; index++) body[`unknown_${index}`] = 1;
  const { request } = openaiChatDialect.parseRequest(body, {});
  for (const [dialect, model] of [
    [anthropicDialect, 'claude-sonnet-4-5'],
    [geminiDialect, 'gemini-2.5-flash'],
    [ollamaDialect, 'llama3.2'],
  ] as const) {
    const emitted = dialect.emitRequest(request, { model, defaultMaxOutputTokens: 1024 });
    assert.ok(emitted.warnings.length >= many, `${dialect.name}: ${emitted.warnings.length} warnings`);
  }
});

test('20,000 user messages in a row are one Claude turn; results merged after text still go first', () => {
  const messages = Array.from({ length: 20_000 }, (_, index) => ({ role: 'user', content: `line ${index}` }));
  const { request } = openaiChatDialect.parseRequest({ model: 'm', messages }, {});
  const emitted = anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 1024 });
  const turns = (emitted.body as { messages: Array<{ role: string; content: unknown[] }> }).messages;
  assert.equal(turns.length, 1);
  assert.equal(turns[0]?.content.length, 20_000);
  assert.equal(emitted.warnings.filter((warning) => warning.feature === 'tool_result.order').length, 0);

  const answered = openaiChatDialect.parseRequest(
    {
      model: 'm',
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' } }] },
        { role: 'user', content: 'Hurry.' },
        { role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
        { role: 'user', content: 'Thanks.' },
      ],
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: {} } } }],
    },
    {},
  );
  const merged = anthropicDialect.emitRequest(answered.request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 1024 });
  const last = (merged.body as { messages: Array<{ role: string; content: Array<{ type: string }> }> }).messages.at(-1);
  assert.deepEqual(
    last?.content.map((block) => block.type),
    ['tool_result', 'text', 'text'],
  );
  assert.equal(merged.warnings.filter((warning) => warning.feature === 'tool_result.order').length, 1);
});

test('many text documents beside many unknown fields: one file.text warning for OpenAI', () => {
  const count = 5_000;
  const body: Record<string, unknown> = {
    model: 'm',
    max_tokens: 10,
    messages: [{ role: 'user', content: Array.from({ length: count }, (_, index) => ({ type: 'document', title: `d${index}`, source: { type: 'text', media_type: 'text/plain', data: 'hi' } })) }],
  };
  for (let index = 0; index < count; index++) body[`x${index}`] = 1;
  const { request } = anthropicDialect.parseRequest(body, {});
  const emitted = openaiChatDialect.emitRequest(request, { model: 'gpt-4o', defaultMaxOutputTokens: 10 });
  assert.equal(emitted.warnings.filter((warning) => warning.feature === 'file.text').length, 1);
  assert.ok(emitted.warnings.length > count);
});
