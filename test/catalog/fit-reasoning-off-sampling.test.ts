/**
 * Sampling a model takes only with reasoning off (gpt-5.1, 5.2 and 5.4: temperature and top_p at effort `none`,
 * developers.openai.com/api/docs/guides/latest-model), as the catalog knows those models.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitRequestToModel } from '../../src/catalog/fit-request.js';
import { ModelCatalog } from '../../src/catalog/model-catalog.js';
import type { ChatRequest, ReasoningSettings } from '../../src/interlingua/request.js';

const request = (reasoning?: ReasoningSettings): ChatRequest => ({
  model: 'm',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  sampling: { temperature: 0.4, topP: 0.8, seed: 7 },
  stream: false,
  ...(reasoning === undefined ? {} : { reasoning }),
});

const catalog = new ModelCatalog();

test('gpt-5.1, 5.2 and 5.4 keep temperature and top_p with reasoning off or unasked, and lose them while reasoning', () => {
  for (const model of ['gpt-5.1', 'gpt-5.2-2025-12-11', 'gpt-5.4']) {
    const facts = catalog.factsFor('openai', model);
    for (const reasoning of [undefined, { enabled: false }, { budgetTokens: 0 }]) {
      const fitted = fitRequestToModel(request(reasoning), facts);
      assert.deepEqual(fitted.value.sampling, { temperature: 0.4, topP: 0.8, seed: 7 }, `${model} ${JSON.stringify(reasoning)}`);
    }
    for (const reasoning of [{ enabled: true }, { enabled: true, effort: 'low' as const }, { budgetTokens: 2048 }]) {
      const fitted = fitRequestToModel(request(reasoning), facts);
      assert.deepEqual(fitted.value.sampling, { seed: 7 }, `${model} ${JSON.stringify(reasoning)}`);
      assert.deepEqual(
        fitted.warnings.filter((warning) => warning.feature === 'temperature' || warning.feature === 'top_p').map((warning) => warning.message),
        [`${facts?.id} refuses temperature while it reasons; it was left out.`, `${facts?.id} refuses top_p while it reasons; it was left out.`],
      );
    }
  }
});

test('their mini and nano, gpt-5 and o3 lose temperature and top_p whatever the reasoning', () => {
  for (const model of ['gpt-5.4-mini', 'gpt-5.4-nano', 'gpt-5', 'o3', 'gpt-5.2-pro', 'gpt-5.1-codex']) {
    for (const reasoning of [undefined, { enabled: false }]) {
      assert.deepEqual(fitRequestToModel(request(reasoning), catalog.factsFor('openai', model)).value.sampling, { seed: 7 }, `${model} ${JSON.stringify(reasoning)}`);
    }
  }
});
