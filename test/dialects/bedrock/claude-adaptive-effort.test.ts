/**
 * A Converse caller asks Claude for adaptive thinking with an effort in
 * `additionalModelRequestFields` (`thinking: {type: "adaptive"}`, `output_config.effort`:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html). The
 * effort is the interlingua's reasoning effort, as for an Anthropic caller
 * (test/dialects/anthropic/effort-carried.test.ts); an Anthropic upstream gets adaptive thinking with
 * the word as written, other targets the nearest word on the shared scale. A `budget_tokens` that
 * is not a number Bedrock refuses, and so does the gateway.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const converse = (additionalModelRequestFields: Record<string, unknown>) => ({
  messages: [{ role: 'user', content: [{ text: 'hi' }] }],
  additionalModelRequestFields,
});
const adaptive = (effort: string, outputConfig: Record<string, unknown> = {}) => converse({ thinking: { type: 'adaptive' }, output_config: { ...outputConfig, effort } });
const features = (warnings: readonly { type: string; feature: string }[]) => warnings.map((warning) => `${warning.type}:${warning.feature}`);
const toAnthropic = (body: unknown, model = 'claude-opus-4-6') => {
  const { request, warnings } = bedrockDialect.parseRequest(body, { model: 'opus' });
  const emitted = anthropicDialect.emitRequest(request, { model, defaultMaxOutputTokens: 1024 });
  return { request, parseWarnings: warnings, body: emitted.body as Record<string, unknown>, warnings: emitted.warnings };
};

test('adaptive thinking with effort low reaches an Anthropic upstream as adaptive thinking with effort low', () => {
  const sent = toAnthropic(adaptive('low'));
  assert.deepEqual(sent.request.reasoning, { enabled: true, includeThoughts: true, effort: 'low' });
  assert.deepEqual(sent.parseWarnings, []);
  assert.deepEqual(sent.body['thinking'], { type: 'adaptive' });
  assert.deepEqual(sent.body['output_config'], { effort: 'low' });
  // Neither "effort … was sent as budget_tokens" nor "additionalModelRequestFields … was left out".
  assert.deepEqual(features(sent.warnings), []);
  assert.equal(judgeRequest({ method: 'POST', url: '/v1/messages', headers: { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' }, body: sent.body }), undefined);
});

test('other fields of output_config and the model parameters stay as they came', () => {
  const { request } = bedrockDialect.parseRequest(converse({ thinking: { type: 'adaptive' }, output_config: { effort: 'medium', other: 1 }, top_k: 5 }), {});
  assert.equal(request.reasoning?.effort, 'medium');
  assert.deepEqual(request.vendor?.['bedrock'], { additionalModelRequestFields: { output_config: { other: 1 }, top_k: 5 } });
});

test('xhigh and max go to an Anthropic upstream as written and to others as high, with a warning', () => {
  for (const word of ['xhigh', 'max']) {
    const { request, warnings } = bedrockDialect.parseRequest(adaptive(word), {});
    assert.equal(request.reasoning?.effort, 'high', word);
    assert.deepEqual(warnings, [], word);
    const anthropic = anthropicDialect.emitRequest(request, { model: 'claude-opus-4-7', defaultMaxOutputTokens: 1024 });
    assert.deepEqual((anthropic.body as Record<string, unknown>)['output_config'], { effort: word }, word);
    assert.deepEqual(features(anthropic.warnings), [], word);
    const openai = openaiChatDialect.emitRequest(request, { model: 'gpt-5', defaultMaxOutputTokens: 1024 });
    assert.equal((openai.body as Record<string, unknown>)['reasoning_effort'], 'high', word);
    const note = openai.warnings.find((warning) => warning.feature === 'output_config.effort');
    assert.equal(note?.type, 'compatibility', word);
    assert.match(note?.message ?? '', new RegExp(`"${word}".*"high"`), word);
    assert.deepEqual(features(openai.warnings).filter((feature) => /additionalModelRequestFields|thinking/.test(feature)), [], word);
  }
});

test('an effort word not on the scale stays in output_config, as the Anthropic parser leaves it', () => {
  const { request } = bedrockDialect.parseRequest(adaptive('extreme'), {});
  assert.equal(request.reasoning?.effort, undefined);
  assert.deepEqual(request.vendor?.['bedrock'], { additionalModelRequestFields: { output_config: { effort: 'extreme' } } });
});

test('manual thinking keeps its budget and takes the effort beside it', () => {
  const { request, warnings } = bedrockDialect.parseRequest(converse({ thinking: { type: 'enabled', budget_tokens: 2048 }, output_config: { effort: 'high' } }), {});
  assert.deepEqual(request.reasoning, { enabled: true, budgetTokens: 2048, includeThoughts: true, effort: 'high' });
  assert.deepEqual(warnings, []);
});

test('a budget_tokens that is not a number is refused as an invalid request naming the field', () => {
  for (const budget of ['x', '2048', null, true]) {
    assert.throws(
      () => bedrockDialect.parseRequest(converse({ thinking: { type: 'enabled', budget_tokens: budget } }), {}),
      (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && /additionalModelRequestFields\.thinking\.budget_tokens/.test(error.message),
      String(budget),
    );
  }
});
