/**
 * parseResponse → emitResponse on every recorded `chat.completion` body keeps content, reasoning,
 * tool calls, finish reason, usage and the vendor-only fields (fixtures: openai-chat, openai-compat,
 * deepseek, zhipu-glm; see MANIFEST.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { responseFixtures } from './helpers.js';

const request: ChatRequest = { model: 'caller-model', system: [], messages: [], sampling: {}, stream: false };
const context = { requestedModel: 'caller-model', request };

type Record_ = Record<string, unknown>;
const asRecord = (value: unknown): Record_ => {
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), 'expected an object');
  return value as Record_;
};
const firstChoice = (body: unknown): Record_ => asRecord((asRecord(body)['choices'] as unknown[])[0]);

test('there are response fixtures to replay', () => {
  assert.ok(responseFixtures.length >= 15, `only ${responseFixtures.length} response fixtures found`);
});

for (const path of responseFixtures) {
  test(`response round trip: ${path}`, () => {
    const original = asRecord(readFixtureJson(path));
    const parsed = openaiChatDialect.parseResponse(original);
    const emitted = asRecord(openaiChatDialect.emitResponse(parsed, context));
    const originalChoice = firstChoice(original);
    const originalMessage = asRecord(originalChoice['message']);
    const emittedChoice = firstChoice(emitted);
    const emittedMessage = asRecord(emittedChoice['message']);

    assert.equal(emitted['object'], 'chat.completion');
    assert.equal(emitted['id'], original['id']);
    assert.equal(emitted['created'], original['created']);
    assert.equal(emitted['model'], 'caller-model', 'the caller sees the model it asked for');

    const originalContent = originalMessage['content'] === '' ? null : (originalMessage['content'] ?? null);
    assert.equal(emittedMessage['content'], originalContent);
    assert.equal(emittedMessage['refusal'], originalMessage['refusal'] ?? null);
    assert.equal(emittedMessage['reasoning_content'], originalMessage['reasoning_content']);

    const originalCalls = (originalMessage['tool_calls'] as Record_[] | undefined) ?? [];
    const emittedCalls = (emittedMessage['tool_calls'] as Record_[] | undefined) ?? [];
    assert.equal(emittedCalls.length, originalCalls.length);
    originalCalls.forEach((call, index) => {
      const emittedCall = emittedCalls[index];
      assert.ok(emittedCall !== undefined);
      assert.deepEqual(emittedCall['function'], call['function']);
      assert.equal(emittedCall['type'], 'function');
      // Gemini's compat endpoint sends id "" (pa-gemini-openai-compat-tool-calls.i0): a fresh id stands in.
      if (call['id'] === '') assert.match(String(emittedCall['id']), /^call_.+/);
      else assert.equal(emittedCall['id'], call['id']);
      JSON.parse(String(asRecord(emittedCall['function'])['arguments']));
    });

    // gpt-4-vision-preview predates finish_reason and says finish_details {type:"max_tokens"} (dd-image-url-input).
    const expectedFinish = originalChoice['finish_reason'] ?? (path.includes('dd-image-url-input') ? 'length' : 'stop');
    assert.equal(emittedChoice['finish_reason'], expectedFinish);

    const originalUsage = asRecord(original['usage']);
    const emittedUsage = asRecord(emitted['usage']);
    for (const field of ['prompt_tokens', 'completion_tokens', 'total_tokens']) {
      assert.equal(emittedUsage[field], originalUsage[field], field);
    }
    const originalPromptDetails = asRecord(originalUsage['prompt_tokens_details'] ?? {});
    const originalCompletionDetails = asRecord(originalUsage['completion_tokens_details'] ?? {});
    assert.equal(asRecord(emittedUsage['prompt_tokens_details'])['cached_tokens'], originalPromptDetails['cached_tokens'] ?? 0);
    assert.equal(
      asRecord(emittedUsage['completion_tokens_details'])['reasoning_tokens'],
      originalCompletionDetails['reasoning_tokens'] ?? 0,
    );
    assert.deepEqual(parsed.usage.raw, { dialect: 'openai-chat', value: parsed.usage.raw?.value });

    // Vendor-only fields come back on a same-dialect pass-through.
    for (const field of ['system_fingerprint', 'service_tier', 'request_id']) {
      if (field in original) assert.deepEqual(emitted[field], original[field], field);
    }
    for (const field of ['annotations', 'extra_content', 'thought_signature']) {
      if (field in originalMessage) assert.deepEqual(emittedMessage[field], originalMessage[field], field);
    }
    if ('logprobs' in originalChoice) assert.deepEqual(emittedChoice['logprobs'], originalChoice['logprobs']);

    // And the emitted body parses back to the same response.
    assert.deepEqual(openaiChatDialect.parseResponse(emitted).content, parsed.content);
  });
}

test('a DeepSeek response reads prompt_cache_hit_tokens as cached tokens (fixtures/deepseek/response-reasoning-content.json)', () => {
  const parsed = openaiChatDialect.parseResponse(readFixtureJson('deepseek/response-reasoning-content.json'));
  assert.equal(parsed.usage.cachedInputTokens, 0);
  assert.equal(parsed.usage.reasoningTokens, 315);
  assert.deepEqual(
    parsed.content.map((part) => part.type),
    ['reasoning', 'text'],
  );
});

test('a refusal survives as text marked as a refusal and is written back as refusal', () => {
  const body = {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' }, finish_reason: 'stop' }],
  };
  const parsed = openaiChatDialect.parseResponse(body);
  assert.deepEqual(parsed.content.map((part) => part.type), ['text']);
  const message = asRecord(firstChoice(openaiChatDialect.emitResponse(parsed, context))['message']);
  assert.equal(message['content'], null);
  assert.equal(message['refusal'], 'I cannot help with that.');
});

test('the deprecated function_call answer becomes a tool call (finish_reason function_call)', () => {
  const body = {
    id: 'chatcmpl-2',
    model: 'gpt-3.5-turbo',
    choices: [{ message: { role: 'assistant', content: null, function_call: { name: 'f', arguments: '{}' } }, finish_reason: 'function_call' }],
  };
  const parsed = openaiChatDialect.parseResponse(body);
  assert.equal(parsed.finishReason.unified, 'tool-calls');
  assert.equal(parsed.content[0]?.type, 'tool-call');
  assert.equal(firstChoice(openaiChatDialect.emitResponse(parsed, context))['finish_reason'], 'function_call');
});

test('unknown counts are written as 0 and finish reasons map to OpenAI words', () => {
  const emitted = asRecord(
    openaiChatDialect.emitResponse(
      { id: '', model: 'm', content: [], finishReason: { unified: 'error', raw: 'end_turn' }, usage: { inputTokens: 3 } },
      context,
    ),
  );
  assert.match(String(emitted['id']), /^chatcmpl-/);
  assert.equal(typeof emitted['created'], 'number');
  assert.deepEqual(emitted['usage'], {
    prompt_tokens: 3,
    completion_tokens: 0,
    total_tokens: 3,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  });
  const choice = firstChoice(emitted);
  assert.equal(choice['finish_reason'], 'stop');
  assert.deepEqual(choice['message'], { role: 'assistant', content: null, refusal: null });
  for (const [unified, raw] of [['tool-calls', 'tool_calls'], ['content-filter', 'content_filter'], ['length', 'length'], ['other', 'stop']] as const) {
    const body = openaiChatDialect.emitResponse({ id: 'x', model: 'm', content: [], finishReason: { unified }, usage: {} }, context);
    assert.equal(firstChoice(body)['finish_reason'], raw);
  }
});

test('a body that is not a completion is an upstream_error; an error body keeps its meaning', () => {
  for (const body of [null, 'text', {}, { choices: [] }, { choices: [{}] }]) {
    assert.throws(
      () => openaiChatDialect.parseResponse(body),
      (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error',
    );
  }
  assert.throws(
    () => openaiChatDialect.parseResponse(readFixtureJson('openai-chat/error-429-rate-limit-tokens.from-python-repr.json')),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'rate_limited',
  );
});
