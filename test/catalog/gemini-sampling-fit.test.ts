/**
 * Gemini 2.5 and 3 refuse a non-zero penalty, and Gemini 3 more than one candidate: the catalog
 * knows it, the request is fitted (with warnings) before the Gemini codec writes it, and what the
 * gateway sends passes the strict test upstreams, which refuse what it sent before.
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

const request = (sampling: ChatRequest['sampling']): ChatRequest => ({
  model: 'm',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  sampling,
  stream: false,
});

/** The body the gateway sends (fitted to the model, then written), and the body written without the fit, as it was sent before. */
function upstream(asked: ChatRequest, model: string) {
  const fitted = fitRequestToModel(asked, catalog.factsFor('google', model));
  const options = { model, defaultMaxOutputTokens: 4096 };
  return { sent: geminiDialect.emitRequest(fitted.value, options).body, warnings: fitted.warnings, unfitted: geminiDialect.emitRequest(asked, options).body };
}

const geminiApi = (model: string, body: unknown) => judgeRequest({ method: 'POST', url: `/v1beta/models/${model}:generateContent`, headers: { 'x-goog-api-key': 'k' }, body });
const vertex = (model: string, body: unknown) =>
  judgeRequest({ method: 'POST', url: `/v1/projects/p/locations/global/publishers/google/models/${model}:generateContent`, headers: { authorization: 'Bearer t' }, body });

test('Gemini 2.5 and 3: a non-zero penalty is left out with a warning, 0 goes as it is; Gemini 2.0 keeps both', () => {
  for (const model of ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-2.5-flash-lite', 'models/gemini-3-flash-preview', 'gemini-3.1-pro-preview']) {
    const { sent, warnings, unfitted } = upstream(request({ presencePenalty: 0.5, frequencyPenalty: 0 }), model);
    const name = model.replace('models/', '');
    assert.deepEqual((sent as { generationConfig?: unknown }).generationConfig, { frequencyPenalty: 0 }, model);
    assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [['unsupported', 'presence_penalty']], model);
    assert.match(warnings[0]?.message ?? '', /takes presence_penalty only at 0; 0\.5 was left out\.$/);
    assert.equal(geminiApi(name, sent), undefined, model);
    assert.equal(vertex(name, sent), undefined, model);
    const refused = geminiApi(name, unfitted);
    assert.equal(refused?.rule, 'gemini.model.penalty', model);
    assert.deepEqual(refused.body, { error: { code: 400, message: 'Penalty is not enabled for this model', status: 'INVALID_ARGUMENT' } });
    assert.equal(vertex(name, unfitted)?.rule, 'gemini.model.penalty', model);
  }
  const both = upstream(request({ presencePenalty: 0.1, frequencyPenalty: -0.3 }), 'gemini-2.5-flash');
  assert.deepEqual(both.warnings.map((warning) => warning.feature), ['presence_penalty', 'frequency_penalty']);
  assert.equal((both.sent as { generationConfig?: unknown }).generationConfig, undefined);
  const older = upstream(request({ presencePenalty: 0.5, frequencyPenalty: 0.5 }), 'gemini-2.0-flash');
  assert.deepEqual(older.warnings, []);
  assert.equal(geminiApi('gemini-2.0-flash', older.sent), undefined, 'Gemini 2.0 takes penalties');
});

test('Gemini 3: an OpenAI caller\'s n: 2 asks for one candidate, with a warning; Gemini 2.5 is asked for two', () => {
  const parsed = openaiChatDialect.parseRequest({ model: 'gemini-3-flash-preview', messages: [{ role: 'user', content: 'hi' }], n: 2 }, {}).request;
  assert.equal(parsed.sampling.candidateCount, 2);
  for (const model of ['gemini-3-flash-preview', 'gemini-3.1-flash-lite', 'gemini-3-pro-preview']) {
    const { sent, warnings, unfitted } = upstream(parsed, model);
    assert.deepEqual((sent as { generationConfig?: unknown }).generationConfig, { candidateCount: 1 }, model);
    assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature, warning.message]), [['unsupported', 'candidate_count', `${model} answers with at most 1 candidate; 2 were asked for.`]]);
    assert.equal(geminiApi(model, sent), undefined, model);
    const refused = geminiApi(model, unfitted);
    assert.equal(refused?.rule, 'gemini.model.multiple-candidates', model);
    assert.deepEqual(refused.body, { error: { code: 400, message: 'Multiple candidates is not enabled for this model', status: 'INVALID_ARGUMENT' } });
  }
  const flash25 = upstream(parsed, 'gemini-2.5-flash');
  assert.deepEqual(flash25.warnings, []);
  assert.deepEqual((flash25.sent as { generationConfig?: unknown }).generationConfig, { candidateCount: 2 });
  assert.equal(geminiApi('gemini-2.5-flash', flash25.sent), undefined);
});

test('the facts, and that other vendors\' refused penalties still go at any value', () => {
  assert.deepEqual(catalog.factsFor('google', 'gemini-2.5-flash')?.refusedUnlessZero, ['presencePenalty', 'frequencyPenalty']);
  assert.equal(catalog.factsFor('google', 'gemini-2.5-flash')?.maxCandidates, undefined);
  assert.equal(catalog.factsFor('google', 'gemini-3-pro-preview')?.maxCandidates, 1);
  assert.equal(catalog.factsFor('google', 'gemini-2.0-flash')?.refusedUnlessZero, undefined);
  // xAI refuses the penalties even at 0 (model-rules.ts): refusedSampling leaves a 0 out as before.
  const grok = fitRequestToModel(request({ presencePenalty: 0 }), catalog.factsFor('xai', 'grok-4'));
  assert.deepEqual(grok.value.sampling, {});
  assert.deepEqual(grok.warnings.map((warning) => warning.feature), ['presence_penalty']);
});
