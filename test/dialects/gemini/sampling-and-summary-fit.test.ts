/**
 * Values a caller may send that Gemini refuses, fitted in the Gemini emitter:
 * - a Responses `reasoning.summary` alone: includeThoughts without a thinking budget is refused by
 *   Gemini 2.5 Flash-Lite, which does not think by default ("Unable to submit request because
 *   Thinking_config.include_thoughts is only enabled when thinking is enabled.",
 *   github.com/google-gemini/gemini-cli/pull/3033 and /pull/4652); thinking goes on at the dynamic budget, -1;
 * - temperature above 2 (ai.google.dev/api/generate-content#generationconfig, "[0.0, 2.0]"), from
 *   Ollama's `options.temperature`, which has no upper bound;
 * - a seed beyond int32 (GenerationConfig.seed is int32; Vertex AI takes a signed INT32 only,
 *   github.com/pollinations/pollinations/pull/6867).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const paths = (model: string) => [`/v1beta/models/${model}:generateContent`, `/v1/projects/p/locations/us-central1/publishers/google/models/${model}:generateContent`];
const judge = (model: string, body: unknown) =>
  paths(model).map((url) => judgeRequest({ method: 'POST', url, headers: { authorization: 'Bearer t', 'x-goog-api-key': 'k' }, body })?.rule);
const configOf = (body: unknown) => (body as { generationConfig?: Record<string, unknown> }).generationConfig;

test('a Responses summary alone switches thinking on at the dynamic budget for 2.5 Flash-Lite, and the judge refuses it without', () => {
  const { request } = openaiResponsesDialect.parseRequest({ model: 'gemini-2.5-flash-lite', input: 'hi', reasoning: { summary: 'auto' } }, {});
  const { body, warnings } = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash-lite', defaultMaxOutputTokens: 100 });
  assert.deepEqual(configOf(body), { thinkingConfig: { thinkingBudget: -1, includeThoughts: true } });
  assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'reasoning.include_thoughts']]);
  // 2.5 Flash thinks by default: the request goes as it is.
  const flash = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 100 });
  assert.deepEqual([configOf(flash.body), flash.warnings], [{ thinkingConfig: { includeThoughts: true } }, []]);
  assert.deepEqual(judge('gemini-2.5-flash-lite', body), [undefined, undefined]);
  // What was sent before: refused on the Gemini API and on Vertex.
  const before = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { thinkingConfig: { includeThoughts: true } } };
  assert.deepEqual(judge('gemini-2.5-flash-lite', before), ['gemini.model.include-thoughts-thinking-off', 'gemini.model.include-thoughts-thinking-off']);
  assert.deepEqual(judge('gemini-2.5-flash', before), [undefined, undefined], '2.5 Flash thinks by default');
  // Gemini 3 thinks by default and takes levels: the summary goes alone, as before.
  const three = geminiDialect.emitRequest(request, { model: 'gemini-3-flash-preview', defaultMaxOutputTokens: 100 });
  assert.deepEqual(configOf(three.body), { thinkingConfig: { includeThoughts: true } });
});

test("an Ollama caller's temperature 5 goes to Gemini as 2, with a warning", () => {
  const { request } = ollamaDialect.parseRequest({ model: 'gemini-2.5-flash', stream: false, options: { temperature: 5 }, messages: [{ role: 'user', content: 'hi' }] }, {});
  const { body, warnings } = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 100 });
  assert.equal(configOf(body)?.['temperature'], 2);
  assert.deepEqual(warnings.filter((warning) => warning.feature === 'temperature').map((warning) => warning.type), ['compatibility']);
  assert.deepEqual(judge('gemini-2.5-flash', body), [undefined, undefined]);
  assert.deepEqual(judge('gemini-2.5-flash', { ...(body as object), generationConfig: { temperature: 5 } }), [
    'gemini.generation-config.temperature-range',
    'gemini.generation-config.temperature-range',
  ]);
  const within = geminiDialect.emitRequest({ ...request, sampling: { temperature: 1.5 } }, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 100 });
  assert.deepEqual([configOf(within.body)?.['temperature'], within.warnings.length], [1.5, 0]);
});

test('a seed beyond int32 goes as its low 32 bits, with a warning; the judge refuses it beyond int32', () => {
  for (const [seed, sent] of [
    [2 ** 40, 0],
    [2 ** 40 + 7, 7],
    [2 ** 31, -(2 ** 31)],
    [4294967295, -1],
  ] as const) {
    const { request } = openaiChatDialect.parseRequest({ model: 'gemini-2.5-flash', seed, messages: [{ role: 'user', content: 'hi' }] }, {});
    const { body, warnings } = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 100 });
    assert.equal(configOf(body)?.['seed'], sent, String(seed));
    assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'seed']]);
    assert.deepEqual(judge('gemini-2.5-flash', body), [undefined, undefined]);
    assert.deepEqual(judge('gemini-2.5-flash', { ...(body as object), generationConfig: { seed } }), ['gemini.generation-config.seed-int32', 'gemini.generation-config.seed-int32']);
  }
  const { request } = openaiChatDialect.parseRequest({ model: 'gemini-2.5-flash', seed: 2147483647, messages: [{ role: 'user', content: 'hi' }] }, {});
  const kept = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 100 });
  assert.deepEqual([configOf(kept.body)?.['seed'], kept.warnings.length], [2147483647, 0]);
});

test('the judge refuses thinkingLevel beside thinkingBudget, on the Gemini API and Vertex', () => {
  const body = (thinkingConfig: object) => ({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { thinkingConfig } });
  assert.deepEqual(judge('gemini-3-flash-preview', body({ thinkingLevel: 'low', thinkingBudget: 1024 })), [
    'gemini.generation-config.thinking-level-with-budget',
    'gemini.generation-config.thinking-level-with-budget',
  ]);
  assert.deepEqual(judge('gemini-3-flash-preview', body({ thinking_level: 'LOW', thinking_budget: -1 })), [
    'gemini.generation-config.thinking-level-with-budget',
    'gemini.generation-config.thinking-level-with-budget',
  ]);
  assert.deepEqual(judge('gemini-3-flash-preview', body({ thinkingLevel: 'low' })), [undefined, undefined]);
  assert.deepEqual(judge('gemini-3-flash-preview', body({ thinkingBudget: 1024 })), [undefined, undefined]);
});
