/**
 * Cache breakpoints on Chat Completions content parts: read from `cache_control` (as OpenRouter and
 * LiteLLM take it) and from OpenAI's own `prompt_cache_breakpoint`; written as `cache_control` only
 * for upstreams that take it (quirks.cacheBreakpoints), left to OpenAI's automatic caching
 * otherwise; `prompt_cache_key` carried as a request field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenaiChatDialect, openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';

const options = { model: 'gpt-4.1', defaultMaxOutputTokens: 4096 };
const openrouterStyle = createOpenaiChatDialect({ cacheBreakpoints: 'cache-control' });

const wire = {
  model: 'm',
  prompt_cache_key: 'tenant-7',
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral', ttl: '1h' } }] },
    {
      role: 'user',
      content: [
        { type: 'image_url', image_url: { url: 'https://example.com/a.png' }, cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'What is this?', prompt_cache_breakpoint: { mode: 'explicit' } },
      ],
    },
  ],
};

test('cache_control and prompt_cache_breakpoint on parts become breakpoints; prompt_cache_key a request field', () => {
  const { request, warnings } = openaiChatDialect.parseRequest(wire, {});
  assert.deepEqual(warnings, []);
  assert.deepEqual(request.system, [{ type: 'text', text: 'Rules.', cache: { ttl: '1h' }, vendor: { 'openai-chat': { cache_control: { type: 'ephemeral', ttl: '1h' } } } }]);
  assert.deepEqual(request.messages[0]?.content, [
    { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' }, cache: {}, vendor: { 'openai-chat': { cache_control: { type: 'ephemeral' } } } },
    { type: 'text', text: 'What is this?', cache: {}, vendor: { 'openai-chat': { prompt_cache_breakpoint: { mode: 'explicit' } } } },
  ]);
  assert.equal(request.promptCacheKey, 'tenant-7');
  assert.equal(request.vendor, undefined);
});

test('to an upstream of this dialect, a caller\'s own breakpoints and prompt_cache_key come back as written', () => {
  const { request } = openaiChatDialect.parseRequest(wire, {});
  const { body, warnings } = openaiChatDialect.emitRequest(request, options);
  const emitted = body as Record<string, unknown>;
  assert.deepEqual(emitted['messages'], wire.messages);
  assert.equal(emitted['prompt_cache_key'], 'tenant-7');
  assert.deepEqual(warnings, []);
});

test('to OpenAI itself, a breakpoint from another dialect is not written: OpenAI caches prefixes on its own', () => {
  const request: ChatRequest = {
    model: 'm',
    system: [{ type: 'text', text: 'Rules.', cache: { ttl: '1h' } }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Go.', cache: {} }] }],
    sampling: {},
    stream: false,
  };
  const { body, warnings } = openaiChatDialect.emitRequest(request, options);
  assert.deepEqual((body as Record<string, unknown>)['messages'], [
    { role: 'system', content: 'Rules.' },
    { role: 'user', content: 'Go.' },
  ]);
  assert.deepEqual(warnings, []);
});

test('to an upstream that takes cache_control, every part breakpoint is written with its ttl', () => {
  const { request } = openaiChatDialect.parseRequest(wire, {});
  const { body } = openrouterStyle.emitRequest(request, options);
  assert.deepEqual((body as Record<string, unknown>)['messages'], [
    { role: 'system', content: [{ type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral', ttl: '1h' } }] },
    {
      role: 'user',
      content: [
        { type: 'image_url', image_url: { url: 'https://example.com/a.png' }, cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'What is this?', prompt_cache_breakpoint: { mode: 'explicit' } },
      ],
    },
  ]);
});

test("a tool result's breakpoint goes on its last text; one on a tool is reported", () => {
  const request: ChatRequest = {
    model: 'm',
    system: [],
    tools: [{ name: 'f', parameters: { type: 'object' }, cache: {} }],
    messages: [
      { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'f', arguments: '{}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', content: [{ type: 'text', text: 'done' }], cache: {} }] },
    ],
    sampling: {},
    stream: false,
  };
  const { body, warnings } = openrouterStyle.emitRequest(request, options);
  const messages = (body as Record<string, unknown>)['messages'] as Array<Record<string, unknown>>;
  assert.deepEqual(messages[1]?.['content'], [{ type: 'text', text: 'done', cache_control: { type: 'ephemeral' } }]);
  assert.deepEqual(warnings.map((warning) => warning.feature), ['tools.cache']);
});
