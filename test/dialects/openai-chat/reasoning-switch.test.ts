/**
 * Vendors that switch thinking rather than take `reasoning_effort`: Zhipu GLM's
 * `thinking: {type}` (https://docs.bigmodel.cn/cn/guide/capabilities/thinking-mode) and Qwen's
 * `enable_thinking` / `thinking_budget` in DashScope's compatible mode. Reasoning settings from
 * any caller must arrive as the switch, and what the switch cannot say is reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { builtInPresets } from '../../../src/providers/presets.js';
import { dialects } from '../../../src/dialects/registry.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';

const zhipu = createOpenaiChatDialect(builtInPresets['zhipu']?.quirks);
const qwen = createOpenaiChatDialect(builtInPresets['qwen']?.quirks);

function withReasoning(reasoning: ChatRequest['reasoning']): ChatRequest {
  return { model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Why?' }] }], sampling: {}, stream: false, ...(reasoning ? { reasoning } : {}) };
}

const emit = (dialect: typeof zhipu, request: ChatRequest) => {
  const { body, warnings } = dialect.emitRequest(request, { model: 'm', defaultMaxOutputTokens: 1024 });
  return { body: body as Record<string, unknown>, warnings: warnings.map((warning) => `${warning.type}:${warning.feature}`) };
};

test('GLM gets thinking enabled or disabled, never reasoning_effort', () => {
  const on = emit(zhipu, withReasoning({ enabled: true, effort: 'high' }));
  assert.deepEqual(on.body['thinking'], { type: 'enabled' });
  assert.equal(on.body['reasoning_effort'], undefined);
  assert.deepEqual(on.warnings, ['compatibility:reasoning.effort']);
  const off = emit(zhipu, withReasoning({ enabled: false }));
  assert.deepEqual(off.body['thinking'], { type: 'disabled' });
  assert.deepEqual(off.warnings, []);
  assert.equal(emit(zhipu, withReasoning(undefined)).body['thinking'], undefined, 'nothing asked, nothing sent: the model keeps its default');
});

test('Qwen gets enable_thinking with the budget, an effort as the budget of the shared scale', () => {
  assert.deepEqual(pick(emit(qwen, withReasoning({ enabled: true, budgetTokens: 4000 })).body), { enable_thinking: true, thinking_budget: 4000 });
  const effort = emit(qwen, withReasoning({ enabled: true, effort: 'medium' }));
  assert.deepEqual(pick(effort.body), { enable_thinking: true, thinking_budget: 8192 });
  assert.deepEqual(effort.warnings, ['compatibility:reasoning.effort']);
  assert.deepEqual(pick(emit(qwen, withReasoning({ enabled: false })).body), { enable_thinking: false });
});

test('an Anthropic thinking budget reaches Qwen as its thinking_budget', () => {
  const parsed = dialects.anthropic.parseRequest(
    { model: 'm', max_tokens: 8000, thinking: { type: 'enabled', budget_tokens: 3000 }, messages: [{ role: 'user', content: 'Why?' }] },
    {},
  );
  assert.deepEqual(pick(emit(qwen, parsed.request).body), { enable_thinking: true, thinking_budget: 3000 });
});

function pick(body: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of ['enable_thinking', 'thinking_budget', 'reasoning_effort', 'thinking']) if (body[key] !== undefined) picked[key] = body[key];
  return picked;
}

test('a Responses caller\'s effort beyond high that the switch cannot say is reported by its word', () => {
  const { request } = dialects['openai-responses'].parseRequest({ model: 'm', input: 'Why?', reasoning: { effort: 'xhigh' } }, {});
  const { body, warnings } = qwen.emitRequest(request, { model: 'm', defaultMaxOutputTokens: 1024 });
  assert.equal((body as Record<string, unknown>)['enable_thinking'], true);
  assert.ok(warnings.some((warning) => warning.type === 'compatibility' && warning.message.includes('"xhigh"')), JSON.stringify(warnings));
});
