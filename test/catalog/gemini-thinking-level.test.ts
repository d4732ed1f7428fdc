/**
 * Gemini 3 is asked for thinking by `thinkingLevel` (MINIMAL, LOW, MEDIUM, HIGH), Gemini 2.5 by
 * `thinkingBudget` (https://ai.google.dev/gemini-api/docs/thinking). A caller's effort goes to
 * Gemini 3 as the level, fitted to the levels the model takes (Gemini 3 Pro: LOW and HIGH,
 * github.com/egoist/chatwise-releases/issues/1206; 3.1 Pro no MINIMAL,
 * github.com/vellum-ai/vellum-assistant/pull/32687), with a warning where the word has no level
 * there; never beside a budget: "You can only set only one of thinking budget and thinking level."
 * (github.com/sterlp/eclipse-peon-ai/issues/115). What the gateway sends passes the strict test upstreams.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelCatalog } from '../../src/catalog/model-catalog.js';
import { fitRequestToModel } from '../../src/catalog/fit-request.js';
import { geminiDialect } from '../../src/dialects/gemini/index.js';
import { openaiChatDialect } from '../../src/dialects/openai-chat/index.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import { judgeRequest } from '../support/vendor-rules/index.js';

const catalog = new ModelCatalog();

const chatCaller = (effort: string): ChatRequest =>
  openaiChatDialect.parseRequest({ model: 'm', reasoning_effort: effort, messages: [{ role: 'user', content: 'hi' }] }, {}).request;
const geminiCaller = (thinkingConfig: object): ChatRequest =>
  geminiDialect.parseRequest({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { thinkingConfig } }, { model: 'm' }).request;

/** The body the gateway sends: fitted to the model, then written. */
function sent(asked: ChatRequest, model: string) {
  const fitted = fitRequestToModel(asked, catalog.factsFor('google', model));
  const emitted = geminiDialect.emitRequest(fitted.value, { model, defaultMaxOutputTokens: 4096 });
  const body = emitted.body as { generationConfig?: { thinkingConfig?: unknown } };
  const warnings = [...fitted.warnings, ...emitted.warnings].filter((warning) => /reason|think/.test(warning.feature));
  return { body, thinking: body.generationConfig?.thinkingConfig, warnings };
}

const judged = (model: string, body: unknown) =>
  [`/v1beta/models/${model}:generateContent`, `/v1/projects/p/locations/global/publishers/google/models/${model}:generateContent`].map(
    (url) => judgeRequest({ method: 'POST', url, headers: { 'x-goog-api-key': 'k', authorization: 'Bearer t' }, body }),
  );

test('Gemini 3 Flash gets each effort as its thinkingLevel, without a budget or a warning', () => {
  for (const model of ['gemini-3-flash-preview', 'gemini-3.5-flash', 'gemini-3.1-flash-lite']) {
    for (const effort of ['minimal', 'low', 'medium', 'high']) {
      const { body, thinking, warnings } = sent(chatCaller(effort), model);
      assert.deepEqual(thinking, { thinkingLevel: effort.toUpperCase() }, `${model} ${effort}`);
      assert.deepEqual(warnings, [], `${model} ${effort}`);
      assert.deepEqual(judged(model, body), [undefined, undefined], `${model} ${effort}`);
    }
  }
});

test('a word a Gemini 3 model has no level for goes as the nearest it takes, with a warning', () => {
  const cases: Array<[string, string, string]> = [
    ['gemini-3-pro-preview', 'minimal', 'LOW'],
    ['gemini-3-pro-preview', 'medium', 'HIGH'],
    ['gemini-3.1-pro-preview', 'minimal', 'LOW'],
    ['gemini-3.8-flash', 'minimal', 'LOW'],
    ['gemini-3.1-flash-image-preview', 'low', 'HIGH'],
  ];
  for (const [model, effort, level] of cases) {
    const { body, thinking, warnings } = sent(chatCaller(effort), model);
    assert.deepEqual(thinking, { thinkingLevel: level }, `${model} ${effort}`);
    assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'reasoning.effort']], `${model} ${effort}`);
    assert.match(warnings[0]?.message ?? '', new RegExp(`^${model.replace(/\./g, '\\.')} takes reasoning effort .*"${effort}" was sent as "${level.toLowerCase()}"\\.$`));
    assert.deepEqual(judged(model, body), [undefined, undefined], `${model} ${effort}`);
  }
  for (const [model, effort, level] of [['gemini-3-pro-preview', 'low', 'LOW'], ['gemini-3.1-pro-preview', 'medium', 'MEDIUM']] as const) {
    const { thinking, warnings } = sent(chatCaller(effort), model);
    assert.deepEqual([thinking, warnings], [{ thinkingLevel: level }, []], `${model} ${effort}`);
  }
});

test("a Gemini caller's own level keeps its spelling, and one the model lacks is fitted rather than sent", () => {
  assert.deepEqual(sent(geminiCaller({ thinkingLevel: 'low', includeThoughts: true }), 'gemini-3-flash-preview').thinking, { thinkingLevel: 'low', includeThoughts: true });
  const fitted = sent(geminiCaller({ thinkingLevel: 'MEDIUM' }), 'gemini-3-pro-preview');
  assert.deepEqual(fitted.thinking, { thinkingLevel: 'HIGH' });
  assert.deepEqual(judged('gemini-3-pro-preview', fitted.body), [undefined, undefined]);
});

test('Gemini 2.5 keeps the thinking budget for an effort', () => {
  const { body, thinking, warnings } = sent(chatCaller('medium'), 'gemini-2.5-flash');
  assert.deepEqual(thinking, { thinkingBudget: 8192 });
  assert.deepEqual(warnings.map((warning) => warning.feature), ['reasoning.effort']);
  assert.deepEqual(judged('gemini-2.5-flash', body), [undefined, undefined]);
});

test('the judge refuses a level beside a budget and a level the model lacks, in Google’s words', () => {
  const body = (thinkingConfig: object) => ({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { thinkingConfig } });
  const [both] = judged('gemini-3-flash-preview', body({ thinkingLevel: 'LOW', thinkingBudget: 1024 }));
  assert.deepEqual([both?.status, both?.body], [400, { error: { code: 400, message: 'You can only set only one of thinking budget and thinking level.', status: 'INVALID_ARGUMENT' } }]);
  const [minimal] = judged('gemini-3.8-flash', body({ thinkingLevel: 'MINIMAL' }));
  assert.deepEqual(minimal?.body, {
    error: { code: 400, message: 'Thinking level MINIMAL is not supported for this model. Please retry with other thinking level.', status: 'INVALID_ARGUMENT' },
  });
  assert.equal(judged('gemini-3.1-flash-image-preview', body({ thinkingLevel: 'LOW' }))[0]?.rule, 'gemini.model.thinking-levels');
  assert.deepEqual(judged('gemini-3-flash-preview', body({ thinkingLevel: 'MINIMAL' })), [undefined, undefined]);
});
