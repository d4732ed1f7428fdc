/**
 * Reasoning on Azure OpenAI: a reasoning deployment (gpt-5-mini, as recorded) takes
 * `reasoning_effort` and `max_completion_tokens` and reports its reasoning as
 * `usage.completion_tokens_details.reasoning_tokens`, with no reasoning text
 * (test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-*; "reasoning_effort" and
 * "max_completion_tokens" in https://learn.microsoft.com/azure/ai-foundry/openai/how-to/reasoning).
 * The openai, Anthropic and Google Gen AI SDKs ask for reasoning in their own terms and read those
 * tokens back in theirs. The test upstream checks the `api-key` and judges each request by Azure's
 * rules and, for a deployment named after its model, by that model's (no `max_tokens`, no
 * temperature but 1, on a reasoning model).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      azure: { dialect: 'azure-openai', baseUrl: upstream.baseUrl, apiVersion: '2025-04-01-preview', apiKey: 'azure-test-key' },
      'azure-v1': { dialect: 'azure-openai', baseUrl: upstream.baseUrl, apiKey: 'azure-test-key' },
    },
    models: {
      reasoner: [{ provider: 'azure', model: 'gpt-5-mini' }],
      'reasoner-v1': [{ provider: 'azure-v1', model: 'gpt-5-mini' }],
    },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});
beforeEach(() => upstream.reset());

const openai = () => new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
const google = () => new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: gatewayUrl } });

interface ChatBody {
  reasoning_effort?: string;
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
}

function sentBody(index = 0): ChatBody {
  const received = upstream.requests[index];
  assert.equal(received?.headers['api-key'], 'azure-test-key');
  return received?.body as ChatBody;
}

const weatherTool = { name: 'weather', description: 'Get weather information for a location', parameters: { type: 'object', properties: { location: { type: 'string', description: 'the city' } }, required: ['location'] } };

test('an openai caller’s reasoning_effort reaches the deployment as it is, and the reasoning tokens come back in usage', async () => {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-tool.i0.response.json: reasoning_tokens 64 of 90.
  upstream.enqueue({ kind: 'json', body: readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i0.response.json') });
  const completion = await openai().chat.completions.create({
    model: 'reasoner',
    reasoning_effort: 'low',
    max_completion_tokens: 2000,
    tools: [{ type: 'function', function: weatherTool }],
    messages: [{ role: 'user', content: "What's the weather in Florence,Italy?" }],
  });
  assert.equal(completion.usage?.completion_tokens_details?.reasoning_tokens, 64);
  assert.equal(completion.usage?.completion_tokens, 90);
  assert.equal(completion.choices[0]?.message.tool_calls?.[0]?.type === 'function' ? completion.choices[0].message.tool_calls[0].function.name : undefined, 'weather');
  assert.equal(upstream.requests[0]?.url, '/openai/deployments/gpt-5-mini/chat/completions?api-version=2025-04-01-preview');
  const body = sentBody();
  assert.equal(body.reasoning_effort, 'low');
  assert.equal(body.max_completion_tokens, 2000);
});

test('an anthropic caller’s thinking budget reaches Azure as a reasoning effort with max_completion_tokens, never max_tokens, and a warning', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i0.response.json') });
  const { data: message, response } = await anthropic()
    .messages.create({
      model: 'reasoner',
      max_tokens: 8000,
      thinking: { type: 'enabled', budget_tokens: 4096 },
      tools: [{ name: weatherTool.name, description: weatherTool.description, input_schema: weatherTool.parameters as Anthropic.Tool.InputSchema }],
      messages: [{ role: 'user', content: "What's the weather in Florence,Italy?" }],
    })
    .withResponse();
  assert.deepEqual(message.content.map((block) => block.type), ['tool_use'], 'Azure gives no reasoning text to show');
  assert.equal(message.stop_reason, 'tool_use');
  assert.equal(message.usage.output_tokens, 90, 'reasoning tokens are output tokens');
  const body = sentBody();
  assert.ok(['low', 'medium', 'high'].includes(body.reasoning_effort ?? ''), `an effort, not a budget: ${String(body.reasoning_effort)}`);
  assert.equal(body.max_tokens, undefined);
  assert.equal(body.max_completion_tokens, 8000);
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  assert.ok(warnings.some((warning) => warning.feature.startsWith('reasoning')), JSON.stringify(warnings));
});

test('a Gemini caller’s thinking budget, streamed from the v1 API: the recorded stream’s reasoning tokens arrive as thoughtsTokenCount', async () => {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-stream.response.sse: its usage chunk has reasoning_tokens 64.
  upstream.enqueue({ kind: 'stream', text: readFixtureText('azure-openai/fantasy-gpt5mini-chat-stream.response.sse') });
  let text = '';
  let thoughts: number | undefined;
  let candidates: number | undefined;
  const stream = await google().models.generateContentStream({
    model: 'reasoner-v1',
    contents: 'Say hi in Portuguese',
    config: { maxOutputTokens: 3000, thinkingConfig: { thinkingBudget: 1024 } },
  });
  for await (const chunk of stream) {
    text += chunk.text ?? '';
    if (chunk.usageMetadata?.thoughtsTokenCount !== undefined) thoughts = chunk.usageMetadata.thoughtsTokenCount;
    if (chunk.usageMetadata?.candidatesTokenCount !== undefined) candidates = chunk.usageMetadata.candidatesTokenCount;
  }
  assert.match(text, /^Olá!/);
  assert.equal(thoughts, 64);
  assert.equal(candidates, 76 - 64, 'the visible tokens are the completion tokens (76) less the reasoning tokens');
  assert.equal(upstream.requests[0]?.url, '/openai/v1/chat/completions');
  const body = sentBody() as ChatBody & { model?: string };
  assert.equal(body.model, 'gpt-5-mini');
  assert.equal(body.reasoning_effort, 'low');
  assert.equal(body.max_completion_tokens, 3000);
});

test('a deployment named after a reasoning model is sent what Azure takes from it: no max_tokens, no temperature other than 1', async () => {
  // The judge refuses both for gpt-5-mini; the gateway fits the request to the model the deployment is named after.
  upstream.enqueue({ kind: 'json', body: readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i0.response.json') });
  await openai().chat.completions.create({ model: 'reasoner', max_tokens: 100, temperature: 0.2, messages: [{ role: 'user', content: 'hi' }] });
  const body = sentBody();
  assert.equal(body.max_tokens, undefined);
  assert.equal(body.max_completion_tokens, 100);
  assert.equal(body.temperature, undefined);
});
