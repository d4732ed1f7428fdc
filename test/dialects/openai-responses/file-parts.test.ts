/**
 * `input_file` ⇄ file parts, in a message and in a function_call_output (`ResponseInputFile`,
 * `ResponseInputFileContent` in the openai SDK resources/responses/responses.d.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';

const pdfUrl = 'data:application/pdf;base64,JVBERi0xLjQK';
const body = {
  model: 'gpt-5',
  input: [
    {
      role: 'user',
      content: [
        { type: 'input_text', text: 'Read these.' },
        { type: 'input_file', file_data: pdfUrl, filename: 'a.pdf', detail: 'high' },
        { type: 'input_file', file_url: 'https://example.com/b.pdf' },
        { type: 'input_file', file_id: 'file-abc', filename: 'c.docx' },
      ],
    },
    { type: 'function_call', call_id: 'call_1', name: 'read_file', arguments: '{}' },
    { type: 'function_call_output', call_id: 'call_1', output: [{ type: 'input_text', text: 'd.pdf' }, { type: 'input_file', file_data: pdfUrl, filename: 'd.pdf' }] },
  ],
};

test('each input_file is a file part, in the message and in the tool output', () => {
  const { request, warnings } = openaiResponsesDialect.parseRequest(body, {});
  assert.deepEqual(warnings, []);
  assert.deepEqual(request.messages[0]?.content.slice(1), [
    { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0xLjQK' }, filename: 'a.pdf', vendor: { 'openai-responses': { detail: 'high' } } },
    { type: 'file', source: { kind: 'url', url: 'https://example.com/b.pdf' } },
    { type: 'file', source: { kind: 'file-id', fileId: 'file-abc', origin: 'openai-responses' }, filename: 'c.docx' },
  ]);
  const tool = request.messages[2];
  assert.ok(tool?.role === 'tool');
  assert.deepEqual(tool.content[0]?.content[1], { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0xLjQK' }, filename: 'd.pdf' });
});

test('round trip: emit(parse(body)) is the body', () => {
  const { request } = openaiResponsesDialect.parseRequest(body, {});
  const emitted = openaiResponsesDialect.emitRequest(request, { model: 'gpt-5', defaultMaxOutputTokens: 100 });
  assert.deepEqual(emitted.warnings, []);
  assert.deepEqual((emitted.body as { input: unknown }).input, body.input);
});
