/**
 * An Anthropic `document` block's `context` and `citations: {enabled}` (`DocumentBlockParam`,
 * @anthropic-ai/sdk) reach Bedrock Converse's DocumentBlock, which has both
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_DocumentBlock.html,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CitationsConfig.html); Gemini,
 * whose media parts have neither, gets the title and context as text before the document, and
 * citations are reported as left out. An Anthropic upstream gets the block as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const document = {
  type: 'document',
  source: { type: 'text', media_type: 'text/plain', data: 'The sky is green.' },
  title: 'Sky report',
  context: 'Written by an unreliable narrator',
  citations: { enabled: true },
};
const body = { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: [document, { type: 'text', text: 'what colour is the sky' }] }] };
const features = (warnings: readonly { type: string; feature: string }[]) => warnings.map((warning) => `${warning.type}:${warning.feature}`).sort();

test('the file part carries the context and citations', () => {
  const { request } = anthropicDialect.parseRequest(body, {});
  const part = request.messages[0]?.content[0];
  assert.equal(part?.type, 'file');
  assert.equal(part.context, 'Written by an unreliable narrator');
  assert.equal(part.citations, true);
  assert.equal(part.vendor, undefined);
});

test('Bedrock Converse gets context and citations on its DocumentBlock', () => {
  const model = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
  const { request } = anthropicDialect.parseRequest(body, {});
  const emitted = bedrockDialect.emitRequest(request, { model, defaultMaxOutputTokens: 4096 });
  const sent = emitted.body as { messages: Array<{ content: Array<Record<string, unknown>> }> };
  assert.deepEqual(sent.messages[0]?.content[0], {
    document: { format: 'txt', name: 'Sky report', source: { bytes: Buffer.from('The sky is green.').toString('base64') }, context: 'Written by an unreliable narrator', citations: { enabled: true } },
  });
  assert.deepEqual(emitted.warnings, []);
  assert.equal(judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(model)}/converse`, headers: { authorization: 'Bearer test-key' }, body: emitted.body }), undefined);
});

test('Gemini gets title and context as text before the document, and hears citations are left out', () => {
  const { request } = anthropicDialect.parseRequest(body, {});
  const emitted = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 4096 });
  const sent = emitted.body as { contents: Array<{ parts: Array<Record<string, unknown>> }> };
  const parts = sent.contents[0]?.parts ?? [];
  assert.deepEqual(parts[0], { text: 'Document: Sky report\nContext: Written by an unreliable narrator' });
  assert.ok(parts[1]?.['inlineData'] !== undefined);
  assert.deepEqual(features(emitted.warnings), ['compatibility:file.context', 'compatibility:file.title', 'unsupported:file.citations']);
  assert.equal(judgeRequest({ method: 'POST', url: '/v1beta/models/gemini-2.5-flash:generateContent', headers: { 'x-goog-api-key': 'k' }, body: emitted.body }), undefined);
});

test('OpenAI Chat and Responses get the context as text before the document (the title is its file name), and hear citations are left out', () => {
  const { request } = anthropicDialect.parseRequest({ ...body, messages: [{ role: 'user', content: [{ ...document, source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQK' } }, { type: 'text', text: 'what colour is the sky' }] }] }, {});
  const chat = openaiChatDialect.emitRequest(request, { model: 'gpt-4.1', defaultMaxOutputTokens: 4096 });
  const chatParts = (chat.body as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages[0]?.content ?? [];
  assert.deepEqual(chatParts[0], { type: 'text', text: 'Context: Written by an unreliable narrator' });
  assert.deepEqual(chatParts[1], { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0xLjQK', filename: 'Sky report' } });
  assert.deepEqual(features(chat.warnings), ['compatibility:file.context', 'unsupported:file.citations']);
  assert.equal(judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: 'Bearer sk-test' }, body: chat.body }), undefined);
  const responses = openaiResponsesDialect.emitRequest(request, { model: 'gpt-4.1', defaultMaxOutputTokens: 4096 });
  const input = (responses.body as { input: Array<{ content: Array<Record<string, unknown>> }> }).input[0]?.content ?? [];
  assert.deepEqual(input[0], { type: 'input_text', text: 'Context: Written by an unreliable narrator' });
  assert.equal(input[1]?.['type'], 'input_file');
  assert.deepEqual(features(responses.warnings).filter((feature) => feature.includes('file.')), ['compatibility:file.context', 'unsupported:file.citations']);
});

test('an Anthropic upstream gets the document block as written', () => {
  const { request } = anthropicDialect.parseRequest(body, {});
  const emitted = anthropicDialect.emitRequest(request, { model: body.model, defaultMaxOutputTokens: 1 });
  assert.deepEqual(emitted.warnings, []);
  assert.deepEqual(emitted.body, body);
});
