/**
 * Images in tool results for Gemini: inside `functionResponse.parts` for Gemini 3
 * (https://ai.google.dev/gemini-api/docs/function-calling#multimodal), after the function
 * responses for earlier models, which read only the JSON `response`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';

const request: ChatRequest = {
  model: 'claude-sonnet-4-5',
  system: [],
  sampling: {},
  stream: false,
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Compare the charts.' }] },
    {
      role: 'assistant',
      content: [
        { type: 'tool-call', id: 'call_a', name: 'chart', arguments: '{"n":1}' },
        { type: 'tool-call', id: 'call_b', name: 'chart', arguments: '{"n":2}' },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'call_a', toolName: 'chart', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } }] },
        { type: 'tool-result', toolCallId: 'call_b', toolName: 'chart', content: [{ type: 'text', text: 'no chart' }] },
      ],
    },
  ],
};

function lastUserParts(model: string) {
  const { body, warnings } = geminiDialect.emitRequest(request, { model, defaultMaxOutputTokens: 1024 });
  const contents = (body as { contents: Array<{ role: string; parts: unknown[] }> }).contents;
  return { parts: contents.at(-1)?.parts, features: warnings.map((warning) => warning.feature) };
}

test('Gemini 3: the image goes into functionResponse.parts of its own call', () => {
  const { parts, features } = lastUserParts('gemini-3-pro-preview');
  assert.deepEqual(parts, [
    { functionResponse: { name: 'chart', response: { output: '' }, id: 'call_a', parts: [{ inlineData: { mimeType: 'image/png', data: 'AAAA' } }] } },
    { functionResponse: { name: 'chart', response: { output: 'no chart' }, id: 'call_b' } },
  ]);
  assert.equal(features.includes('tool_result.image'), false);
});

test('Gemini 2.5: the image follows all function responses, introduced by the function name, with a warning', () => {
  const { parts, features } = lastUserParts('gemini-2.5-pro');
  assert.deepEqual(parts, [
    { functionResponse: { name: 'chart', response: { output: '' }, id: 'call_a' } },
    { functionResponse: { name: 'chart', response: { output: 'no chart' }, id: 'call_b' } },
    { text: 'Images returned by the function "chart":' },
    { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
  ]);
  assert.ok(features.includes('tool_result.image'));
});

test('a Gemini 3 function response with inline images parses into image parts and emits back as it came', () => {
  const body = {
    contents: [
      { role: 'user', parts: [{ text: 'Show the chart.' }] },
      { role: 'model', parts: [{ functionCall: { id: 'call_a', name: 'chart', args: {} }, thoughtSignature: 'c2ln' }] },
      {
        role: 'user',
        parts: [{ functionResponse: { id: 'call_a', name: 'chart', response: { output: 'the chart' }, parts: [{ inlineData: { mimeType: 'image/png', data: 'AAAA' } }] } }],
      },
    ],
  };
  const { request } = geminiDialect.parseRequest(body, { model: 'gemini-3-pro-preview', stream: false });
  const tool = request.messages.at(-1);
  assert.equal(tool?.role, 'tool');
  assert.deepEqual(tool?.role === 'tool' ? tool.content[0]?.content : undefined, [
    { type: 'text', text: 'the chart' },
    { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } },
  ]);
  const { body: emitted } = geminiDialect.emitRequest(request, { model: 'gemini-3-pro-preview', defaultMaxOutputTokens: 1024 });
  assert.deepEqual((emitted as { contents: unknown }).contents, body.contents);
});

test('function response parts that are not plain inline images stay Gemini vendor data, unchanged', () => {
  const parts = [{ inlineData: { mimeType: 'image/png', data: 'AAAA', displayName: 'chart.png' } }];
  const body = {
    contents: [
      // Gemini takes a function call turn only after a user turn.
      { role: 'user', parts: [{ text: 'Show the chart.' }] },
      { role: 'model', parts: [{ functionCall: { id: 'call_a', name: 'chart', args: {} }, thoughtSignature: 'c2ln' }] },
      { role: 'user', parts: [{ functionResponse: { id: 'call_a', name: 'chart', response: { image: { $ref: 'chart.png' } }, parts } }] },
    ],
  };
  const { request } = geminiDialect.parseRequest(body, { model: 'gemini-3-pro-preview', stream: false });
  const tool = request.messages.at(-1);
  assert.deepEqual(tool?.role === 'tool' ? tool.content[0]?.content.map((part) => part.type) : undefined, ['text']);
  const { body: emitted } = geminiDialect.emitRequest(request, { model: 'gemini-3-pro-preview', defaultMaxOutputTokens: 1024 });
  assert.deepEqual((emitted as { contents: unknown }).contents, body.contents);
});
