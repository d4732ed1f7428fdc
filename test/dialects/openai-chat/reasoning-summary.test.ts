/**
 * A caller that asks to see the model's reasoning (Gemini `includeThoughts`, Responses
 * `reasoning.summary`) learns when the upstream is OpenAI's Chat Completions, which returns no
 * reasoning text: its message has content, refusal, annotations, audio and tool calls only
 * (`ChatCompletionMessage`, node_modules/openai/resources/chat/completions/completions.d.ts), and
 * reasoning summaries come through the Responses API
 * (https://platform.openai.com/docs/guides/reasoning#reasoning-summaries). Compatible servers that
 * return reasoning text (DeepSeek's `reasoning_content`) get no such warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenaiChatDialect, openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';

const options = { model: 'o4-mini', defaultMaxOutputTokens: 4096 };

test('reasoning summaries asked by a Responses caller are reported as not returned by Chat Completions', () => {
  const { request } = openaiResponsesDialect.parseRequest({ model: 'o4-mini', input: 'hi', reasoning: { effort: 'medium', summary: 'auto' } }, {});
  const { body, warnings } = openaiChatDialect.emitRequest(request, options);
  assert.equal((body as Record<string, unknown>)['reasoning_effort'], 'medium');
  assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [['unsupported', 'reasoning.summary']]);
});

test('thoughts asked by a Gemini caller are reported as not returned by Chat Completions', () => {
  const { request } = geminiDialect.parseRequest(
    { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } } },
    { model: 'gemini-2.5-pro' },
  );
  const { warnings } = openaiChatDialect.emitRequest(request, options);
  assert.ok(warnings.some((warning) => warning.feature === 'reasoning.summary'), JSON.stringify(warnings));
});

test('no warning without the ask, nor for a compatible server that returns reasoning text', () => {
  const plain = openaiResponsesDialect.parseRequest({ model: 'o4-mini', input: 'hi', reasoning: { effort: 'medium' } }, {}).request;
  assert.deepEqual(openaiChatDialect.emitRequest(plain, options).warnings, []);
  const asked = openaiResponsesDialect.parseRequest({ model: 'o4-mini', input: 'hi', reasoning: { effort: 'medium', summary: 'auto' } }, {}).request;
  const vllm = createOpenaiChatDialect({ maxTokensField: 'max_tokens' });
  assert.equal(vllm.emitRequest(asked, options).warnings.some((warning) => warning.feature === 'reasoning.summary'), false);
});
