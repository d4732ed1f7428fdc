import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitToolNames } from '../../src/core/tool-name-fit.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { ChatResponse } from '../../src/interlingua/response.js';

/** Tool names a target refuses go out renamed, everywhere they appear, and come back as the caller named them. */

const rules = { allowed: /^[a-zA-Z0-9_-]$/, maxLength: 64 };
const schema = { type: 'object', properties: {} };

function requestWith(names: string[]): ChatRequest {
  const [first = 'x'] = names;
  return {
    model: 'm',
    system: [],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: first, arguments: '{}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: first, content: [{ type: 'text', text: 'sunny' }] }] },
    ],
    tools: names.map((name) => ({ name, parameters: schema })),
    toolChoice: { type: 'tool', name: first },
    sampling: {},
    stream: false,
  };
}

test('names the target takes pass untouched, with nothing to restore', () => {
  const request = requestWith(['get_weather', 'search-web']);
  const fitted = fitToolNames(request, rules);
  assert.equal(fitted.request, request);
  assert.equal(fitted.restore, undefined);
  assert.deepEqual(fitted.warnings, []);
});

test('a dotted name is renamed in tools, tool choice, calls and results, with one warning per tool', () => {
  const fitted = fitToolNames(requestWith(['weather.get', 'search']), rules);
  assert.deepEqual(fitted.request.tools?.map((tool) => tool.name), ['weather_get', 'search']);
  assert.deepEqual(fitted.request.toolChoice, { type: 'tool', name: 'weather_get' });
  const [, assistant, tool] = fitted.request.messages;
  assert.ok(assistant?.role === 'assistant' && assistant.content[0]?.type === 'tool-call');
  assert.equal(assistant.content[0].name, 'weather_get');
  assert.ok(tool?.role === 'tool');
  assert.equal(tool.content[0]?.toolName, 'weather_get');
  assert.deepEqual(fitted.warnings.map((warning) => [warning.feature, warning.tool]), [['tool_name', 'weather.get']]);
});

test('a renamed name that clashes with a name the caller already uses gets a suffix', () => {
  const fitted = fitToolNames(requestWith(['a.b', 'a_b']), rules);
  assert.deepEqual(fitted.request.tools?.map((tool) => tool.name), ['a_b_2', 'a_b']);
});

test('a name too long is cut to the target length', () => {
  const long = `mcp:${'x'.repeat(70)}`;
  const fitted = fitToolNames(requestWith([long]), rules);
  assert.equal(fitted.request.tools?.[0]?.name, `mcp_${'x'.repeat(60)}`);
});

test('calls in the answer and in stream events come back under the caller’s names', () => {
  const { restore } = fitToolNames(requestWith(['weather.get']), rules);
  assert.ok(restore !== undefined);
  const response: ChatResponse = {
    id: 'r',
    model: 'm',
    created: 1,
    content: [
      { type: 'text', text: 'Calling.' },
      { type: 'tool-call', id: 'call_2', name: 'weather_get', arguments: '{}' },
    ],
    finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  };
  assert.deepEqual(restore.response(response).content[1], { type: 'tool-call', id: 'call_2', name: 'weather.get', arguments: '{}' });
  assert.deepEqual(restore.events([{ type: 'tool-call-start', id: 'call_2', name: 'weather_get' }, { type: 'tool-call-end', id: 'call_2' }]), [
    { type: 'tool-call-start', id: 'call_2', name: 'weather.get' },
    { type: 'tool-call-end', id: 'call_2' },
  ]);
});
