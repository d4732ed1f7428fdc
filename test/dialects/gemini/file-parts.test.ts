/**
 * Gemini documents ⇄ file parts: `inlineData` with a document type in a user turn and, for
 * Gemini 3, inside `functionResponse.parts` ("Multimodal function responses",
 * https://ai.google.dev/gemini-api/docs/function-calling#multimodal).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';

const pdf = 'JVBERi0xLjQK';
const body = {
  contents: [
    { role: 'user', parts: [{ text: 'Summarize.' }, { inlineData: { mimeType: 'application/pdf', data: pdf } }] },
    { role: 'model', parts: [{ functionCall: { id: 'call_1', name: 'read_file', args: { path: 'b.pdf' } }, thoughtSignature: 'sig' }] },
    { role: 'user', parts: [{ functionResponse: { id: 'call_1', name: 'read_file', response: { output: 'b.pdf' }, parts: [{ inlineData: { mimeType: 'application/pdf', data: pdf } }] } }] },
  ],
};

test('inline PDFs are file parts, in the user turn and in the function response', () => {
  const { request, warnings } = geminiDialect.parseRequest(body, { model: 'gemini-3-pro-preview' });
  assert.deepEqual(warnings, []);
  assert.deepEqual(request.messages[0]?.content[1], { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf } });
  const tool = request.messages[2];
  assert.ok(tool?.role === 'tool');
  assert.deepEqual(tool.content[0]?.content, [
    { type: 'text', text: 'b.pdf' },
    { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf } },
  ]);
});

test('round trip on Gemini 3: emit(parse(body)) is the body', () => {
  const { request } = geminiDialect.parseRequest(body, { model: 'gemini-3-pro-preview' });
  const emitted = geminiDialect.emitRequest(request, { model: 'gemini-3-pro-preview', defaultMaxOutputTokens: 100 });
  assert.deepEqual(emitted.warnings, []);
  assert.deepEqual((emitted.body as { contents: unknown }).contents, body.contents);
});

test('to Anthropic the tool response\'s PDF is a document inside the tool_result', () => {
  const { request } = geminiDialect.parseRequest(body, { model: 'gemini-3-pro-preview' });
  const emitted = anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 100 });
  const last = (emitted.body as { messages: Array<{ content: unknown }> }).messages.at(-1);
  assert.deepEqual(last?.content, [
    {
      type: 'tool_result',
      tool_use_id: 'call_1',
      content: [
        { type: 'text', text: 'b.pdf' },
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf } },
      ],
    },
  ]);
});

test('a file URL that is not Gemini\'s own is left out with a warning', () => {
  const { request } = geminiDialect.parseRequest({ contents: [{ role: 'user', parts: [{ text: 'x' }] }] }, { model: 'gemini-2.5-flash' });
  request.messages.push({ role: 'user', content: [{ type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf', mediaType: 'application/pdf' } }] });
  const emitted = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 100 });
  assert.ok(!JSON.stringify(emitted.body).includes('example.com'));
  assert.deepEqual(emitted.warnings.map((warning) => [warning.type, warning.feature]), [['unsupported', 'file.url']]);
});
