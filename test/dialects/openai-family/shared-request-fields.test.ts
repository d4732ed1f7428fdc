/**
 * Fields both OpenAI APIs take go across between Chat Completions and Responses callers and
 * upstreams, instead of being reported as having "no equivalent". Shapes:
 * `ChatCompletionCreateParamsBase` (chat/completions.d.ts) and `ResponseCreateParamsBase`
 * (responses/responses.d.ts) in node_modules/openai; https://platform.openai.com/docs/api-reference/chat/create,
 * https://platform.openai.com/docs/api-reference/responses/create. Codex sends `text.verbosity`,
 * and a Responses answer echoes `service_tier`, `metadata`, `top_logprobs`, `safety_identifier`
 * (test/fixtures/recorded/openai-responses/fantasy-gpt5-tool_streaming.i1.response.sse).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const options = { model: 'gpt-5', defaultMaxOutputTokens: 4096 };
const post = (url: string, body: unknown) => judgeRequest({ method: 'POST', url, headers: { authorization: 'Bearer sk-test' }, body });

test('a Responses caller\'s verbosity, safety_identifier, service_tier and top_logprobs reach a Chat upstream; metadata, which Chat takes only with store, is reported', () => {
  const { request } = openaiResponsesDialect.parseRequest(
    {
      model: 'gpt-5',
      input: 'hi',
      text: { verbosity: 'low' },
      safety_identifier: 'SAFE-1',
      service_tier: 'flex',
      metadata: { k: 'v' },
      top_logprobs: 3,
      truncation: 'auto',
    },
    {},
  );
  // A model that takes logprobs (reasoning models refuse them; the catalog leaves them out first, src/catalog/fit-logprobs.ts).
  const { body, warnings } = openaiChatDialect.emitRequest(request, { ...options, model: 'gpt-4.1' });
  const sent = body as Record<string, unknown>;
  assert.equal(sent['verbosity'], 'low');
  assert.equal(sent['safety_identifier'], 'SAFE-1');
  assert.equal(sent['service_tier'], 'flex');
  assert.equal(sent['metadata'], undefined);
  assert.equal(sent['logprobs'], true);
  assert.equal(sent['top_logprobs'], 3);
  assert.equal(sent['text'], undefined);
  // Only what Chat really lacks is reported.
  assert.deepEqual(warnings.map((warning) => warning.feature), ['truncation', 'metadata']);
  assert.equal(post('/v1/chat/completions', body), undefined);
  // The judge refuses the metadata sent as it was.
  assert.equal(post('/v1/chat/completions', { ...(body as object), metadata: { k: 'v' } })?.rule, 'openai-chat.metadata.requires-store');
  assert.equal(post('/v1/chat/completions', { ...(body as object), metadata: { k: 'v' }, store: true }), undefined);
});

test('the rest of a Responses caller\'s text settings is still reported', () => {
  const { request } = openaiResponsesDialect.parseRequest({ model: 'gpt-5', input: 'hi', text: { verbosity: 'high', other: 1 } }, {});
  const { body, warnings } = openaiChatDialect.emitRequest(request, options);
  assert.equal((body as Record<string, unknown>)['verbosity'], 'high');
  assert.deepEqual(warnings.map((warning) => warning.feature), ['text']);
});

test('a Chat caller\'s metadata, service_tier, verbosity, safety_identifier and web_search_options reach a Responses upstream', () => {
  const { request } = openaiChatDialect.parseRequest(
    {
      model: 'gpt-5',
      messages: [{ role: 'user', content: 'Hi' }],
      safety_identifier: 'sid1',
      metadata: { k: 'v' },
      service_tier: 'priority',
      verbosity: 'low',
      web_search_options: { search_context_size: 'low', user_location: { type: 'approximate', approximate: { city: 'Paris', country: 'FR' } } },
      response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object', properties: {} } } },
      logit_bias: { '1': 5 },
    },
    {},
  );
  const { body, warnings } = openaiResponsesDialect.emitRequest(request, options);
  const sent = body as Record<string, unknown>;
  assert.equal(sent['safety_identifier'], 'sid1');
  assert.deepEqual(sent['metadata'], { k: 'v' });
  assert.equal(sent['service_tier'], 'priority');
  assert.deepEqual(sent['text'], { format: { type: 'json_schema', name: 'r', schema: { type: 'object', properties: {} } }, verbosity: 'low' });
  assert.deepEqual(sent['tools'], [{ type: 'web_search', search_context_size: 'low', user_location: { type: 'approximate', city: 'Paris', country: 'FR' } }]);
  assert.deepEqual(warnings.map((warning) => warning.feature), ['logit_bias']);
  assert.equal(post('/v1/responses', body), undefined);
});

test("a Chat caller's metadata reaches Chat Completions with store: true, and is left out, with a warning, without it", () => {
  for (const [store, kept] of [[true, true], [false, false], [undefined, false]] as const) {
    const { request } = openaiChatDialect.parseRequest({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }], metadata: { k: 'v' }, ...(store === undefined ? {} : { store }) }, {});
    const { body, warnings } = openaiChatDialect.emitRequest(request, { ...options, model: 'gpt-4.1' });
    assert.deepEqual((body as Record<string, unknown>)['metadata'], kept ? { k: 'v' } : undefined, `store ${String(store)}`);
    assert.equal(warnings.some((warning) => warning.feature === 'metadata'), !kept, `store ${String(store)}`);
    assert.equal(post('/v1/chat/completions', body), undefined, `store ${String(store)}`);
  }
});

const chatCaller = (effort: string) => openaiChatDialect.parseRequest({ model: 'gpt-5', messages: [{ role: 'user', content: 'hi' }], reasoning_effort: effort }, {}).request;
const responsesCaller = (effort: string) => openaiResponsesDialect.parseRequest({ model: 'gpt-5', input: 'hi', reasoning: { effort } }, {}).request;

test('an effort word beyond high (xhigh, max) or none goes between the two OpenAI dialects as written, without a warning', () => {
  for (const effort of ['xhigh', 'max', 'none']) {
    const toResponses = openaiResponsesDialect.emitRequest(chatCaller(effort), options);
    assert.deepEqual((toResponses.body as Record<string, unknown>)['reasoning'], { effort }, `Chat ${effort} to Responses`);
    assert.deepEqual(toResponses.warnings, [], `Chat ${effort} to Responses`);
    const toChat = openaiChatDialect.emitRequest(responsesCaller(effort), options);
    assert.equal((toChat.body as Record<string, unknown>)['reasoning_effort'], effort, `Responses ${effort} to Chat`);
    assert.deepEqual(toChat.warnings, [], `Responses ${effort} to Chat`);
  }
  // The judges take what was sent to a model that takes the word, and refuse it where the model does not (gpt-5).
  const takesXhigh = { ...options, model: 'gpt-5.2', effortsBeyondScale: ['none', 'xhigh'] as const };
  assert.equal(post('/v1/responses', openaiResponsesDialect.emitRequest(chatCaller('xhigh'), takesXhigh).body), undefined);
  assert.equal(post('/v1/chat/completions', openaiChatDialect.emitRequest(responsesCaller('xhigh'), takesXhigh).body), undefined);
});

test('a carried effort word the model does not take goes as high, with the warning naming the word', () => {
  const narrow = { ...options, model: 'o3', effortsBeyondScale: [] };
  const toResponses = openaiResponsesDialect.emitRequest(chatCaller('xhigh'), narrow);
  assert.deepEqual((toResponses.body as Record<string, unknown>)['reasoning'], { effort: 'high' });
  assert.deepEqual(toResponses.warnings.map((warning) => warning.message), ['o3 takes no reasoning effort "xhigh"; it was sent as "high".']);
  const toChat = openaiChatDialect.emitRequest(responsesCaller('max'), narrow);
  assert.equal((toChat.body as Record<string, unknown>)['reasoning_effort'], 'high');
  assert.deepEqual(toChat.warnings.map((warning) => warning.message), ['o3 takes no reasoning effort "max"; it was sent as "high".']);
});

test('other targets name the OpenAI caller\'s word beyond high, not only the high they got', () => {
  for (const [caller, request] of [['Chat', chatCaller('xhigh')], ['Responses', responsesCaller('xhigh')]] as const) {
    for (const target of [anthropicDialect, geminiDialect]) {
      const { warnings } = target.emitRequest(request, { ...options, model: 'other' });
      const named = warnings.filter((warning) => warning.message.includes('"xhigh"'));
      assert.equal(named.length, 1, `${caller} to ${target.name}: ${JSON.stringify(warnings)}`);
      assert.equal(named[0]?.type, 'compatibility');
      assert.match(named[0]?.message ?? '', /"xhigh" is above the highest effort other upstreams share; it was sent as the highest they take, "high"/);
    }
  }
});
