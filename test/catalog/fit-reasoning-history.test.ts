/**
 * A model that does not reason is sent no reasoning from earlier turns: OpenAI's Responses API
 * refuses it ("Reasoning input items can only be provided to a reasoning or computer use model.",
 * https://github.com/openai/openai-agents-python/issues/569). A Claude Code conversation that
 * thought on gpt-5 (its thinking block carrying OpenAI's encrypted_content) goes on with gpt-4.1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitRequestToModel } from '../../src/catalog/fit-request.js';
import { ModelCatalog } from '../../src/catalog/model-catalog.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { ReasoningPart } from '../../src/interlingua/content.js';
import { openaiResponsesDialect } from '../../src/dialects/openai-responses/index.js';
import { judgeRequest } from '../support/vendor-rules/index.js';

const thought: ReasoningPart = { type: 'reasoning', text: '**Reading**\n\nI will read a.', signature: 'gAAAAABoENCRYPTEDxyz==', signatureOrigin: 'openai-responses' };
const conversation: ChatRequest = {
  model: 'claude-sonnet-4-5',
  system: [],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'read a' }] },
    { role: 'assistant', content: [thought, { type: 'tool-call', id: 'call_abc', name: 'read', arguments: '{"path":"a"}' }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_abc', content: [{ type: 'text', text: 'hello' }] }] },
    { role: 'assistant', content: [{ type: 'reasoning', text: 'cut off', signature: 'gAAAAABoOTHER==', signatureOrigin: 'openai-responses' }] },
    { role: 'user', content: [{ type: 'text', text: 'go on' }] },
  ],
  tools: [{ name: 'read', description: 'r', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }],
  sampling: { maxOutputTokens: 2000 },
  stream: false,
};
const catalog = new ModelCatalog();
const sent = (model: string) => {
  const fitted = fitRequestToModel(conversation, catalog.factsFor('openai', model));
  const { body } = openaiResponsesDialect.emitRequest(fitted.value, { model, defaultMaxOutputTokens: 2000 });
  return { fitted, body, refusal: judgeRequest({ method: 'POST', url: '/v1/responses', headers: { authorization: 'Bearer sk-test' }, body }) };
};

test('to gpt-4.1 the reasoning parts are left out with the reasoning.history warning, and OpenAI takes the request', () => {
  const { fitted, body, refusal } = sent('gpt-4.1');
  assert.ok(!fitted.value.messages.some((message) => message.role === 'assistant' && message.content.some((part) => part.type === 'reasoning')));
  assert.deepEqual(
    fitted.value.messages.map((message) => message.role),
    ['user', 'assistant', 'tool', 'user'],
    'the turn that held only reasoning goes with it',
  );
  assert.deepEqual(
    fitted.warnings.filter((warning) => warning.feature === 'reasoning.history').map((warning) => warning.type),
    ['compatibility'],
  );
  assert.ok(!(body as { input: Array<{ type?: string }> }).input.some((item) => item.type === 'reasoning'));
  assert.equal(refusal?.message, undefined);
});

test('to gpt-5, which reasons, the reasoning is kept', () => {
  const { fitted, body, refusal } = sent('gpt-5');
  assert.ok(!fitted.warnings.some((warning) => warning.feature === 'reasoning.history'));
  assert.ok((body as { input: Array<{ type?: string }> }).input.some((item) => item.type === 'reasoning'));
  assert.equal(refusal?.message, undefined);
});
