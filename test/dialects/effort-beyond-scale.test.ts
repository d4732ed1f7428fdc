/**
 * A caller's own effort word beyond low–high (`xhigh`, `none`), written back for an upstream of its
 * dialect only where the model takes it (`effortsBeyondScale`, from the catalog), and reasoning
 * turned off written as `none` where the model reasons unless told not to (`reasoningOff: 'disabled'`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatDialect } from '../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../src/dialects/openai-responses/index.js';
import type { EmitRequestOptions } from '../../src/interlingua/dialect.js';

const base: EmitRequestOptions = { model: 'grok-4.5', defaultMaxOutputTokens: 100 };

function chatEffort(asked: string, options: Partial<EmitRequestOptions>): { effort: unknown; warnings: string[] } {
  const { request } = openaiChatDialect.parseRequest({ model: 'm', reasoning_effort: asked, messages: [{ role: 'user', content: 'Hi' }] }, {});
  const emitted = openaiChatDialect.emitRequest(request, { ...base, ...options });
  return { effort: (emitted.body as Record<string, unknown>).reasoning_effort, warnings: emitted.warnings.map((warning) => warning.message) };
}

function responsesReasoning(reasoning: unknown, options: Partial<EmitRequestOptions>): { reasoning: unknown; warnings: string[] } {
  const { request } = openaiResponsesDialect.parseRequest({ model: 'm', input: 'Hi', reasoning }, {});
  const emitted = openaiResponsesDialect.emitRequest(request, { ...base, ...options });
  return { reasoning: (emitted.body as Record<string, unknown>).reasoning, warnings: emitted.warnings.map((warning) => warning.message) };
}

test('Chat Completions: xhigh goes as written unless the model is known not to take it, then as high with a warning', () => {
  assert.deepEqual(chatEffort('xhigh', {}), { effort: 'xhigh', warnings: [] });
  assert.deepEqual(chatEffort('xhigh', { effortsBeyondScale: ['xhigh'] }), { effort: 'xhigh', warnings: [] });
  const dropped = chatEffort('xhigh', { effortsBeyondScale: [] });
  assert.equal(dropped.effort, 'high');
  assert.deepEqual(dropped.warnings, ['grok-4.5 takes no reasoning effort "xhigh"; it was sent as "high".']);
  // Words on the common scale are the catalog fit's business, never dropped here.
  assert.deepEqual(chatEffort('medium', { effortsBeyondScale: [] }), { effort: 'medium', warnings: [] });
});

test('Chat Completions: reasoning off is none where the model stops on it, else left out with a warning', () => {
  assert.equal(chatEffort('none', { effortsBeyondScale: ['none'] }).effort, 'none');
  const refused = chatEffort('none', { effortsBeyondScale: ['xhigh'] });
  assert.equal(refused.effort, undefined);
  assert.ok(refused.warnings.some((message) => message.includes('takes no reasoning effort "none"; it was left out')), refused.warnings.join('\n'));
});

test('reasoning turned off in another dialect is none where the model stops on it (reasoningOff: disabled)', () => {
  const { request } = openaiChatDialect.parseRequest({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, {});
  const off = { ...request, reasoning: { enabled: false } };
  const options = { ...base, model: 'grok-4.3', effortsBeyondScale: ['none'] as const, reasoningOff: 'disabled' as const };
  assert.equal((openaiChatDialect.emitRequest(off, options).body as Record<string, unknown>).reasoning_effort, 'none');
  assert.deepEqual((openaiResponsesDialect.emitRequest(off, options).body as Record<string, unknown>).reasoning, { effort: 'none' });
  // Without it, nothing says stop on every model: left out, with a warning.
  const unsaid = openaiChatDialect.emitRequest(off, base);
  assert.equal((unsaid.body as Record<string, unknown>).reasoning_effort, undefined);
  assert.ok(unsaid.warnings.some((warning) => warning.feature === 'reasoning.disabled'));
});

test('Responses: the same for reasoning.effort, the rest of the caller\'s reasoning kept', () => {
  assert.deepEqual(responsesReasoning({ effort: 'xhigh', summary: 'detailed' }, {}).reasoning, { effort: 'xhigh', summary: 'detailed' });
  const dropped = responsesReasoning({ effort: 'xhigh', summary: 'detailed' }, { effortsBeyondScale: [] });
  assert.deepEqual(dropped.reasoning, { effort: 'high', summary: 'detailed' });
  assert.ok(dropped.warnings.includes('grok-4.5 takes no reasoning effort "xhigh"; it was sent as "high".'), dropped.warnings.join('\n'));
});
