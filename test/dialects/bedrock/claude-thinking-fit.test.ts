/**
 * Claude on Converse with thinking on: the sampling and tool choice it refuses (temperature other
 * than 1, top_p below 0.95, top_k, a forced tool) are fitted with a warning, as the Anthropic
 * emitter fits them, and the Bedrock judge (test/support/vendor-rules/bedrock.ts) refuses what the
 * emitter used to send.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { Warning } from '../../../src/interlingua/warning.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const emitOptions = { model: claude, defaultMaxOutputTokens: 4096 };
const thinkingOn = { enabled: true, budgetTokens: 2048 };
const weather = { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } };

function request(overrides: Partial<ChatRequest>): ChatRequest {
  return { model: 'smart', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }], sampling: {}, stream: false, ...overrides };
}

function emit(overrides: Partial<ChatRequest>, options: Partial<typeof emitOptions> & { reasoningByEffort?: boolean } = {}) {
  const emitted = bedrockDialect.emitRequest(request(overrides), { ...emitOptions, ...options });
  return { body: emitted.body as Record<string, Record<string, unknown> | undefined>, warnings: emitted.warnings };
}

/** What the Bedrock judge says of a body sent to `operation` of `model` with a well-formed bearer key. */
function judged(body: unknown, model = claude, operation = 'converse') {
  return judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(model)}/${operation}`, headers: { authorization: 'Bearer test-key' }, body });
}

function warningOf(warnings: readonly Warning[], feature: string): Warning | undefined {
  return warnings.find((warning) => warning.feature === feature);
}

test('a temperature other than 1 is left out while Claude thinks on Converse, with a warning; 1, or no thinking, keeps it', () => {
  const { body, warnings } = emit({ sampling: { temperature: 0.2 }, reasoning: thinkingOn });
  assert.equal(body['inferenceConfig']?.['temperature'], undefined);
  assert.deepEqual(body['additionalModelRequestFields']?.['thinking'], { type: 'enabled', budget_tokens: 2048 });
  assert.deepEqual(warningOf(warnings, 'temperature'), {
    type: 'unsupported',
    feature: 'temperature',
    message: 'Claude on Bedrock does not take a temperature other than 1 with thinking on; it was left out.',
  });
  assert.equal(judged(body), undefined);
  assert.equal(emit({ sampling: { temperature: 1 }, reasoning: thinkingOn }).body['inferenceConfig']?.['temperature'], 1);
  assert.equal(emit({ sampling: { temperature: 0.2 } }).body['inferenceConfig']?.['temperature'], 0.2);
});

test('a top_p below 0.95 is raised to 0.95 while Claude thinks on Converse, with a warning; 0.97 is kept', () => {
  const { body, warnings } = emit({ sampling: { topP: 0.5 }, reasoning: thinkingOn });
  assert.equal(body['inferenceConfig']?.['topP'], 0.95);
  assert.deepEqual(warningOf(warnings, 'top_p'), { type: 'compatibility', feature: 'top_p', message: 'Claude on Bedrock needs top_p >= 0.95 with thinking on; 0.5 was sent as 0.95.' });
  assert.equal(judged(body), undefined);
  assert.equal(emit({ sampling: { topP: 0.97 }, reasoning: thinkingOn }).body['inferenceConfig']?.['topP'], 0.97);
});

test("a Bedrock caller's top_k among its model fields is left out while Claude thinks, with a warning; without thinking it goes", () => {
  // The caller's own Converse body: thinking, top_k and a temperature, as boto3 users write them.
  const wire = {
    messages: [{ role: 'user', content: [{ text: 'Hello' }] }],
    inferenceConfig: { maxTokens: 4096, temperature: 0.3 },
    additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 }, top_k: 40 },
  };
  const parsed = bedrockDialect.parseRequest(wire, { model: claude });
  const emitted = bedrockDialect.emitRequest(parsed.request, emitOptions);
  const body = emitted.body as Record<string, Record<string, unknown>>;
  assert.deepEqual(body['additionalModelRequestFields'], { thinking: { type: 'enabled', budget_tokens: 1024 } });
  assert.deepEqual(body['inferenceConfig'], { maxTokens: 4096 });
  assert.deepEqual(
    emitted.warnings.filter((warning) => warning.feature === 'top_k' || warning.feature === 'temperature').map((warning) => warning.message),
    ['Claude on Bedrock does not take a temperature other than 1 with thinking on; it was left out.', 'Claude on Bedrock does not take top_k with thinking on; it was left out.'],
  );
  assert.equal(judged(body), undefined);
  const { thinking: _thinking, ...withoutThinking } = wire.additionalModelRequestFields;
  const plain = bedrockDialect.emitRequest(bedrockDialect.parseRequest({ ...wire, additionalModelRequestFields: withoutThinking }, { model: claude }).request, emitOptions);
  assert.deepEqual((plain.body as Record<string, unknown>)['additionalModelRequestFields'], { top_k: 40 });
  // An interlingua top_k (Converse has none of its own) is reported with the thinking reason.
  assert.equal(warningOf(emit({ sampling: { topK: 40 }, reasoning: thinkingOn }).warnings, 'top_k')?.message, 'Claude on Bedrock does not take top_k with thinking on; it was left out.');
});

test('a forced tool choice stays and manual thinking is turned off for the request, with a warning; adaptive thinking keeps it', () => {
  for (const [toolChoice, wire] of [
    [{ type: 'required' }, { any: {} }],
    [{ type: 'tool', name: 'get_weather' }, { tool: { name: 'get_weather' } }],
  ] as const) {
    const { body, warnings } = emit({ tools: [weather], toolChoice, reasoning: thinkingOn, sampling: { temperature: 0.2 } });
    assert.deepEqual(body['toolConfig']?.['toolChoice'], wire);
    assert.equal(body['additionalModelRequestFields'], undefined);
    assert.deepEqual(warningOf(warnings, 'reasoning.forced_tool_choice'), {
      type: 'compatibility',
      feature: 'reasoning.forced_tool_choice',
      message: 'Claude on Bedrock does not think while the tool choice forces a tool call; thinking was turned off for this request so the forced call stays.',
    });
    // Thinking off, the caller's temperature goes as asked.
    assert.equal(body['inferenceConfig']?.['temperature'], 0.2);
    assert.equal(judged(body), undefined);
  }
  // Adaptive thinking takes forced tool use (platform.claude.com thinking-tool-workflows).
  const adaptive = emit({ tools: [weather], toolChoice: { type: 'required' }, reasoning: { effort: 'high' } }, { model: 'us.anthropic.claude-opus-4-7', reasoningByEffort: true });
  assert.deepEqual(adaptive.body['additionalModelRequestFields']?.['thinking'], { type: 'adaptive' });
  assert.equal(warningOf(adaptive.warnings, 'reasoning.forced_tool_choice'), undefined);
});

test('the Bedrock judge refuses what the Converse emitter sent Claude with thinking on before it was fitted, in Bedrock’s words', () => {
  const thinking = { thinking: { type: 'enabled', budget_tokens: 2048 } };
  const messages = [{ role: 'user', content: [{ text: 'Hello' }] }];
  const tools = [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }];
  const refusals: Array<[string, Record<string, unknown>, string]> = [
    ['bedrock.converse.claude-thinking.temperature', { messages, inferenceConfig: { maxTokens: 4096, temperature: 0.2 }, additionalModelRequestFields: thinking }, 'temperature may only be set to 1 when thinking is enabled.'],
    ['bedrock.converse.claude-thinking.top_p', { messages, inferenceConfig: { maxTokens: 4096, topP: 0.5 }, additionalModelRequestFields: thinking }, 'top_p must be unset when thinking is enabled.'],
    ['bedrock.converse.claude-thinking.top_k', { messages, inferenceConfig: { maxTokens: 4096 }, additionalModelRequestFields: { ...thinking, top_k: 40 } }, 'top_k must be unset when thinking is enabled.'],
    ['bedrock.converse.claude-thinking.forced-tool-choice', { messages, toolConfig: { tools, toolChoice: { any: {} } }, additionalModelRequestFields: thinking }, 'Thinking may not be enabled when tool_choice forces tool use.'],
    ['bedrock.converse.claude-thinking.forced-tool-choice', { messages, toolConfig: { tools, toolChoice: { tool: { name: 'get_weather' } } }, additionalModelRequestFields: thinking }, 'Thinking may not be enabled when tool_choice forces tool use.'],
  ];
  for (const [rule, body, message] of refusals) {
    const refusal = judged(body);
    assert.equal(refusal?.rule, rule);
    assert.equal(refusal.status, 400);
    assert.deepEqual(refusal.body, { message: `The model returned the following errors: ${message}` });
    assert.match(String(refusal.headers?.['x-amzn-errortype']), /^ValidationException:/);
    // The same body streamed is judged alike; without thinking, or to a model that is not Claude, it is not refused by these rules.
    assert.equal(judged(body, claude, 'converse-stream')?.rule, rule);
    const { additionalModelRequestFields: _fields, ...unthinking } = body;
    assert.equal(judged(unthinking), undefined);
    assert.notEqual(judged(body, 'us.amazon.nova-pro-v1:0')?.rule, rule);
  }
  // What the rules allow: temperature 1, top_p from 0.95 (one of them: Sonnet 4.5 takes one) and an `auto` choice.
  assert.equal(judged({ messages, inferenceConfig: { maxTokens: 4096, temperature: 1 }, toolConfig: { tools, toolChoice: { auto: {} } }, additionalModelRequestFields: thinking }), undefined);
  assert.equal(judged({ messages, inferenceConfig: { maxTokens: 4096, topP: 0.95 }, additionalModelRequestFields: thinking }), undefined);
  // InvokeModel carries Anthropic's own body, which Anthropic's thinking rules already judge there.
  const invoke = judged({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 4096, temperature: 0.2, thinking: thinking.thinking, messages: [{ role: 'user', content: 'Hello' }] }, claude, 'invoke');
  assert.equal(invoke?.rule, 'bedrock.invoke.anthropic.thinking.temperature');
});
