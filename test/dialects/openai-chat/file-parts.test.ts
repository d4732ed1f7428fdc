/**
 * Chat `file` content parts ⇄ file parts (`ChatCompletionContentPart.File` in the openai SDK):
 * inline data and uploaded ids survive parse → emit; Chat takes PDFs only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';

const pdfUrl = 'data:application/pdf;base64,JVBERi0xLjQK';
const body = {
  model: 'gpt-4o',
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Summarize both.' },
        { type: 'file', file: { file_data: pdfUrl, filename: 'a.pdf' } },
        { type: 'file', file: { file_id: 'file-abc' } },
      ],
    },
  ],
};

test('round trip: emit(parse(body)) is the body', () => {
  const { request, warnings } = openaiChatDialect.parseRequest(body, {});
  assert.deepEqual(warnings, []);
  assert.deepEqual(request.messages[0]?.content.slice(1), [
    { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0xLjQK' }, filename: 'a.pdf' },
    { type: 'file', source: { kind: 'file-id', fileId: 'file-abc', origin: 'openai-chat' } },
  ]);
  const emitted = openaiChatDialect.emitRequest(request, { model: 'gpt-4o', defaultMaxOutputTokens: 100 });
  assert.deepEqual(emitted.warnings, []);
  assert.deepEqual((emitted.body as { messages: unknown }).messages, body.messages);
});

test('file_data that is not base64 is refused, naming the field', () => {
  assert.throws(
    () => openaiChatDialect.parseRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: 'data:application/pdf;base64,@@@' } }] }] }, {}),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && error.param === 'messages[0].content[0].file.file_data',
  );
  assert.throws(
    () => openaiChatDialect.parseRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'file', file: {} }] }] }, {}),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && error.param === 'messages[0].content[0].file',
  );
});
