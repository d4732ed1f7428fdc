/**
 * Token counting through the official SDKs: asked of the upstream's own counting API across
 * dialects (Anthropic count_tokens ↔ Gemini countTokens), estimated locally and marked as such
 * when the upstream has none. Answer shapes: Anthropic `{"input_tokens": N}`
 * (https://docs.anthropic.com/en/api/messages-count-tokens), Gemini `{"totalTokens": N}`
 * (https://ai.google.dev/api/tokens#method:-models.counttokens).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { modelFor, startHarness, upstreamModels, type Harness } from './support/harness.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

const weather = { name: 'weather', description: 'Weather in a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } };

test('Anthropic caller, Anthropic upstream: count_tokens gets the Messages body without max_tokens', async () => {
  harness.upstreams.anthropic.enqueue({ kind: 'json', body: { input_tokens: 42 } });
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'k', maxRetries: 0 });
  const { data, response } = await client.messages
    .countTokens({ model: modelFor('anthropic'), system: 'Be brief.', tools: [weather], messages: [{ role: 'user', content: 'Weather in Florence?' }] })
    .withResponse();
  assert.equal(data.input_tokens, 42);
  assert.equal(response.headers.get('x-interlingua-token-count'), 'upstream');
  const received = harness.upstreams.anthropic.requests[0];
  assert.equal(received?.url, '/v1/messages/count_tokens');
  const body = received?.body as Record<string, unknown>;
  assert.equal(body.model, upstreamModels.anthropic);
  assert.equal(body.max_tokens, undefined);
  assert.equal(body.system, 'Be brief.');
  assert.equal((body.tools as unknown[]).length, 1);
});

test('Anthropic caller, Gemini upstream: asked of :countTokens with the whole generateContentRequest', async () => {
  harness.upstreams.gemini.enqueue({ kind: 'json', body: { totalTokens: 31 } });
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'k', maxRetries: 0 });
  const counted = await client.messages.countTokens({ model: modelFor('gemini'), system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(counted.input_tokens, 31);
  const received = harness.upstreams.gemini.requests[0];
  assert.equal(received?.url, `/v1beta/models/${upstreamModels.gemini}:countTokens`);
  const request = (received?.body as { generateContentRequest: { model: string; contents: unknown[]; systemInstruction: unknown } }).generateContentRequest;
  assert.equal(request.model, `models/${upstreamModels.gemini}`);
  assert.equal(request.contents.length, 1);
  assert.ok(request.systemInstruction);
});

test('Gemini caller, Anthropic upstream: countTokens answered from count_tokens', async () => {
  harness.upstreams.anthropic.enqueue({ kind: 'json', body: { input_tokens: 12 } });
  const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: harness.gatewayUrl } });
  const counted = await ai.models.countTokens({ model: modelFor('anthropic'), contents: 'How many tokens is this?' });
  assert.equal(counted.totalTokens, 12);
  assert.equal(harness.upstreams.anthropic.requests[0]?.url, '/v1/messages/count_tokens');
});

test('an upstream with no counting API: a local tokenizer estimate, marked as such', async () => {
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'k', maxRetries: 0 });
  const short = await client.messages.countTokens({ model: modelFor('openai-chat'), messages: [{ role: 'user', content: 'Hello there' }] }).withResponse();
  const long = await client.messages.countTokens({ model: modelFor('openai-chat'), messages: [{ role: 'user', content: 'Hello there. '.repeat(100) }] });
  assert.equal(short.response.headers.get('x-interlingua-token-count'), 'estimated');
  assert.ok(short.data.input_tokens > 0 && short.data.input_tokens < 20, String(short.data.input_tokens));
  assert.ok(long.input_tokens > 200 && long.input_tokens < 400, `300 tokens or so of text: ${long.input_tokens}`);
  assert.equal(harness.upstreams['openai-chat'].requests.length, 0, 'nothing was sent upstream');
});

test('a text that spells a tokenizer\'s special token is counted as text, not answered with an error', async () => {
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'k', maxRetries: 0 });
  // Tokenizer libraries refuse special tokens in their input unless told otherwise; a prompt about tokenizers holds them.
  const counted = await client.messages.countTokens({ model: modelFor('openai-chat'), messages: [{ role: 'user', content: 'What does <|endoftext|> mean in a GPT prompt?' }] });
  assert.ok(counted.input_tokens > 10 && counted.input_tokens < 30, String(counted.input_tokens));
});

test('an upstream counting error reaches the caller in its dialect', async () => {
  harness.upstreams.anthropic.enqueue({ kind: 'json', status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'messages: at least one message is required' } } });
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'k', maxRetries: 0 });
  await assert.rejects(client.messages.countTokens({ model: modelFor('anthropic'), messages: [{ role: 'user', content: 'hi' }] }), Anthropic.BadRequestError);
});
