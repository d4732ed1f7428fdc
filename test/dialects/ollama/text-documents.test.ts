/**
 * Text documents reach Ollama as text, as they reach OpenAI Chat: an Ollama message holds text and
 * images only (docs/api.md, "Chat request"), and OpenAI's advice for a target without text files is
 * to "send its content as a text content part" (https://developers.openai.com/api/docs/guides/file-inputs).
 * Other files are still left out with a warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { chatRequest } from './helpers.js';

const emitOptions = { model: 'qwen3:8b', defaultMaxOutputTokens: 1024 };
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
type Emitted = { messages: Array<{ role: string; content: string }> };

test('an OpenAI Chat text/plain file part is sent as text headed by its name', () => {
  const { request } = openaiChatDialect.parseRequest(
    {
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Summarise the attached notes.' }, { type: 'file', file: { filename: 'notes.txt', file_data: `data:text/plain;base64,${base64('Meeting moved to Friday.')}` } }] }],
    },
    {},
  );
  const emitted = ollamaDialect.emitRequest(request, emitOptions);
  assert.equal((emitted.body as Emitted).messages[0]?.content, 'Summarise the attached notes.\n\nnotes.txt:\nMeeting moved to Friday.');
  assert.deepEqual(emitted.warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'file.text']]);
});

test('Gemini inlineData text/plain and text/csv are sent as text; a PDF is left out with a warning', () => {
  const { request } = geminiDialect.parseRequest(
    {
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Compare these.' },
            { inlineData: { mimeType: 'text/plain', data: base64('plain words') } },
            { inlineData: { mimeType: 'text/csv', data: base64('a,b\n1,2') } },
            { inlineData: { mimeType: 'application/pdf', data: base64('%PDF-1.4') } },
          ],
        },
      ],
    },
    { model: 'gemini-2.5-flash' },
  );
  const emitted = ollamaDialect.emitRequest(request, emitOptions);
  const content = (emitted.body as Emitted).messages[0]?.content ?? '';
  assert.match(content, /^Compare these\.\n\n/);
  assert.match(content, /plain words/);
  assert.match(content, /a,b\n1,2/);
  assert.deepEqual(emitted.warnings.map((warning) => [warning.type, warning.feature]).sort(), [['compatibility', 'file.text'], ['unsupported', 'file']]);
});

test('a text document in a tool result is sent as the tool message text', () => {
  const emitted = ollamaDialect.emitRequest(
    chatRequest({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Read it' }] },
        { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'read', arguments: '{}' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'read', content: [{ type: 'file', filename: 'a.txt', source: { kind: 'text', mediaType: 'text/plain', text: 'hello' } }] }] },
      ],
    }),
    emitOptions,
  );
  assert.equal((emitted.body as Emitted).messages[2]?.content, 'a.txt:\nhello');
});
