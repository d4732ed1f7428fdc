/**
 * Thoughts asked for with thinking off: Vertex refuses `includeThoughts: true` beside a thinking
 * budget of 0, so the Gemini codec (which Vertex shares, vertex-platform.ts) leaves it out, with a
 * warning when the caller asked for it; with thinking on it goes as asked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';
import { isObject } from './helpers.js';

const base: ChatRequest = { model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], sampling: {}, stream: false };

function thinkingOf(reasoning: ChatRequest['reasoning'], model = 'gemini-2.5-flash') {
  const { body, warnings } = geminiDialect.emitRequest({ ...base, ...(reasoning === undefined ? {} : { reasoning }) }, { model, defaultMaxOutputTokens: 4096 });
  const config = isObject(body) ? body['generationConfig'] : undefined;
  return { body, thinking: isObject(config) ? config['thinkingConfig'] : undefined, warnings: warnings.map((warning) => [warning.type, warning.feature]) };
}

const vertex = (model: string, body: unknown) =>
  judgeRequest({ method: 'POST', url: `/v1/projects/p/locations/us-central1/publishers/google/models/${model}:streamGenerateContent?alt=sse`, headers: { authorization: 'Bearer t' }, body });

test('an OpenAI Responses caller\'s effort "none" with a summary goes to Vertex Gemini as thinking off, without includeThoughts', () => {
  const { request } = openaiResponsesDialect.parseRequest({ model: 'gemini-2.5-flash', input: 'Hi', reasoning: { effort: 'none', summary: 'auto' } }, {});
  const { body, warnings } = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 4096 });
  assert.deepEqual(isObject(body) && body['generationConfig'], { thinkingConfig: { thinkingBudget: 0 } });
  assert.deepEqual(
    warnings.filter((warning) => warning.feature.startsWith('reasoning')).map((warning) => [warning.type, warning.feature]),
    [['compatibility', 'reasoning.include_thoughts']],
  );
  assert.equal(vertex('gemini-2.5-flash', body), undefined);
  // What was sent before: refused in Vertex's words.
  const before = { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }], generationConfig: { thinkingConfig: { thinkingBudget: 0, includeThoughts: true } } };
  const refused = vertex('gemini-2.5-flash', before);
  assert.equal(refused?.rule, 'vertex.gemini.include-thoughts-without-thinking');
  assert.deepEqual(refused.body, {
    error: {
      code: 400,
      message: 'Unable to submit request because Thinking_config.include_thoughts is only enabled when thinking is enabled.. Learn more: https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/gemini',
      status: 'INVALID_ARGUMENT',
    },
  });
  assert.equal(vertex('gemini-2.5-flash', { ...before, generationConfig: { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } } }), undefined, 'with thinking on it is taken');
});

test('includeThoughts goes beside a budget, dynamic thinking or an effort; with thinking off it is left out, false without a word', () => {
  const off = thinkingOf({ budgetTokens: 0, includeThoughts: true });
  assert.deepEqual([off.thinking, off.warnings], [{ thinkingBudget: 0 }, [['compatibility', 'reasoning.include_thoughts']]]);
  const quiet = thinkingOf({ enabled: false, includeThoughts: false });
  assert.deepEqual([quiet.thinking, quiet.warnings], [{ thinkingBudget: 0 }, []]);
  assert.deepEqual(thinkingOf({ enabled: true, budgetTokens: 2048, includeThoughts: true }).thinking, { thinkingBudget: 2048, includeThoughts: true });
  assert.deepEqual(thinkingOf({ enabled: true, includeThoughts: true }).thinking, { thinkingBudget: -1, includeThoughts: true });
  assert.deepEqual(thinkingOf({ effort: 'low', includeThoughts: true }).thinking, { thinkingBudget: 1024, includeThoughts: true });
  assert.deepEqual(thinkingOf({ enabled: true, budgetTokens: 2048, includeThoughts: false }).thinking, { thinkingBudget: 2048, includeThoughts: false });
  for (const model of ['gemini-2.5-flash', 'gemini-3-flash-preview']) {
    assert.equal(vertex(model, thinkingOf({ enabled: false, includeThoughts: true }, model).body), undefined, model);
  }
});
