/**
 * Cache breakpoints written as Anthropic `cache_control` (core/cache-control.ts, cache-control.ts):
 * on tools, system blocks, content blocks, tool uses and tool results, with the ttl; at most four;
 * the 1-hour beta switch; and a parse → emit round trip.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';

const options = { model: 'claude-upstream', defaultMaxOutputTokens: 1000 };

function emit(request: ChatRequest) {
  const emitted = anthropicDialect.emitRequest(request, options);
  return { ...emitted, body: emitted.body as Record<string, unknown>, features: emitted.warnings.map((warning) => warning.feature) };
}

const base: ChatRequest = { model: 'm', system: [], messages: [], sampling: {}, stream: false };

test('breakpoints go on tools, system blocks, blocks, tool uses and tool results, with their ttl', () => {
  const { body, headers, features } = emit({
    ...base,
    tools: [{ name: 'f', parameters: { type: 'object' }, cache: { ttl: '1h' } }],
    system: [{ type: 'text', text: 'Rules.', cache: {} }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Go.' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 't1', name: 'f', arguments: '{}', cache: {} }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', content: [{ type: 'text', text: 'done' }], cache: { ttl: '5m' } }] },
    ],
  });
  assert.deepEqual((body['tools'] as Array<Record<string, unknown>>)[0]?.['cache_control'], { type: 'ephemeral', ttl: '1h' });
  assert.deepEqual(body['system'], [{ type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral' } }]);
  const messages = body['messages'] as Array<{ content: Array<Record<string, unknown>> }>;
  assert.deepEqual(messages[1]?.content[0]?.['cache_control'], { type: 'ephemeral' });
  assert.deepEqual(messages[2]?.content[0], { type: 'tool_result', tool_use_id: 't1', content: 'done', cache_control: { type: 'ephemeral', ttl: '5m' } });
  assert.deepEqual(headers, { 'anthropic-beta': 'extended-cache-ttl-2025-04-11' });
  assert.deepEqual(features, []);
});

test('a request without a 1-hour breakpoint names no beta', () => {
  const { headers } = emit({ ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'Go.', cache: {} }] }] });
  assert.equal(headers, undefined);
});

test('more than four breakpoints keep the last four and say so', () => {
  const marked = (text: string) => ({ type: 'text' as const, text, cache: {} });
  const { body, features } = emit({
    ...base,
    system: [marked('a'), marked('b')],
    messages: [{ role: 'user', content: [marked('c'), marked('d'), marked('e')] }],
  });
  const system = body['system'] as Array<Record<string, unknown>>;
  assert.equal(system[0]?.['cache_control'], undefined);
  assert.deepEqual(system[1]?.['cache_control'], { type: 'ephemeral' });
  assert.ok(features.includes('cache_control'));
});

test('a parsed request with four breakpoints of every kind is emitted as it came', () => {
  const wire = {
    model: 'claude-upstream',
    max_tokens: 100,
    tools: [{ name: 'f', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral', ttl: '1h' } }],
    system: [{ type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral', ttl: '1h' } }],
    messages: [
      { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' }, cache_control: { type: 'ephemeral' } }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'ok', cache_control: { type: 'ephemeral' } }] }] },
    ],
  };
  const { request } = anthropicDialect.parseRequest(wire, {});
  assert.equal(request.vendor, undefined, 'nothing is left in vendor data');
  const emitted = emit(request);
  assert.deepEqual(emitted.body, wire);
  assert.deepEqual(emitted.features, []);
});

test('a cache_control of a shape the interlingua does not model stays in vendor data for Anthropic', () => {
  const block = { type: 'text', text: 'x', cache_control: { type: 'persistent' } };
  const { request } = anthropicDialect.parseRequest({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: [block] }] }, {});
  const part = request.messages[0]?.content[0];
  assert.equal(part !== undefined && 'cache' in part ? part.cache : undefined, undefined);
  assert.deepEqual((emit(request).body['messages'] as Array<{ content: unknown[] }>)[0]?.content, [block]);
});

test('a 1-hour breakpoint after a 5-minute one is lowered to five minutes, and said so', () => {
  const { body, features, headers } = emit({
    ...base,
    system: [{ type: 'text', text: 'Rules.', cache: { ttl: '1h' } }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'a', cache: {} }, { type: 'text', text: 'b', cache: { ttl: '1h' } }] }],
  });
  const blocks = (body['messages'] as Array<{ content: Array<Record<string, unknown>> }>)[0]?.content;
  assert.deepEqual(blocks?.map((block) => block['cache_control']), [{ type: 'ephemeral' }, { type: 'ephemeral' }]);
  assert.deepEqual((body['system'] as Array<Record<string, unknown>>)[0]?.['cache_control'], { type: 'ephemeral', ttl: '1h' });
  assert.deepEqual(features, ['cache_control.ttl']);
  assert.deepEqual(headers, { 'anthropic-beta': 'extended-cache-ttl-2025-04-11' }, 'the system breakpoint still needs the beta');
});
