/**
 * What the model rules know of Mistral's, Zhipu's and Groq's models through their own presets
 * (src/catalog/model-rules-compatible.ts), and how a request is fitted to it (fit-request.ts):
 * Mistral's none-or-high reasoning_effort, GLM text models without images, and Groq's Llama 3
 * models without images or JSON Schema.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitRequestToModel } from '../../src/catalog/fit-request.js';
import { ModelCatalog } from '../../src/catalog/model-catalog.js';
import type { ModelFacts } from '../../src/catalog/model-facts.js';
import type { RuleVendor } from '../../src/catalog/model-rules.js';
import { catalogVendorOf } from '../../src/gateway/catalog-vendor.js';
import type { ChatRequest } from '../../src/interlingua/request.js';

const catalog = new ModelCatalog();
const facts = (vendor: RuleVendor, model: string): ModelFacts | undefined => catalog.factsFor(vendor, model);
const request = (fields: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'm',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  sampling: {},
  stream: false,
  ...fields,
});
const features = (warnings: ReadonlyArray<{ feature: string }>) => warnings.map((warning) => warning.feature);

test('the mistral and zhipu presets are their own rule vendors', () => {
  assert.equal(catalogVendorOf({ dialect: 'openai-chat', preset: 'mistral' }, 'mistral-small-latest'), 'mistral');
  assert.equal(catalogVendorOf({ dialect: 'openai-chat', preset: 'zhipu' }, 'glm-4.6'), 'zhipu');
});

// "reasoning_effort='medium' is not supported for this model. Must be one of (none, high)" (architects-toolkit/SmartHopper#647);
// the models that take it, probed live: withceleste/celeste-python#311.
test('Mistral Small 4, Medium 3.5 and magistral-small take reasoning_effort none or high: another level goes as high, with a warning', () => {
  for (const model of ['mistral-small-latest', 'mistral-small-2603', 'mistral-medium-latest', 'mistral-medium-2604', 'mistral-medium-3-5', 'magistral-small-latest']) {
    const fitted = fitRequestToModel(request({ reasoning: { effort: 'medium' } }), facts('mistral', model));
    assert.deepEqual(fitted.value.reasoning, { effort: 'high' }, model);
    assert.deepEqual(features(fitted.warnings), ['reasoning.effort'], model);
  }
  const small = facts('mistral', 'mistral-small-latest');
  assert.deepEqual(fitRequestToModel(request({ reasoning: { effort: 'high' } }), small).warnings, []);
  assert.deepEqual(small?.reasoning, { type: 'effort', efforts: ['high'], beyondScale: ['none'], turnOff: 'disabled' }, 'off is sent as "none"');
});

// Refused, "not enabled for this model": Mistral Large (dust-tt/dust#27613), codestral and magistral (NousResearch/hermes-agent#11243,
// withceleste/celeste-python#311), Ministral (tontinton/maki#396).
test('Mistral models without adjustable reasoning get no reasoning_effort: it is left out, with a warning', () => {
  for (const model of ['mistral-large-latest', 'mistral-large-2512', 'codestral-latest', 'ministral-8b-latest', 'mistral-medium-2508', 'magistral-medium-latest']) {
    const fitted = fitRequestToModel(request({ reasoning: { effort: 'medium' } }), facts('mistral', model));
    assert.equal(fitted.value.reasoning, undefined, model);
    assert.equal(fitted.warnings.length, 1, model);
  }
  assert.equal(facts('mistral', 'mistral-large-4'), undefined, 'Large 4 reasons, at levels not recorded');
});

// Code 1210 "messages.content.type 参数非法，取值范围 ['text']" (TriDefender/zcode-api#26).
test('GLM text models read no images; the vision models (a v after the version) do', () => {
  for (const model of ['glm-4.6', 'glm-4.7', 'glm-5', 'glm-5.1', 'glm-4-plus', 'glm-4.5-air']) assert.equal(facts('zhipu', model)?.vision, false, model);
  for (const model of ['glm-4.5v', 'glm-4.6v', 'glm-4.6v-flash', 'glm-4v-flash', 'glm-4.1v-thinking-flash']) assert.equal(facts('zhipu', model)?.vision, undefined, model);
  const fitted = fitRequestToModel(
    request({ messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } }, { type: 'text', text: 'what' }] }] }),
    facts('zhipu', 'glm-4.6'),
  );
  assert.deepEqual(fitted.value.messages[0]?.content, [
    { type: 'text', text: '[image omitted: glm-4.6 does not read images]' },
    { type: 'text', text: 'what' },
  ]);
  assert.deepEqual(features(fitted.warnings), ['image']);
});

// "message[0].content must be a string" (vercel/ai#2837); "This model does not support response format `json_schema`." (plune-ai/cairn#36).
test('Groq Llama 3 models read no images and take no JSON Schema; Llama 4, GPT-OSS and Qwen 3.6 are not marked', () => {
  for (const model of ['llama-3.3-70b-versatile', 'llama-3.1-8b-instant']) {
    assert.equal(facts('groq', model)?.vision, false, model);
    assert.equal(facts('groq', model)?.structuredOutput, false, model);
  }
  for (const model of ['meta-llama/llama-4-scout-17b-16e-instruct', 'openai/gpt-oss-120b', 'qwen/qwen3.6-27b']) {
    assert.equal(facts('groq', model)?.vision, undefined, model);
    assert.equal(facts('groq', model)?.structuredOutput, undefined, model);
  }
  const fitted = fitRequestToModel(
    request({ responseFormat: { type: 'json', schema: { type: 'object', properties: { a: { type: 'string' } } } } }),
    facts('groq', 'llama-3.3-70b-versatile'),
  );
  assert.deepEqual(features(fitted.warnings), ['response_format.json_schema']);
});
