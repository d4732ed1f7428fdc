/**
 * Claude on Bedrock InvokeModel refuses a conversation that opens with the assistant, which
 * Anthropic's own API serves: "400 messages: first message must use the \"user\" role"
 * (https://github.com/anthropics/anthropic-sdk-typescript/issues/622; also
 * https://github.com/langchain4j/langchain4j/issues/1864). The `bedrock-anthropic` dialect puts a user
 * turn first, as Converse does (src/core/user-first-turn.ts), and the judge refuses what it would not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockAnthropicDialect } from '../../../src/dialects/anthropic/bedrock-platform.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const model = 'anthropic.claude-sonnet-4-20250514-v1:0';
const invokeUrl = `/model/${encodeURIComponent(model)}/invoke`;
const options = { model, defaultMaxOutputTokens: 1024 };

function judged(body: unknown) {
  return judgeRequest({ method: 'POST', url: invokeUrl, headers: { authorization: 'Bearer bedrock-api-key-test' }, body });
}

function firstMessage(body: unknown): { role: unknown; content: unknown } | undefined {
  const messages = (body as { messages?: Array<{ role: unknown; content: unknown }> }).messages;
  return messages?.[0];
}

test('the judge refuses an InvokeModel conversation opening with the assistant, in the words Bedrock answered #622 with', () => {
  const body = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 1,
    messages: [
      { role: 'assistant', content: 'How can I help?' },
      { role: 'user', content: 'What is the color of the sky? Answer with only one word.' },
    ],
  };
  const refused = judged(body);
  assert.equal(refused?.rule, 'bedrock.invoke.first-message-user');
  assert.equal(refused.message, 'messages: first message must use the "user" role');
  // Anthropic's own API serves it (the same issue): its judge has no such rule.
  assert.equal(judgeRequest({ method: 'POST', url: '/v1/messages', headers: { 'anthropic-version': '2023-06-01' }, body: { ...body, anthropic_version: undefined, model: 'claude-3-haiku-20240307' } }), undefined);
});

test("a chat UI's greeting before the user's question reaches InvokeModel after a user turn, with the messages.order warning", () => {
  const parsed = openaiChatDialect.parseRequest(
    { model: 'bi4', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'assistant', content: 'Hi! How can I help?' }, { role: 'user', content: 'Colour of the sky?' }] },
    {},
  );
  const emitted = bedrockAnthropicDialect.emitRequest(parsed.request, options);
  assert.deepEqual(firstMessage(emitted.body), { role: 'user', content: 'Continue.' });
  assert.equal((emitted.body as { messages: unknown[] }).messages.length, 3);
  assert.ok(emitted.warnings.some((warning) => warning.type === 'compatibility' && warning.feature === 'messages.order'));
  assert.equal(judged(emitted.body), undefined);
});

test("a Gemini caller's contents opening with `model` reach InvokeModel after a user turn", () => {
  const parsed = geminiDialect.parseRequest({ contents: [{ role: 'model', parts: [{ text: 'Hello' }] }, { role: 'user', parts: [{ text: 'a' }] }] }, { model: 'bih3' });
  const emitted = bedrockAnthropicDialect.emitRequest(parsed.request, options);
  assert.equal(firstMessage(emitted.body)?.role, 'user');
  assert.equal(judged(emitted.body), undefined);
});

test('a first user message of whitespace, which the codec leaves out, leaves no assistant opening behind', () => {
  const request: ChatRequest = {
    model: 'bi4',
    system: [],
    sampling: {},
    stream: false,
    messages: [
      { role: 'user', content: [{ type: 'text', text: '  ' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'x' }] },
      { role: 'user', content: [{ type: 'text', text: 'b' }] },
    ],
  };
  const emitted = bedrockAnthropicDialect.emitRequest(request, options);
  assert.equal(firstMessage(emitted.body)?.role, 'user');
  assert.ok(emitted.warnings.some((warning) => warning.feature === 'messages.order'));
  assert.equal(judged(emitted.body), undefined);
  // Counting tokens sends the same body, so it is fitted alike.
  const counted = bedrockAnthropicDialect.countTokens?.emitRequest(request, options);
  assert.ok(counted !== undefined);
  const invokeBody = JSON.parse(Buffer.from((counted as { input: { invokeModel: { body: string } } }).input.invokeModel.body, 'base64').toString('utf8')) as unknown;
  assert.equal(firstMessage(invokeBody)?.role, 'user');
});

test('a conversation that opens with the user is sent as it is, and Anthropic and Converse keep their own ways', () => {
  const request: ChatRequest = {
    model: 'm',
    system: [],
    sampling: {},
    stream: false,
    messages: [
      { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    ],
  };
  const userFirst: ChatRequest = { ...request, messages: request.messages.slice(1) };
  const invoke = bedrockAnthropicDialect.emitRequest(userFirst, options);
  assert.deepEqual((invoke.body as { messages: unknown[] }).messages, [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  assert.ok(!invoke.warnings.some((warning) => warning.feature === 'messages.order'));
  // Anthropic's API serves an assistant opening (anthropic-sdk-typescript#622): the codec leaves it.
  assert.equal(firstMessage(anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-20250514', defaultMaxOutputTokens: 1024 }).body)?.role, 'assistant');
  const converse = bedrockDialect.emitRequest(request, options);
  assert.deepEqual(firstMessage(converse.body), { role: 'user', content: [{ text: 'Continue.' }] });
  assert.ok(converse.warnings.some((warning) => warning.feature === 'messages.order' && warning.message.includes('Bedrock Converse')));
});
