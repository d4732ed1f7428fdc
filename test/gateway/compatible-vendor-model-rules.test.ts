/**
 * Requests Mistral, Zhipu (GLM) and Groq refuse per model, as callers of other dialects send them,
 * met by the model rules before they leave (src/catalog/model-rules-compatible.ts): reasoning_effort
 * words Mistral's models do not take, an image for a GLM or Groq text model, and a JSON Schema for a
 * Groq model without Structured Outputs. Every upstream request is judged by the vendor's rules
 * (test/support/vendor-rules), so one the vendor would refuse fails the file; the caller is told what changed.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { GoogleGenAI, Type } from '@google/genai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { recordedAnswer } from './support/recorded-answers.js';
import { warningsOf } from './support/warnings-header.js';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  // Mistral's and Groq's paths are OpenAI's: their judges are named; Zhipu's is known by its path.
  upstream = await new TestUpstream({ vendor: (request) => (request.url.startsWith('/mistral/') ? 'mistral' : request.url.startsWith('/groq/') ? 'groq' : undefined) }).start();
  upstream.answerUnqueuedWith(recordedAnswer('openai-chat'));
  const config = resolveConfig({
    providers: {
      mistral: { dialect: 'mistral', baseUrl: `${upstream.baseUrl}/mistral/v1`, apiKey: 'sk-mistral' },
      zhipu: { dialect: 'zhipu', baseUrl: `${upstream.baseUrl}/api/paas/v4`, apiKey: 'sk-zhipu' },
      groq: { dialect: 'groq', baseUrl: `${upstream.baseUrl}/groq/openai/v1`, apiKey: 'sk-groq' },
    },
    models: {
      'mistral-small': [{ provider: 'mistral', model: 'mistral-small-latest' }],
      'mistral-large': [{ provider: 'mistral', model: 'mistral-large-latest' }],
      'glm-4.6': [{ provider: 'zhipu', model: 'glm-4.6' }],
      'groq-llama': [{ provider: 'groq', model: 'llama-3.3-70b-versatile' }],
    },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  // Both stop even when the upstream reports what its judge refused, which then fails the file.
  const stopped = await Promise.allSettled([gateway.close(), upstream.stop()]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});
beforeEach(() => upstream.reset());

/** The one request the upstream received, after checking that its judge served it. */
function received(): Record<string, unknown> {
  assert.deepEqual(upstream.takeRefusals().map((refusal) => `${refusal.rule}: ${refusal.message}`), [], 'the upstream served the request as its vendor would');
  const body = upstream.requests[0]?.body;
  assert.ok(body !== undefined, 'the upstream received the request');
  return body as Record<string, unknown>;
}

const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
const openai = () => new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
const gemini = () => new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: gatewayUrl } });
const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const withImage = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'what is this' }, { type: 'image' as const, source: { type: 'base64' as const, media_type: 'image/png' as const, data: onePixelPng } }] }];

// Mistral refuses other words: "reasoning_effort='medium' is not supported for this model. Must be one of (none, high)"
// (github.com/architects-toolkit/SmartHopper/issues/647).
test('Anthropic SDK, a thinking budget for mistral-small-latest: reasoning_effort goes as "high", the one level it takes', async () => {
  const { response } = await anthropic()
    .messages.create({ model: 'mistral-small', max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 2000 }, messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();
  assert.equal(received().reasoning_effort, 'high');
  assert.equal(warningsOf(response.headers).find((entry) => entry.feature === 'reasoning.budget_tokens')?.type, 'compatibility');
});

// Mistral Large takes no reasoning_effort: "not enabled for this model" (github.com/dust-tt/dust/pull/27613).
test('OpenAI SDK, reasoning_effort medium for mistral-large-latest: the field is left out, and the caller is told', async () => {
  const { response } = await openai()
    .chat.completions.create({ model: 'mistral-large', reasoning_effort: 'medium', messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();
  assert.equal(received().reasoning_effort, undefined);
  assert.equal(warningsOf(response.headers).find((entry) => entry.feature === 'reasoning')?.type, 'unsupported');
});

// GLM text models: code 1210 "messages.content.type 参数非法，取值范围 ['text']" (github.com/TriDefender/zcode-api/pull/26).
test('Anthropic SDK, an image for glm-4.6: a note takes its place, and the caller is told', async () => {
  const { response } = await anthropic().messages.create({ model: 'glm-4.6', max_tokens: 100, messages: withImage }).withResponse();
  const content = (received().messages as Array<{ content: unknown }>)[0]?.content;
  assert.deepEqual(content, [
    { type: 'text', text: 'what is this' },
    { type: 'text', text: '[image omitted: glm-4.6 does not read images]' },
  ]);
  assert.equal(warningsOf(response.headers).find((entry) => entry.feature === 'image')?.type, 'unsupported');
});

// Groq's Llama 3 models: "message[0].content must be a string" for an image (github.com/vercel/ai/issues/2837).
test('Anthropic SDK, an image for Groq llama-3.3-70b-versatile: a note takes its place, and the caller is told', async () => {
  const { response } = await anthropic().messages.create({ model: 'groq-llama', max_tokens: 100, messages: withImage }).withResponse();
  const content = JSON.stringify((received().messages as Array<{ content: unknown }>)[0]?.content);
  assert.match(content, /image omitted: llama-3\.3-70b-versatile does not read images/);
  assert.doesNotMatch(content, /image_url/);
  assert.equal(warningsOf(response.headers).find((entry) => entry.feature === 'image')?.type, 'unsupported');
});

// "This model does not support response format `json_schema`." (llama-3.3-70b-versatile: github.com/plune-ai/cairn/pull/36).
test('Gemini SDK, a response schema for Groq llama-3.3-70b-versatile: the schema is asked for in the system prompt instead', async () => {
  const result = await gemini().models.generateContent({
    model: 'groq-llama',
    contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
    config: { responseMimeType: 'application/json', responseSchema: { type: Type.OBJECT, properties: { a: { type: Type.STRING } } } },
  });
  const body = received();
  assert.notEqual((body.response_format as { type?: string } | undefined)?.type, 'json_schema');
  const system = (body.messages as Array<{ role: string; content: unknown }>).find((message) => message.role === 'system');
  assert.match(JSON.stringify(system?.content), /\\"a\\"/);
  const warnings = JSON.parse(result.sdkHttpResponse?.headers?.['x-interlingua-warnings'] ?? '[]') as Array<{ feature: string; type: string }>;
  assert.equal(warnings.find((entry) => entry.feature === 'response_format.json_schema')?.type, 'compatibility');
});
