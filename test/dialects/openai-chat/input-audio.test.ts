/**
 * Chat Completions `input_audio` parts (`{type: 'input_audio', input_audio: {data, format: 'wav' | 'mp3'}}`,
 * `ChatCompletionContentPartInputAudio` in node_modules/openai/resources/chat/completions/completions.d.ts)
 * travel as file parts with the audio's media type: Gemini takes audio inline (`inlineData`), an OpenAI
 * Chat upstream gets the part back as written, and a target without audio reports it as other media it
 * does not take.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const wav = 'UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=';
const chatBody = (format: 'wav' | 'mp3') => ({
  model: 'gpt-4o-audio-preview',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'What is said?' }, { type: 'input_audio', input_audio: { data: wav, format } }] }],
});

test('an input_audio part is a file part with the audio media type', () => {
  const { request, warnings } = openaiChatDialect.parseRequest(chatBody('wav'), {});
  assert.deepEqual(warnings, []);
  assert.deepEqual(request.messages[0]?.content[1], { type: 'file', source: { kind: 'base64', mediaType: 'audio/wav', data: wav } });
  const mp3 = openaiChatDialect.parseRequest(chatBody('mp3'), {}).request;
  assert.deepEqual(mp3.messages[0]?.content[1], { type: 'file', source: { kind: 'base64', mediaType: 'audio/mpeg', data: wav } });
});

test('Gemini gets the audio inline, and an OpenAI Chat upstream gets input_audio back', () => {
  const { request } = openaiChatDialect.parseRequest(chatBody('wav'), {});
  const gemini = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 });
  const contents = (gemini.body as Record<string, any>)['contents'];
  assert.deepEqual(contents[0].parts[1], { inlineData: { mimeType: 'audio/wav', data: wav } });
  assert.deepEqual(gemini.warnings, []);
  const chat = openaiChatDialect.emitRequest(request, { model: 'gpt-4o-audio-preview', defaultMaxOutputTokens: 1024 });
  assert.deepEqual((chat.body as Record<string, any>)['messages'][0].content[1], { type: 'input_audio', input_audio: { data: wav, format: 'wav' } });
  assert.deepEqual(chat.warnings, []);
  assert.equal(judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: 'Bearer sk-test' }, body: chat.body }), undefined);
});

test('a target that takes no audio reports it as unsupported media', () => {
  const { request } = openaiChatDialect.parseRequest(chatBody('mp3'), {});
  const anthropic = anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 1024 });
  assert.ok(anthropic.warnings.some((warning) => /audio\/mpeg/.test(warning.message)), JSON.stringify(anthropic.warnings));
  assert.ok(!anthropic.warnings.some((warning) => /no equivalent in the interlingua/.test(warning.message)));
});

test('audio data that is not base64 is refused', () => {
  const body = chatBody('wav');
  (body.messages[0]!.content[1] as { input_audio: { data: string } }).input_audio.data = 'not base64!';
  assert.throws(() => openaiChatDialect.parseRequest(body, {}), /input_audio\.data/);
});
