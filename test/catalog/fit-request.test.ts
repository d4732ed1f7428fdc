import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitRequestToModel } from '../../src/catalog/fit-request.js';
import type { ModelFacts } from '../../src/catalog/model-facts.js';
import type { ChatRequest } from '../../src/interlingua/request.js';

const request = (fields: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'm',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  sampling: {},
  stream: false,
  ...fields,
});

test('without facts the request is the same object, untouched', () => {
  const original = request({ sampling: { temperature: 0.5, topP: 0.5, maxOutputTokens: 1_000_000 }, reasoning: { effort: 'high' } });
  const fitted = fitRequestToModel(original, undefined);
  assert.equal(fitted.value, original);
  assert.deepEqual(fitted.warnings, []);
});

test('facts that change nothing give back the same object', () => {
  const original = request({ sampling: { temperature: 0.5, maxOutputTokens: 100 } });
  const fitted = fitRequestToModel(original, { id: 'm', maxOutputTokens: 1000, temperatureOrTopP: true, refusedSampling: ['topK'] });
  assert.equal(fitted.value, original);
});

test('refused controls are left out; top_p goes when only one of temperature and top_p is taken', () => {
  const facts: ModelFacts = { id: 'm', refusedSampling: ['topK', 'seed'], temperatureOrTopP: true };
  const fitted = fitRequestToModel(request({ sampling: { temperature: 0.5, topP: 0.9, topK: 4, seed: 1 } }), facts);
  assert.deepEqual(fitted.value.sampling, { temperature: 0.5 });
  assert.deepEqual(
    fitted.warnings.map((warning) => [warning.type, warning.feature]),
    [
      ['unsupported', 'top_k'],
      ['unsupported', 'seed'],
      ['unsupported', 'top_p'],
    ],
  );
});

test('output above the model\'s limit is lowered to it, with a compatibility warning', () => {
  const fitted = fitRequestToModel(request({ sampling: { maxOutputTokens: 32000 } }), { id: 'gpt-4o', maxOutputTokens: 16384 });
  assert.equal(fitted.value.sampling.maxOutputTokens, 16384);
  assert.equal(fitted.warnings[0]?.message, 'gpt-4o writes at most 16384 output tokens; 32000 was lowered to 16384.');
});

test('reasoning to a model that does not reason is left out; turning it off goes without a warning', () => {
  const facts: ModelFacts = { id: 'gpt-4o', reasoning: { type: 'none' } };
  const on = fitRequestToModel(request({ reasoning: { enabled: true, budgetTokens: 16000 } }), facts);
  assert.equal(on.value.reasoning, undefined);
  assert.deepEqual(on.warnings.map((warning) => warning.feature), ['reasoning']);
  const off = fitRequestToModel(request({ reasoning: { enabled: false } }), facts);
  assert.equal(off.value.reasoning, undefined);
  assert.deepEqual(off.warnings, []);
});

test('a thinking budget is brought into the model\'s range; off where the model cannot stop thinking is left out', () => {
  const pro: ModelFacts = { id: 'gemini-2.5-pro', reasoning: { type: 'budget', minTokens: 128, maxTokens: 32768, canTurnOff: false } };
  assert.equal(fitRequestToModel(request({ reasoning: { budgetTokens: 64 } }), pro).value.reasoning?.budgetTokens, 128);
  assert.equal(fitRequestToModel(request({ reasoning: { budgetTokens: 50000 } }), pro).value.reasoning?.budgetTokens, 32768);
  assert.equal(fitRequestToModel(request({ reasoning: { budgetTokens: -1 } }), pro).warnings.length, 0, 'dynamic stays dynamic');
  const off = fitRequestToModel(request({ reasoning: { budgetTokens: 0 } }), pro);
  assert.equal(off.value.reasoning, undefined);
  assert.deepEqual(off.warnings.map((warning) => warning.feature), ['reasoning.disabled']);
  const claude: ModelFacts = { id: 'claude-opus-4-1', reasoning: { type: 'budget', minTokens: 1024, canTurnOff: true } };
  const raised = fitRequestToModel(request({ reasoning: { budgetTokens: 500 } }), claude);
  assert.equal(raised.value.reasoning?.budgetTokens, 1024);
  assert.match(raised.warnings[0]?.message ?? '', /of at least 1024 tokens; 500 was changed to 1024/);
});

test('a token budget to a model of few effort words goes as the nearest it takes; one it takes is the emitter\'s to map', () => {
  const mini: ModelFacts = { id: 'grok-3-mini', reasoning: { type: 'effort', efforts: ['low', 'high'], turnOff: 'never' } };
  // 8192 tokens is "medium" on the common scale (core/reasoning-budget.ts), which grok-3-mini does not take.
  const raised = fitRequestToModel(request({ reasoning: { enabled: true, budgetTokens: 8192 } }), mini);
  assert.equal(raised.value.reasoning?.effort, 'high');
  assert.deepEqual(raised.warnings.map((warning) => warning.message), ['grok-3-mini takes reasoning effort "low", "high"; a reasoning budget of 8192 tokens was sent as "high".']);
  const taken = fitRequestToModel(request({ reasoning: { enabled: true, budgetTokens: 1024 } }), mini);
  assert.equal(taken.value.reasoning?.effort, undefined);
  assert.deepEqual(taken.warnings, []);
});

test('a model whose effort is an on-off switch keeps reasoning on or off; a level asked of it is reported', () => {
  const qwen: ModelFacts = { id: 'qwen/qwen3.6-27b', reasoning: { type: 'switch', on: 'default', off: 'none' } };
  const high = fitRequestToModel(request({ reasoning: { enabled: true, effort: 'high' } }), qwen);
  assert.deepEqual(high.value.reasoning, { enabled: true, effort: 'high' });
  assert.deepEqual(high.warnings.map((warning) => warning.message), ['qwen/qwen3.6-27b switches reasoning on or off and takes no effort or budget; reasoning was switched on.']);
  const off = fitRequestToModel(request({ reasoning: { enabled: false } }), qwen);
  assert.deepEqual(off.value.reasoning, { enabled: false });
  assert.deepEqual(off.warnings, []);
});

test('where thinking counts in the output limit, the budget leaves the answer room within the model\'s limit', () => {
  const opus: ModelFacts = { id: 'claude-opus-4-1', maxOutputTokens: 32000, reasoning: { type: 'budget', minTokens: 1024, thinkingInOutput: true } };
  // 20000 + 16000 would be sent as max_tokens 36000: the budget is lowered to the 16000 left beside the answer.
  const beside = fitRequestToModel(request({ sampling: { maxOutputTokens: 16000 }, reasoning: { budgetTokens: 20000 } }), opus);
  assert.deepEqual([beside.value.sampling.maxOutputTokens, beside.value.reasoning?.budgetTokens], [16000, 16000]);
  assert.deepEqual(beside.warnings.map((warning) => warning.feature), ['reasoning.budget_tokens']);
  // 64000 is lowered to 32000, which leaves nothing beside a 40000 budget: half the limit thinks.
  const halved = fitRequestToModel(request({ sampling: { maxOutputTokens: 64000 }, reasoning: { budgetTokens: 40000 } }), opus);
  assert.deepEqual([halved.value.sampling.maxOutputTokens, halved.value.reasoning?.budgetTokens], [32000, 16000]);
  // What already fits is left alone: a budget below the output limit, or a sum within the model's.
  for (const [maxOutputTokens, budgetTokens] of [
    [20000, 10000],
    [8000, 16000],
  ] as const) {
    const fitted = fitRequestToModel(request({ sampling: { maxOutputTokens }, reasoning: { budgetTokens } }), opus);
    assert.deepEqual(fitted.warnings, [], `${maxOutputTokens}/${budgetTokens}`);
  }
});

test('a thinking budget that comes from an effort, or meets no output limit of the caller, is fitted too', () => {
  const opus: ModelFacts = { id: 'claude-opus-4-1', maxOutputTokens: 32000, reasoning: { type: 'budget', minTokens: 1024, thinkingInOutput: true } };
  // "high" is sent as a 24576-token budget, which max_tokens 10000 would be raised above (34576 > 32000).
  const effort = fitRequestToModel(request({ sampling: { maxOutputTokens: 10000 }, reasoning: { effort: 'high' } }), opus);
  assert.deepEqual([effort.value.sampling.maxOutputTokens, effort.value.reasoning?.budgetTokens], [10000, 22000]);
  assert.deepEqual(effort.warnings.map((warning) => warning.message), ['claude-opus-4-1 writes at most 32000 tokens, thinking included; the thinking budget of 24576 was lowered to 22000.']);
  // Without an output limit the provider's default goes, which may be up to the model's: half the limit is left to think.
  const sonnet: ModelFacts = { ...opus, id: 'claude-sonnet-4-5', maxOutputTokens: 64000 };
  const open = fitRequestToModel(request({ reasoning: { budgetTokens: 32768 } }), sonnet);
  assert.deepEqual([open.value.sampling.maxOutputTokens, open.value.reasoning?.budgetTokens], [undefined, 32000]);
  assert.deepEqual(open.warnings.map((warning) => warning.feature), ['reasoning.budget_tokens']);
  // What already fits is left alone.
  for (const reasoning of [{ effort: 'medium' as const }, { budgetTokens: 32000 }, { enabled: false }]) {
    assert.deepEqual(fitRequestToModel(request({ reasoning }), sonnet).warnings, [], JSON.stringify(reasoning));
  }
});
