/**
 * emitRequest(parseRequest(x)) reproduces every recorded Chat Completions request x
 * (fixtures/openai-chat, openai-compat, deepseek, zhipu-glm; see MANIFEST.md), up to the emitter's
 * documented rewrites (test/dialects/openai-chat/helpers.ts `normalizeRequest`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenaiChatDialect, openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { legacyCompletionsRequest, normalizeRequest, requestFixtures } from './helpers.js';

const emitOptions = (model: string) => ({ model, defaultMaxOutputTokens: 4096 });

/** What DeepSeek/Zhipu/xAI/llama.cpp upstreams are configured with: reasoning goes back as reasoning_content. */
const echoingDialect = createOpenaiChatDialect({ reasoningContentInHistory: true });

function hasReasoningHistory(body: unknown): boolean {
  return JSON.stringify(body).includes('"reasoning_content"');
}

test('there are request fixtures to replay', () => {
  assert.ok(requestFixtures.length >= 30, `only ${requestFixtures.length} request fixtures found`);
});

for (const path of requestFixtures) {
  test(`request round trip: ${path}`, () => {
    const original = readFixtureJson(path);
    const { request, warnings: parseWarnings } = openaiChatDialect.parseRequest(original, {});
    assert.deepEqual(parseWarnings, [], 'a recorded request parses without loss');

    // Reasoning echoed back (the quirk on): nothing is lost at all.
    const echoed = echoingDialect.emitRequest(request, emitOptions(request.model));
    assert.deepEqual(echoed.warnings, []);
    assert.deepEqual(normalizeRequest(echoed.body), normalizeRequest(original));

    // OpenAI itself (the default): only reasoning in history goes, and it is reported.
    const plain = openaiChatDialect.emitRequest(request, emitOptions(request.model));
    assert.deepEqual(normalizeRequest(plain.body), normalizeRequest(original, { dropReasoning: true }));
    const reasoningWarnings = plain.warnings.filter((warning) => warning.feature === 'reasoning.history');
    assert.equal(reasoningWarnings.length, hasReasoningHistory(original) ? 1 : 0);
    assert.equal(plain.warnings.length, reasoningWarnings.length);
  });
}

test('the normalizer notices a dropped field (guards the comparison itself)', () => {
  const original = readFixtureJson('openai-chat/fantasy-gpt4o-multi_tool.i1.request.json');
  const { request } = openaiChatDialect.parseRequest(original, {});
  const { body } = openaiChatDialect.emitRequest({ ...request, parallelToolCalls: undefined, tools: [] }, emitOptions(request.model));
  assert.notDeepEqual(normalizeRequest(body), normalizeRequest(original));
  const lastMessage = request.messages.at(-1);
  assert.equal(lastMessage?.role, 'tool');
  const truncated = { ...request, messages: request.messages.slice(0, -1) };
  assert.notDeepEqual(normalizeRequest(openaiChatDialect.emitRequest(truncated, emitOptions(request.model)).body), normalizeRequest(original));
});

test('max_tokens is sent as max_completion_tokens (fixtures/openai-chat/error-400-unsupported-parameter.json)', () => {
  const original = readFixtureJson('openai-chat/fantasy-gpt4o-simple.request.json');
  const { request } = openaiChatDialect.parseRequest(original, {});
  const body = openaiChatDialect.emitRequest(request, emitOptions('gpt-4o')).body as Record<string, unknown>;
  assert.equal(body['max_completion_tokens'], 4000);
  assert.equal('max_tokens' in body, false);
});

test('a streaming request always asks for usage', () => {
  const original = readFixtureJson('openai-chat/dd-stream-tool-call.request.json');
  const { request } = openaiChatDialect.parseRequest(original, {});
  assert.equal(request.stream, true);
  assert.equal(request.streamUsage, undefined, 'the caller did not ask');
  const body = openaiChatDialect.emitRequest(request, emitOptions('gpt-3.5-turbo')).body as Record<string, unknown>;
  assert.deepEqual(body['stream_options'], { include_usage: true });
});

test('the legacy /v1/completions body is refused, naming the missing field', () => {
  assert.throws(
    () => openaiChatDialect.parseRequest(readFixtureJson(legacyCompletionsRequest), {}),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && error.param === 'messages',
  );
});
