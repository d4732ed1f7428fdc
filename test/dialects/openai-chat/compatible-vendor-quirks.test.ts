/**
 * The openai-chat emitter with the DeepSeek and Moonshot presets' quirks (src/providers/presets.ts):
 * DeepSeek takes no `json_schema` response format, so the schema goes in the system prompt with JSON
 * mode on; Kimi stops thinking by `thinking: {"type": "disabled"}` on the models the catalog knows to
 * take it (reasoningOff `disabled`, from K2.5's and K2.6's facts), never beside `reasoning_effort`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { builtInPresets } from '../../../src/providers/presets.js';
import type { EmitRequestOptions } from '../../../src/interlingua/dialect.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';

const deepseek = createOpenaiChatDialect(builtInPresets['deepseek']?.quirks);
const moonshot = createOpenaiChatDialect(builtInPresets['moonshot']?.quirks);

const request = (fields: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'm',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Where is the Eiffel Tower?' }] }],
  sampling: {},
  stream: false,
  ...fields,
});

function emit(dialect: typeof deepseek, asked: ChatRequest, options: Partial<EmitRequestOptions> = {}) {
  const { body, warnings } = dialect.emitRequest(asked, { model: 'm', defaultMaxOutputTokens: 1024, ...options });
  return { body: body as Record<string, unknown>, features: warnings.map((warning) => warning.feature) };
}

test('DeepSeek: a response schema goes in the system prompt, with JSON mode on and a warning', () => {
  const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
  const { body, features } = emit(deepseek, request({ responseFormat: { type: 'json', name: 'city', schema } }));
  assert.deepEqual(body.response_format, { type: 'json_object' });
  const messages = body.messages as Array<{ role: string; content: unknown }>;
  assert.equal(messages[0]?.role, 'system');
  assert.match(String(messages[0]?.content), /JSON Schema/);
  assert.ok(features.includes('response_format.json_schema'));
});

test('Kimi: reasoning off is thinking disabled where the catalog says the model takes it, and no reasoning_effort', () => {
  const { body, features } = emit(moonshot, request({ reasoning: { enabled: false } }), { reasoningByEffort: true, reasoningOff: 'disabled' });
  assert.deepEqual(body.thinking, { type: 'disabled' });
  assert.equal(body.reasoning_effort, undefined);
  assert.deepEqual(features, []);
});

test('Kimi: without the catalog saying so, reasoning off is left out as before, and reasoning on is reasoning_effort', () => {
  const off = emit(moonshot, request({ reasoning: { enabled: false } }));
  assert.equal(off.body.thinking, undefined);
  assert.deepEqual(off.features, ['reasoning.disabled']);
  const on = emit(moonshot, request({ reasoning: { effort: 'high' } }), { reasoningByEffort: true, reasoningOff: 'disabled' });
  assert.equal(on.body.reasoning_effort, 'high');
  assert.equal(on.body.thinking, undefined);
});
