/**
 * parseResponse / emitResponse on `text_completion` bodies. No completion body is recorded in
 * test/fixtures/recorded, so the bodies follow the SDK's `Completion` type field for field
 * (node_modules/openai/resources/completions.d.ts); the SDK itself judges the emitter in
 * sdk-client.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiCompletionsDialect } from '../../../src/dialects/openai-completions/index.js';
import { emitResponse } from '../../../src/dialects/openai-completions/response-emit.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { chatRequest, completionBody } from './helpers.js';

const context = { requestedModel: 'gpt-3.5-turbo-instruct', request: chatRequest() };

test('emit(parse(x)) equals x, system_fingerprint and usage included', () => {
  const body = completionBody('\n\nThis is indeed a test', 'length');
  const response = openaiCompletionsDialect.parseResponse(body);
  assert.deepEqual(response.content, [{ type: 'text', text: '\n\nThis is indeed a test' }]);
  assert.deepEqual(response.finishReason, { unified: 'length', raw: 'length' });
  assert.equal(response.usage.inputTokens, 5);
  assert.equal(response.usage.outputTokens, 7);
  assert.deepEqual(openaiCompletionsDialect.emitResponse(response, context), body);
});

test('log probabilities and a server\'s extra choice fields come back to a completions caller', () => {
  const logprobs = { tokens: [' a'], token_logprobs: [-0.1], top_logprobs: [{ ' a': -0.1 }], text_offset: [0] };
  const body = completionBody(' a');
  body['choices'] = [{ text: ' a', index: 0, logprobs, finish_reason: 'stop', stop_reason: null }];
  assert.deepEqual(openaiCompletionsDialect.emitResponse(openaiCompletionsDialect.parseResponse(body), context), body);
});

test('finish reasons: content_filter, and a missing one reads as other and is written as stop', () => {
  const filtered = completionBody('');
  filtered['choices'] = [{ text: '', index: 0, logprobs: null, finish_reason: 'content_filter' }];
  const response = openaiCompletionsDialect.parseResponse(filtered);
  assert.deepEqual(response.finishReason, { unified: 'content-filter', raw: 'content_filter' });
  assert.deepEqual(response.content, []);
  const unfinished = completionBody('x');
  unfinished['choices'] = [{ text: 'x', index: 0, finish_reason: null }];
  const parsed = openaiCompletionsDialect.parseResponse(unfinished);
  assert.deepEqual(parsed.finishReason, { unified: 'other' });
  assert.equal(emitResponse(parsed, context).choices[0]?.finish_reason, 'stop');
});

test('the first choice (index 0) is the answer when n > 1', () => {
  const body = completionBody('');
  body['choices'] = [
    { text: 'second', index: 1, logprobs: null, finish_reason: 'stop' },
    { text: 'first', index: 0, logprobs: null, finish_reason: 'stop' },
  ];
  assert.deepEqual(openaiCompletionsDialect.parseResponse(body).content, [{ type: 'text', text: 'first' }]);
});

test('an error object in a 200 body, and a body without choices, are errors', () => {
  assert.throws(
    () => openaiCompletionsDialect.parseResponse({ error: { message: 'Rate limit reached', type: 'rate_limit_error', param: null, code: null } }),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'rate_limited' && error.message === 'Rate limit reached',
  );
  assert.throws(
    () => openaiCompletionsDialect.parseResponse({ id: 'x', object: 'text_completion' }),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error',
  );
});

test('an answer from a chat upstream: reasoning is left out, a tool call is written as a JSON line, tool-calls ends as stop', () => {
  const response: ChatResponse = {
    id: 'msg_1',
    model: 'claude',
    content: [
      { type: 'reasoning', text: 'thinking' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool-call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    ],
    finishReason: { unified: 'tool-calls', raw: 'tool_use' },
    usage: { inputTokens: 10, outputTokens: 3, cachedInputTokens: 4 },
  };
  const body = emitResponse(response, context);
  assert.equal(body.choices[0]?.text, 'Checking.\n{"name": "get_weather", "arguments": {"city":"Paris"}}');
  assert.equal(body.choices[0]?.finish_reason, 'stop');
  assert.equal(body.object, 'text_completion');
  assert.equal(body.model, 'gpt-3.5-turbo-instruct');
  assert.deepEqual(body.usage, { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13, prompt_tokens_details: { cached_tokens: 4 } });
});

test('an answer without an id gets a cmpl- id', () => {
  const body = emitResponse({ id: '', model: '', content: [], finishReason: { unified: 'stop' }, usage: {} }, context);
  assert.match(body.id, /^cmpl-[0-9a-f]{32}$/);
  assert.deepEqual(body.usage, { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
});
