import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import type { Message } from '../../../src/interlingua/message.js';
import { readFixtureJson } from '../../support/fixtures.js';

function parse(body: unknown) {
  return anthropicDialect.parseRequest(body, {});
}

function rejects(body: unknown, param: string): void {
  assert.throws(
    () => parse(body),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && error.status === 400 && error.param === param && error.message.startsWith(`${param}:`),
  );
}

const base = { model: 'claude-sonnet-4-5', max_tokens: 100 };

test('a user turn with tool results then text becomes a tool message then a user message (fantasy-sonnet4-multi_tool.i1)', () => {
  const body = readFixtureJson('anthropic/fantasy-sonnet4-multi_tool.i1.request.json');
  assert.ok(body !== null && typeof body === 'object' && 'messages' in body && Array.isArray(body.messages));
  const lastTurn = body.messages[2] as { content: unknown[] };
  lastTurn.content.push({ type: 'text', text: 'Now explain.' });
  const { request } = parse(body);
  assert.deepEqual(
    request.messages.map((message) => message.role),
    ['user', 'assistant', 'tool', 'user'],
  );
  const tool = request.messages[2] as Extract<Message, { role: 'tool' }>;
  assert.deepEqual(tool.content, [
    { type: 'tool-result', toolCallId: 'toolu_01StBeRxDEwsqcc3arbDgpS9', toolName: 'add', content: [{ type: 'text', text: '5' }] },
    { type: 'tool-result', toolCallId: 'toolu_01AC6WQhj2iRkdYHgTAGMpVQ', toolName: 'multiply', content: [{ type: 'text', text: '6' }] },
  ]);
  assert.deepEqual(request.messages[3], { role: 'user', content: [{ type: 'text', text: 'Now explain.' }] });
  assert.equal(request.parallelToolCalls, true);
  assert.deepEqual(request.toolChoice, { type: 'auto' });
  assert.equal(request.streamUsage, true);
});

test('a tool result whose call is not in the history has no tool name (dd-stream-tool-result-followup)', () => {
  const { request } = parse(readFixtureJson('anthropic/dd-stream-tool-result-followup.request.json'));
  const tool = request.messages[2];
  assert.equal(tool?.role, 'tool');
  assert.equal(tool.content[0]?.toolName, undefined);
  assert.equal(request.stream, true);
});

test('thinking and redacted thinking become reasoning signed by anthropic; an empty signature signs nothing', () => {
  const { request } = parse({
    ...base,
    messages: [
      { role: 'user', content: 'hi' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'hmm', signature: 'sig' },
          { type: 'redacted_thinking', data: 'enc' },
          { type: 'thinking', thinking: 'unsigned', signature: '' },
          { type: 'text', text: 'answer', citations: null },
        ],
      },
    ],
    thinking: { type: 'enabled', budget_tokens: 2048 },
  });
  assert.deepEqual(request.messages[1]?.content, [
    { type: 'reasoning', text: 'hmm', signature: 'sig', signatureOrigin: 'anthropic' },
    { type: 'reasoning', text: '', redactedData: 'enc', signatureOrigin: 'anthropic' },
    { type: 'reasoning', text: 'unsigned' },
    { type: 'text', text: 'answer', vendor: { anthropic: { citations: null } } },
  ]);
  assert.deepEqual(request.reasoning, { enabled: true, budgetTokens: 2048, includeThoughts: true });
});

test('a URL document block is a file part, a PDF by URL (pa-document-url-source)', () => {
  const { request, warnings } = parse(readFixtureJson('anthropic/pa-document-url-source.request.json'));
  assert.deepEqual(warnings, []);
  assert.deepEqual(request.messages, [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is the main content on this document?' },
        { type: 'file', source: { kind: 'url', url: 'https://pdfobject.com/pdf/sample.pdf', mediaType: 'application/pdf' } },
      ],
    },
  ]);
});

test('a document with a content source has no file form: it stays an opaque block, with a warning', () => {
  const block = { type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'a' }] } };
  const { request, warnings } = parse({ ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }, block] }] });
  assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [['unsupported', 'document.source']]);
  assert.deepEqual(request.messages[0]?.vendor, { anthropic: { opaque_blocks: [{ index: 1, block }] } });
});

test('cache_control on system blocks, blocks and tools becomes a cache breakpoint; metadata.user_id is the user', () => {
  const { request } = parse({
    ...base,
    system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' }, cache_control: { type: 'ephemeral', ttl: '1h' } }] }],
    tools: [{ name: 'f', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral', ttl: '5m' } }],
    tool_choice: { type: 'tool', name: 'f', disable_parallel_tool_use: true },
    metadata: { user_id: 'u-1' },
    top_k: 5,
    stop_sequences: ['END'],
    service_tier: 'auto',
  });
  assert.deepEqual(request.system, [{ type: 'text', text: 'Be brief.', cache: {} }]);
  assert.deepEqual(request.messages[0]?.content, [{ type: 'image', source: { kind: 'url', url: 'https://x/y.png' }, cache: { ttl: '1h' } }]);
  assert.deepEqual(request.tools, [{ name: 'f', parameters: { type: 'object' }, cache: { ttl: '5m' } }]);
  assert.deepEqual(request.toolChoice, { type: 'tool', name: 'f' });
  assert.equal(request.parallelToolCalls, false);
  assert.equal(request.user, 'u-1');
  assert.deepEqual(request.sampling, { maxOutputTokens: 100, topK: 5, stopSequences: ['END'] });
  assert.deepEqual(request.vendor, { anthropic: { service_tier: 'auto' } });
});

test('tool_choice any is required, none is none; thinking disabled and adaptive', () => {
  const tools = [{ name: 'f', input_schema: { type: 'object' } }];
  const messages = [{ role: 'user', content: 'x' }];
  assert.deepEqual(parse({ ...base, messages, tools, tool_choice: { type: 'any' } }).request.toolChoice, { type: 'required' });
  assert.deepEqual(parse({ ...base, messages, tools, tool_choice: { type: 'none' } }).request.toolChoice, { type: 'none' });
  assert.deepEqual(parse({ ...base, messages, thinking: { type: 'disabled' } }).request.reasoning, { enabled: false });
  const adaptive = parse({ ...base, messages, thinking: { type: 'adaptive' } });
  assert.deepEqual(adaptive.request.reasoning, { enabled: true, includeThoughts: true });
  // Kept as written for an Anthropic upstream only; reasoning on is all other targets need of it.
  assert.deepEqual(adaptive.request.vendor, { anthropic: { '@thinking': { type: 'adaptive' } } });
  assert.deepEqual(adaptive.warnings, []);
});

test('a system message inside messages (accepted by newer API versions) stays in place', () => {
  const { request } = parse({ ...base, messages: [{ role: 'user', content: 'a' }, { role: 'system', content: 'be terse' }] });
  assert.deepEqual(request.messages[1], { role: 'system', content: [{ type: 'text', text: 'be terse' }] });
});

test('invalid bodies are invalid_request errors naming the field', () => {
  rejects({ model: 'm', messages: [] }, 'max_tokens');
  rejects({ max_tokens: 5, messages: [] }, 'model');
  rejects({ ...base, messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 'messages.0.content.0.text');
  rejects({ ...base, messages: [{ role: 'robot', content: 'x' }] }, 'messages.0.role');
  rejects({ ...base, max_tokens: -1, messages: [] }, 'max_tokens');
  rejects({ ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', data: 'x' } }] }] }, 'messages.0.content.0.source.media_type');
  rejects({ ...base, messages: [], tools: [{ name: 'f' }] }, 'tools.0.input_schema');
  rejects({ ...base, messages: [], thinking: { type: 'enabled' } }, 'thinking.budget_tokens');
  assert.throws(() => parse('not an object'), (error: unknown) => error instanceof InterlinguaError && error.message.startsWith('body:'));
});

test('the model may come from the route context', () => {
  assert.equal(anthropicDialect.parseRequest({ max_tokens: 5, messages: [] }, { model: 'from-path' }).request.model, 'from-path');
});
