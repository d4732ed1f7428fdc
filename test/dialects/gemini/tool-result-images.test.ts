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
