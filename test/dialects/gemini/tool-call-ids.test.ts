import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';

const emitOptions = { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 4096 };

/**
 * Two parallel calls of the same function without ids, answered in order without ids — how
 * Gemini 2.x histories look (https://ai.google.dev/gemini-api/docs/function-calling#parallel_function_calling).
 */
const twoWeatherCalls = {
  contents: [
    { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
    {
      role: 'model',
      parts: [
        { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'c2lnLTE=' },
        { functionCall: { name: 'weather', args: { city: 'Rome' } } },
      ],
    },
    {
      role: 'user',
      parts: [
        { functionResponse: { name: 'weather', response: { output: 'sunny' } } },
        { functionResponse: { name: 'weather', response: { output: 'rainy' } } },
      ],
    },
  ],
};

test('calls of the same function get distinct ids, and responses pair with them in order', () => {
  const { request } = geminiDialect.parseRequest(twoWeatherCalls, { model: 'gemini-2.5-flash' });
  const [, assistant, tool] = request.messages;
  assert.equal(assistant?.role, 'assistant');
  assert.equal(tool?.role, 'tool');
  if (assistant?.role !== 'assistant' || tool?.role !== 'tool') return;
  const ids = assistant.content.map((part) => (part.type === 'tool-call' ? part.id : undefined));
  assert.deepEqual(ids, ['call_1_0', 'call_1_1']);
  assert.deepEqual(
    tool.content.map((result) => [result.toolCallId, result.toolName, result.content]),
    [
      ['call_1_0', 'weather', [{ type: 'text', text: 'sunny' }]],
      ['call_1_1', 'weather', [{ type: 'text', text: 'rainy' }]],
    ],
  );
  // Back to Gemini the made-up ids are not sent, so the body is the one that came in.
  assert.deepEqual(geminiDialect.emitRequest(request, emitOptions).body, twoWeatherCalls);
});

test('a response with an id pairs by id even when it comes out of order', () => {
  const body = {
    contents: [
      { role: 'model', parts: [{ functionCall: { name: 'f', args: {}, id: 'a' } }, { functionCall: { name: 'f', args: {}, id: 'b' } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'f', id: 'b', response: { output: '2' } } }, { functionResponse: { name: 'f', response: { output: '1' } } }] },
    ],
  };
  const { request } = geminiDialect.parseRequest(body, { model: 'm' });
  const tool = request.messages[1];
  assert.deepEqual(tool?.role === 'tool' && tool.content.map((result) => result.toolCallId), ['b', 'a']);
});

test('tool results without toolName get the name from the call in the history', () => {
  const request: ChatRequest = {
    model: 'gemini-2.5-flash',
    system: [{ type: 'text', text: 'Be brief.' }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'call_abc', name: 'weather', arguments: '{"city":"Paris"}' },
          { type: 'tool-call', id: 'toolu_def', name: 'forecast', arguments: '{"city":"Rome"}' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'call_abc', content: [{ type: 'text', text: 'sunny' }] },
          { type: 'tool-result', toolCallId: 'toolu_def', content: [{ type: 'text', text: '{"rain":true}' }], isError: false },
        ],
      },
    ],
    sampling: {},
    stream: false,
  };
  const { body } = geminiDialect.emitRequest(request, emitOptions);
  assert.deepEqual(body, {
    contents: [
      { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
      {
        role: 'model',
        parts: [{ functionCall: { name: 'weather', args: { city: 'Paris' }, id: 'call_abc' } }, { functionCall: { name: 'forecast', args: { city: 'Rome' }, id: 'toolu_def' } }],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'weather', response: { output: 'sunny' }, id: 'call_abc' } },
          { functionResponse: { name: 'forecast', response: { rain: true }, id: 'toolu_def' } },
        ],
      },
    ],
    systemInstruction: { parts: [{ text: 'Be brief.' }] },
  });
});

test('a tool result whose call is nowhere in the history goes as user text naming the call id, with a warning', () => {
  const request: ChatRequest = {
    model: 'gemini-2.5-flash',
    system: [],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Go on.' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_missing', content: [{ type: 'text', text: '73F' }] }] },
    ],
    sampling: {},
    stream: false,
  };
  const { body, warnings } = geminiDialect.emitRequest(request, emitOptions);
  assert.deepEqual((body as { contents: unknown }).contents, [{ role: 'user', parts: [{ text: 'Go on.' }, { text: 'Result of tool call call_missing: 73F' }] }]);
  assert.ok(warnings.some((warning) => warning.feature === 'tool_result.position'));
});
