/**
 * Thinking blocks where Anthropic takes them (src/dialects/anthropic/thinking-placement.ts): first
 * in their assistant message, a prefill with thinking on opening with one (or thinking off), none
 * in a prefill with thinking off. Each emitted body passes the Anthropic judge, whose rules carry
 * the recorded refusals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { AssistantPart } from '../../../src/interlingua/content.js';
import type { Message } from '../../../src/interlingua/message.js';
import { anthropicJudge } from '../../support/vendor-rules/anthropic.js';
import { applyJudge } from '../../support/vendor-rules/rule.js';

const signed: AssistantPart = { type: 'reasoning', text: 'Checking the weather.', signature: 'EqQBCkYIBxgCKkA', signatureOrigin: 'anthropic' };
const text = (value: string): AssistantPart => ({ type: 'text', text: value });
const user = (value: string): Message => ({ role: 'user', content: [{ type: 'text', text: value }] });
const assistant = (...content: AssistantPart[]): Message => ({ role: 'assistant', content });
const weatherTool = { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } };

function emit(messages: Message[], extra: Partial<ChatRequest> = {}) {
  const request: ChatRequest = { model: 'm', system: [], messages, sampling: {}, stream: false, ...extra };
  const { body, warnings } = anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-20250514', defaultMaxOutputTokens: 32000 });
  const wire = body as Record<string, unknown>;
  const refusal = applyJudge(anthropicJudge, { method: 'POST', url: '/v1/messages', headers: { 'anthropic-version': '2023-06-01' }, body: wire });
  assert.equal(refusal?.message, undefined, 'Anthropic would serve the request');
  const turns = wire['messages'] as Array<{ role: string; content: Array<{ type: string }> }>;
  return { thinking: wire['thinking'], turns, types: turns.map((turn) => turn.content.map((block) => block.type)), features: warnings.map((warning) => warning.feature) };
}

test('a Responses history (message, reasoning, call) sends the thinking block first, with thinking kept on', () => {
  const sent = emit(
    [
      user('Weather in Paris?'),
      assistant(text('Let me check.'), signed, { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }),
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'get_weather', content: [{ type: 'text', text: 'sunny' }] }] },
    ],
    { reasoning: { effort: 'low' }, tools: [weatherTool] },
  );
  assert.deepEqual(sent.types[1], ['thinking', 'text', 'tool_use']);
  assert.deepEqual(sent.thinking, { type: 'enabled', budget_tokens: 1024 });
});

test('two assistant turns merged into one keep their thinking first', () => {
  const sent = emit([user('Hi'), assistant(text('Hello.')), assistant(signed, text('How can I help?')), user('Weather?')], { reasoning: { effort: 'low' } });
  assert.deepEqual(sent.types[1], ['thinking', 'text', 'text']);
});

test('a prefill without a thinking block turns thinking off, with a warning', () => {
  const sent = emit([user('Tell a story.'), assistant(text('Once upon a time'))], { reasoning: { effort: 'low' } });
  assert.equal(sent.thinking, undefined);
  assert.ok(sent.features.includes('reasoning.prefill'), sent.features.join());
  assert.deepEqual(sent.types.at(-1), ['text']);
});

test('a prefill that opens with its signed thinking keeps thinking on', () => {
  const sent = emit([user('Tell a story.'), assistant(signed, text('Once upon a time'))], { reasoning: { effort: 'low' } });
  assert.deepEqual(sent.thinking, { type: 'enabled', budget_tokens: 1024 });
  assert.ok(!sent.features.includes('reasoning.prefill'), sent.features.join());
});

test('with thinking off, a prefill goes without its thinking blocks, and a prefill of nothing else goes', () => {
  const withText = emit([user('Tell a story.'), assistant(signed, text('Once upon a time'))]);
  assert.equal(withText.thinking, undefined);
  assert.deepEqual(withText.types, [['text'], ['text']]);
  assert.ok(withText.features.includes('reasoning.prefill'), withText.features.join());

  const alone = emit([user('Tell a story.'), assistant(signed)], { reasoning: { enabled: false } });
  assert.deepEqual(alone.types, [['text']]);

  // Earlier turns keep their blocks: only the final position is refused.
  const earlier = emit([user('Hi'), assistant(signed, text('Hello.')), user('Again')]);
  assert.deepEqual(earlier.types[1], ['thinking', 'text']);
});
