/**
 * System text that is only whitespace on Converse: Claude refuses it as a system block ("system: text
 * content blocks must contain non-whitespace text", https://github.com/BoltAI/BoltAI/issues/165, relayed
 * on Converse after "The model returned the following errors: ";
 * https://github.com/NousResearch/hermes-agent/pull/64858 for whitespace system blocks on Converse). The
 * Bedrock dialect leaves such parts out, moves a cache point they carried back, and warns `system.whitespace`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const model = 'anthropic.claude-sonnet-4-20250514-v1:0';
const options = { model, defaultMaxOutputTokens: 1024 };

function judged(body: unknown, modelId = model) {
  return judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(modelId)}/converse`, headers: { authorization: 'Bearer bedrock-api-key-test' }, body });
}

const systemOf = (body: unknown): unknown => (body as { system?: unknown }).system;

test('the judge refuses a whitespace system block for Claude on Converse, alone or beside other text', () => {
  const messages = [{ role: 'user', content: [{ text: 'hi' }] }];
  for (const system of [[{ text: '\n' }], [{ text: 'Be brief.' }, { text: ' ' }]]) {
    const refused = judged({ system, messages });
    assert.equal(refused?.rule, 'bedrock.converse.claude-system.not-blank', JSON.stringify(system));
    assert.equal(refused.message, 'The model returned the following errors: system: text content blocks must contain non-whitespace text');
  }
  assert.equal(judged({ system: [{ text: 'Be brief.' }], messages }), undefined);
});

test('an OpenAI caller\'s whitespace system messages, first or moved, are left out of Converse\'s system', () => {
  for (const messages of [
    [{ role: 'system', content: 'Be brief.' }, { role: 'system', content: ' ' }, { role: 'user', content: 'hi' }],
    [{ role: 'system', content: '\n' }, { role: 'user', content: 'hi' }],
    [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }, { role: 'system', content: '\t' }],
  ]) {
    const parsed = openaiChatDialect.parseRequest({ model: 'b4', messages }, {});
    const emitted = bedrockDialect.emitRequest(parsed.request, options);
    const system = (systemOf(emitted.body) ?? []) as Array<{ text?: string }>;
    assert.ok(system.every((block) => block.text === undefined || block.text.trim() !== ''), JSON.stringify(emitted.body));
    assert.ok(emitted.warnings.some((warning) => warning.type === 'compatibility' && warning.feature === 'system.whitespace'), JSON.stringify(messages));
    assert.equal(judged(emitted.body), undefined, JSON.stringify(emitted.body));
  }
});

test("a Gemini caller's systemInstruction part of blank lines is left out", () => {
  const parsed = geminiDialect.parseRequest({ systemInstruction: { parts: [{ text: 'Be brief.' }, { text: '\n\n' }] }, contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }, { model: 'b4' });
  const emitted = bedrockDialect.emitRequest(parsed.request, options);
  assert.deepEqual(systemOf(emitted.body), [{ text: 'Be brief.' }]);
  assert.equal(judged(emitted.body), undefined);
});

test("a blank system part's cache point goes after the system text before it, or is left out when there is none", () => {
  const request = (system: ChatRequest['system']): ChatRequest => ({ model: 'm', system, sampling: {}, stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] });
  const moved = bedrockDialect.emitRequest(request([{ type: 'text', text: 'Long instructions' }, { type: 'text', text: '\n', cache: {} }]), options);
  assert.deepEqual(systemOf(moved.body), [{ text: 'Long instructions' }, { cachePoint: { type: 'default' } }]);
  assert.ok(moved.warnings.some((warning) => warning.type === 'compatibility' && warning.feature === 'cache_control.blank_text'));
  // Text that already ends at a cache point keeps that one only.
  const kept = bedrockDialect.emitRequest(request([{ type: 'text', text: 'Long', cache: {} }, { type: 'text', text: ' ', cache: {} }]), options);
  assert.deepEqual(systemOf(kept.body), [{ text: 'Long' }, { cachePoint: { type: 'default' } }]);
  const dropped = bedrockDialect.emitRequest(request([{ type: 'text', text: ' ', cache: {} }]), options);
  assert.equal(systemOf(dropped.body), undefined);
  assert.ok(dropped.warnings.some((warning) => warning.type === 'unsupported' && warning.feature === 'cache_control.blank_text'));
  assert.equal(judged(moved.body), undefined);
});
