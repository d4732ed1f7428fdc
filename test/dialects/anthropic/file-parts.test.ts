/**
 * `document` blocks ⇄ file parts (DocumentBlockParam in @anthropic-ai/sdk resources/messages/messages.d.ts):
 * each source kind, in a user turn and inside a tool_result, survives parse → emit unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';

const pdf = 'JVBERi0xLjQK';
const body = {
  model: 'claude-sonnet-4-5',
  max_tokens: 100,
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Compare them.' },
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf }, title: 'a.pdf', context: 'Q3', citations: { enabled: true } },
        { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain words' }, title: 'notes' },
        { type: 'document', source: { type: 'url', url: 'https://example.com/b.pdf' } },
        { type: 'document', source: { type: 'file', file_id: 'file_011' } },
      ],
    },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: { path: 'c.pdf' } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'c.pdf' }, { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf } }] }] },
  ],
};

test('each document source is a file part, its context and citations with it', () => {
  const { request, warnings } = anthropicDialect.parseRequest(body, {});
  assert.deepEqual(warnings, []);
  assert.deepEqual(request.messages[0]?.content.slice(1), [
    { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf }, title: 'a.pdf', context: 'Q3', citations: true },
    { type: 'file', source: { kind: 'text', mediaType: 'text/plain', text: 'plain words' }, title: 'notes' },
    { type: 'file', source: { kind: 'url', url: 'https://example.com/b.pdf', mediaType: 'application/pdf' } },
    { type: 'file', source: { kind: 'file-id', fileId: 'file_011', origin: 'anthropic' } },
  ]);
  const tool = request.messages[2];
  assert.ok(tool?.role === 'tool');
  assert.deepEqual(tool.content[0]?.content[1], { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: pdf } });
});

test('round trip: emit(parse(body)) is the body', () => {
  const { request } = anthropicDialect.parseRequest(body, {});
  const emitted = anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 100 });
  assert.deepEqual(emitted.warnings, []);
  assert.deepEqual((emitted.body as { messages: unknown }).messages, body.messages);
});

test('to OpenAI Chat: the PDF is a file part after its context, the text document text, the URL and the Anthropic file id are reported', () => {
  const { request } = anthropicDialect.parseRequest(body, {});
  const emitted = openaiChatDialect.emitRequest(request, { model: 'gpt-4o', defaultMaxOutputTokens: 100 });
  const first = (emitted.body as { messages: Array<{ content: unknown }> }).messages[0];
  assert.deepEqual(first?.content, [
    { type: 'text', text: 'Compare them.' },
    // The PDF's context has no field in OpenAI's file part: it is read as text just before it.
    { type: 'text', text: 'Context: Q3' },
    { type: 'file', file: { file_data: `data:application/pdf;base64,${pdf}`, filename: 'a.pdf' } },
    { type: 'text', text: 'notes:\nplain words' },
  ]);
  assert.deepEqual(
    emitted.warnings.map((warning) => [warning.type, warning.feature]).filter(([, feature]) => feature?.startsWith('file')),
    [
      ['unsupported', 'file.citations'],
      ['compatibility', 'file.context'],
      ['compatibility', 'file.text'],
      ['unsupported', 'file.url'],
      ['unsupported', 'file.file_id'],
      // The tool result's PDF came without a title.
      ['compatibility', 'file.filename'],
    ],
  );
});

test('a file Anthropic cannot read is left out with a warning naming its type', () => {
  const request = anthropicDialect.parseRequest({ ...body, messages: [{ role: 'user', content: 'x' }] }, {}).request;
  request.messages.push({ role: 'user', content: [{ type: 'file', source: { kind: 'base64', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', data: pdf } }] });
  const emitted = anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 100 });
  assert.ok(!JSON.stringify(emitted.body).includes(pdf));
  assert.deepEqual(emitted.warnings.map((warning) => [warning.type, warning.feature]), [
    ['unsupported', 'file.application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    // The message held the file alone: a note stands in its place (core/left-out-turn.ts).
    ['compatibility', 'message.left_out'],
  ]);
});
