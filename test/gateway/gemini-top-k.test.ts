/**
 * Gemini 1.5 and 2.0 take topK up to 40 ("supported range is from 1 (inclusive) to 41
 * (exclusive)"): the catalog knows it, a larger top_k is lowered with a warning, and what is sent
 * passes the strict test upstreams, which refuse what was sent before. Gemini 2.5 is left alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelCatalog } from '../../src/catalog/model-catalog.js';
import { fitRequestToModel } from '../../src/catalog/fit-request.js';
import { geminiDialect } from '../../src/dialects/gemini/index.js';
import { anthropicDialect } from '../../src/dialects/anthropic/index.js';
import { judgeRequest } from '../support/vendor-rules/index.js';

const catalog = new ModelCatalog();
const geminiApi = (model: string, body: unknown) => judgeRequest({ method: 'POST', url: `/v1beta/models/${model}:generateContent`, headers: { 'x-goog-api-key': 'k' }, body });
const vertex = (model: string, body: unknown) =>
  judgeRequest({ method: 'POST', url: `/v1/projects/p/locations/global/publishers/google/models/${model}:generateContent`, headers: { authorization: 'Bearer t' }, body });

function upstream(model: string, topK: number) {
  const asked = anthropicDialect.parseRequest({ model, max_tokens: 100, top_k: topK, messages: [{ role: 'user', content: 'hi' }] }, {}).request;
  const fitted = fitRequestToModel(asked, catalog.factsFor('google', model));
  const options = { model, defaultMaxOutputTokens: 4096 };
  return { sent: geminiDialect.emitRequest(fitted.value, options).body as { generationConfig?: { topK?: number } }, warnings: fitted.warnings, unfitted: geminiDialect.emitRequest(asked, options).body };
}

test('Gemini 1.5 and 2.0: a top_k above 40 is lowered to 40, with a warning', () => {
  for (const model of ['gemini-2.0-flash', 'gemini-2.0-flash-lite', 'gemini-1.5-pro', 'gemini-1.5-flash']) {
    for (const topK of [41, 100]) {
      const { sent, warnings, unfitted } = upstream(model, topK);
      assert.equal(sent.generationConfig?.topK, 40, model);
      assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'top_k']], model);
      assert.equal(geminiApi(model, sent), undefined, model);
      assert.equal(vertex(model, sent), undefined, model);
      const refused = geminiApi(model, unfitted);
      assert.equal(refused?.rule, 'gemini.model.top-k-range', model);
      assert.equal(
        (refused.body as { error: { message: string } }).error.message,
        `Unable to submit request because it has a topK value of ${topK} but the supported range is from 1 (inclusive) to 41 (exclusive). Update the value and try again.`,
      );
    }
  }
  assert.deepEqual(upstream('gemini-2.0-flash', 40).warnings, []);
});

test('Gemini 2.5 keeps a top_k above 40', () => {
  const { sent, warnings } = upstream('gemini-2.5-flash', 64);
  assert.equal(sent.generationConfig?.topK, 64);
  assert.deepEqual(warnings, []);
});
