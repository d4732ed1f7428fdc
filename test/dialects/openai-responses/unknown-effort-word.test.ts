/**
 * A `reasoning.effort` word OpenAI does not name: OpenAI answers it with 400 "Invalid value: '…'.
 * Supported values are: 'low', 'medium', and 'high'." (https://github.com/stanford-crfm/helm/pull/3501).
 * The gateway treats it as it treats Chat Completions' unknown `reasoning_effort`: a Responses
 * upstream gets it as written (and answers as OpenAI does), every other target reports it as left
 * out, never dropping it without a word.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dialects } from '../../../src/dialects/registry.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';

const options = { model: 'gpt-5', defaultMaxOutputTokens: 1024 };
const responsesCaller = (reasoning: object): ChatRequest => openaiResponsesDialect.parseRequest({ model: 'gpt-5', input: 'hi', reasoning }, {}).request;
const chatCaller = (effort: string): ChatRequest =>
  openaiChatDialect.parseRequest({ model: 'gpt-5', messages: [{ role: 'user', content: 'hi' }], reasoning_effort: effort }, {}).request;

test('a Responses upstream gets the unknown word as the caller wrote it, summary beside it', () => {
  const alone = openaiResponsesDialect.emitRequest(responsesCaller({ effort: 'turbo' }), options);
  assert.deepEqual((alone.body as Record<string, unknown>)['reasoning'], { effort: 'turbo' });
  assert.deepEqual(alone.warnings, []);
  const withSummary = openaiResponsesDialect.emitRequest(responsesCaller({ effort: 'turbo', summary: 'auto' }), options);
  assert.deepEqual((withSummary.body as Record<string, unknown>)['reasoning'], { effort: 'turbo', summary: 'auto' });
});

test('every other target reports the unknown word as left out, as it reports Chat Completions’ own', () => {
  for (const target of ['openai-chat', 'anthropic', 'gemini', 'ollama', 'bedrock'] as const) {
    const { warnings } = dialects[target].emitRequest(responsesCaller({ effort: 'turbo' }), options);
    assert.deepEqual(
      warnings.filter((warning) => /reason/.test(warning.feature)).map((warning) => [warning.type, warning.feature]),
      [['unsupported', 'reasoning']],
      target,
    );
    assert.match(warnings.find((warning) => warning.feature === 'reasoning')?.message ?? '', /^"reasoning" \(openai-responses\) has no equivalent in .+ and was left out\.$/, target);
    if (target === 'openai-chat') continue;
    const fromChat = dialects[target].emitRequest(chatCaller('turbo'), options).warnings;
    assert.deepEqual(fromChat.filter((warning) => /reason/.test(warning.feature)).map((warning) => warning.type), ['unsupported'], target);
  }
});
