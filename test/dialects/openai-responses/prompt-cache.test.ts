/**
 * Prompt caching in the Responses dialect: `prompt_cache_key` as a request field (sent to Chat and
 * Responses upstreams, reported as left out by those without one), OpenAI's own
 * `prompt_cache_breakpoint` on input parts read as a breakpoint.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';

const wire = {
  model: 'gpt-5',
  prompt_cache_key: 'session-42',
  input: [{ role: 'user', content: [{ type: 'input_text', text: 'A long document.', prompt_cache_breakpoint: { mode: 'explicit' } }, { type: 'input_text', text: 'Summarise it.' }] }],
};
const options = { model: 'upstream-model', defaultMaxOutputTokens: 100 };

test('prompt_cache_key is a request field, sent back to Responses and to Chat Completions', () => {
  const { request } = openaiResponsesDialect.parseRequest(wire, {});
  assert.equal(request.promptCacheKey, 'session-42');
  assert.equal((openaiResponsesDialect.emitRequest(request, options).body as Record<string, unknown>)['prompt_cache_key'], 'session-42');
  assert.equal((openaiChatDialect.emitRequest(request, options).body as Record<string, unknown>)['prompt_cache_key'], 'session-42');
});

test('an input part with prompt_cache_breakpoint reaches Anthropic as cache_control; the key is reported as left out', () => {
  const { request } = openaiResponsesDialect.parseRequest(wire, {});
  const { body, warnings } = anthropicDialect.emitRequest(request, options);
  const messages = (body as Record<string, unknown>)['messages'] as Array<{ content: Array<Record<string, unknown>> }>;
  assert.deepEqual(messages[0]?.content.map((block) => block['cache_control']), [{ type: 'ephemeral' }, undefined]);
  assert.deepEqual(warnings.map((warning) => warning.feature), ['prompt_cache_key']);
  assert.deepEqual(geminiDialect.emitRequest(request, options).warnings.map((warning) => warning.feature), ['prompt_cache_key']);
});

test('the response echoes the caller its prompt_cache_key, whatever the upstream', () => {
  const { request } = openaiResponsesDialect.parseRequest(wire, {});
  const response = { id: 'r1', model: 'claude', content: [{ type: 'text' as const, text: 'Done.' }], finishReason: { unified: 'stop' as const }, usage: {} };
  const emitted = openaiResponsesDialect.emitResponse(response, { requestedModel: 'gpt-5', request }) as Record<string, unknown>;
  assert.equal(emitted['prompt_cache_key'], 'session-42');
});
