/**
 * Claude Code asks for thinking as `thinking: {type: "adaptive"}` with `output_config.effort`
 * (`low`, `medium`, `high`, `xhigh`, `max`: https://platform.claude.com/docs/en/build-with-claude/effort#effort-levels).
 * The effort is the interlingua's reasoning effort, so every other target gets the caller's depth
 * of thinking rather than its own default; `xhigh` and `max` go as `high`, said in a warning, and an
 * Anthropic upstream gets the request exactly as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const claudeCode = (effort: string) => ({
  model: 'claude-opus-4-7',
  max_tokens: 8000,
  thinking: { type: 'adaptive' },
  output_config: { effort },
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
});

const features = (warnings: readonly { type: string; feature: string }[]) => warnings.map((warning) => `${warning.type}:${warning.feature}`);

test('output_config.effort with adaptive thinking is the reasoning effort, with no word of thinking left out', () => {
  const { request, warnings } = anthropicDialect.parseRequest(claudeCode('low'), {});
  assert.deepEqual(request.reasoning, { enabled: true, includeThoughts: true, effort: 'low' });
  assert.deepEqual(warnings, []);
  const emitted = openaiChatDialect.emitRequest(request, { model: 'gpt-5', defaultMaxOutputTokens: 4096 });
  assert.equal((emitted.body as Record<string, unknown>)['reasoning_effort'], 'low');
  // Neither "output_config has no equivalent" nor "thinking … was left out": both were carried.
  assert.deepEqual(features(emitted.warnings).filter((feature) => /thinking|output_config/.test(feature)), []);
  assert.equal(judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: 'Bearer sk-test' }, body: emitted.body }), undefined);
});

test('a low and a high effort reach Gemini, Ollama and Claude on Bedrock differently', () => {
  const sent = (effort: string) => {
    const { request } = anthropicDialect.parseRequest(claudeCode(effort), {});
    return {
      gemini: geminiDialect.emitRequest(request, { model: 'gemini-3-pro-preview', defaultMaxOutputTokens: 4096 }).body,
      ollama: ollamaDialect.emitRequest(request, { model: 'qwen3:8b', defaultMaxOutputTokens: 4096 }).body,
      bedrock: bedrockDialect.emitRequest(request, { model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', defaultMaxOutputTokens: 4096 }).body,
    };
  };
  const low = sent('low');
  const high = sent('high');
  for (const target of ['gemini', 'ollama', 'bedrock'] as const) assert.notDeepEqual(low[target], high[target], target);
  assert.equal((low.ollama as Record<string, unknown>)['think'], 'low');
  assert.equal(judgeRequest({ method: 'POST', url: '/v1beta/models/gemini-3-pro-preview:generateContent', headers: { 'x-goog-api-key': 'k' }, body: low.gemini }), undefined);
  assert.equal(judgeRequest({ method: 'POST', url: '/api/chat', headers: {}, body: low.ollama }), undefined);
  const converse = `/model/${encodeURIComponent('anthropic.claude-sonnet-4-5-20250929-v1:0')}/converse`;
  assert.equal(judgeRequest({ method: 'POST', url: converse, headers: { authorization: 'Bearer test-key' }, body: low.bedrock }), undefined);
});

test('"max" goes to another vendor as "high", with a warning naming the caller\'s field', () => {
  const { request, warnings } = anthropicDialect.parseRequest(claudeCode('max'), {});
  assert.deepEqual(warnings, []);
  assert.equal(request.reasoning?.effort, 'high');
  const emitted = openaiChatDialect.emitRequest(request, { model: 'gpt-5', defaultMaxOutputTokens: 4096 });
  assert.equal((emitted.body as Record<string, unknown>)['reasoning_effort'], 'high');
  // (Chat Completions returns no reasoning text, which is reported as reasoning.summary whatever the effort.)
  assert.deepEqual(features(emitted.warnings).filter((feature) => feature !== 'unsupported:reasoning.summary'), ['compatibility:output_config.effort']);
});

test('an Anthropic upstream gets thinking and every effort word exactly as written, without a warning', () => {
  for (const effort of ['low', 'medium', 'high', 'xhigh', 'max']) {
    const body = claudeCode(effort);
    const { request } = anthropicDialect.parseRequest(body, {});
    const emitted = anthropicDialect.emitRequest(request, { model: body.model, defaultMaxOutputTokens: 1 });
    assert.deepEqual(emitted.warnings, [], effort);
    assert.deepEqual(emitted.body, body, effort);
  }
});

test('a display setting beside adaptive thinking is reported by its path to another vendor', () => {
  const { request } = anthropicDialect.parseRequest({ ...claudeCode('medium'), thinking: { type: 'adaptive', display: 'summarized' } }, {});
  const emitted = openaiChatDialect.emitRequest(request, { model: 'gpt-5', defaultMaxOutputTokens: 4096 });
  assert.equal((emitted.body as Record<string, unknown>)['reasoning_effort'], 'medium');
  assert.deepEqual(features(emitted.warnings).filter((feature) => feature !== 'unsupported:reasoning.summary'), ['unsupported:thinking.display']);
});
