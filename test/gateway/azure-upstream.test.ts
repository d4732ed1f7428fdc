/**
 * Azure OpenAI providers behind the gateway — Chat Completions on the deployments path with a
 * dated api-version and on the v1 API, the Responses API, an `api-key` or a Microsoft Entra ID
 * token — reached by the official openai, Anthropic and Google Gen AI SDKs: answers and streams
 * replayed from recordings, tools, a 429, content-filter refusals. The test upstream judges each
 * request by Azure's rules (path, api-version, credentials) and OpenAI's body rules.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { CloudTokens } from '../../src/providers/cloud-tokens.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;
/** The scopes each Entra ID token was asked for. */
const tokenRequests: string[][] = [];

/** An Entra ID credential as @azure/identity's credentials are: a token for the scopes, with its expiry. */
const entraCredential: TokenCredential = {
  getToken: async (scopes): Promise<AccessToken> => {
    tokenRequests.push(Array.isArray(scopes) ? scopes : [scopes]);
    return { token: `entra-token-${tokenRequests.length}`, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      azure: { dialect: 'azure-openai', baseUrl: upstream.baseUrl, apiVersion: '2025-04-01-preview', apiKey: 'azure-test-key' },
      'azure-v1': { dialect: 'azure-openai', baseUrl: upstream.baseUrl, apiKey: 'azure-test-key' },
      'azure-entra': { dialect: 'azure-openai', baseUrl: upstream.baseUrl, apiVersion: '2024-10-21', auth: { type: 'entra' } },
      'azure-responses': { dialect: 'azure-openai-responses', baseUrl: upstream.baseUrl, apiKey: 'azure-test-key' },
      'azure-responses-dated': { dialect: 'azure-openai-responses', baseUrl: upstream.baseUrl, apiVersion: '2025-03-01-preview', apiKey: 'azure-test-key' },
    },
    models: {
      smart: [{ provider: 'azure', model: 'my-gpt-4o-deployment' }],
      v1: [{ provider: 'azure-v1', model: 'gpt-5-mini' }],
      entra: [{ provider: 'azure-entra', model: 'gpt-5-mini' }],
      responses: [{ provider: 'azure-responses', model: 'gpt-5-mini' }],
      'responses-dated': [{ provider: 'azure-responses-dated', model: 'gpt-4o-mini' }],
      astra: [{ provider: 'azure', model: 'astra-deployment' }],
    },
    // An Azure model is a deployment's name: what the catalog knows of GPT-6 Astra is said here.
    catalog: { 'astra-deployment': { chatRefusesToolsWhileReasoning: 'unless-off' } },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger, cloudTokens: new CloudTokens({ azureCredential: entraCredential }) });
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

test('an openai caller reaches the deployment’s path with the api-version and the key in api-key', async () => {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-tool.i1.response.json
  upstream.enqueue({ kind: 'json', body: readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i1.response.json') });
  const completion = await openai().chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'Weather in Florence?' }] });
  assert.match(completion.choices[0]?.message.content ?? '', /^Current temperature in Florence, Italy: 40°C/);
  assert.equal(completion.choices[0]?.finish_reason, 'stop');
  const received = upstream.requests[0]!;
  assert.equal(received.url, '/openai/deployments/my-gpt-4o-deployment/chat/completions?api-version=2025-04-01-preview');
  assert.equal(received.headers['api-key'], 'azure-test-key');
  assert.equal(received.headers['authorization'], undefined);
});

test('an anthropic caller streams from the v1 API: the deployment is the model, the filter-results chunk is passed over', async () => {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-stream.response.sse: its first chunk has no choices, only prompt_filter_results.
  upstream.enqueue({ kind: 'stream', text: readFixtureText('azure-openai/fantasy-gpt5mini-chat-stream.response.sse') });
  const message = await anthropic().messages.stream({ model: 'v1', max_tokens: 4000, messages: [{ role: 'user', content: 'Say hi in Portuguese' }] }).finalMessage();
  assert.deepEqual(message.content.map((block) => block.type), ['text']);
  assert.match(message.content[0]?.type === 'text' ? message.content[0].text : '', /^Olá/);
  assert.equal(message.stop_reason, 'end_turn');
  const received = upstream.requests[0]!;
  assert.equal(received.url, '/openai/v1/chat/completions');
  assert.equal((received.body as Record<string, unknown>)['model'], 'gpt-5-mini');
  assert.equal((received.body as Record<string, unknown>)['stream'], true);
});

test('a Gemini caller’s function declarations become tools, and the recorded tool call comes back as a functionCall', async () => {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-tool.i0.response.json
  upstream.enqueue({ kind: 'json', body: readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i0.response.json') });
  const response = await google().models.generateContent({
    model: 'smart',
    contents: "What's the weather in Florence, Italy?",
    config: { tools: [{ functionDeclarations: [{ name: 'weather', description: 'Get weather information for a location', parametersJsonSchema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }] }] },
  });
  assert.deepEqual(
    (response.functionCalls ?? []).map((call) => [call.name, call.args]),
    [['weather', { location: 'Florence, Italy' }]],
  );
  const tools = (upstream.requests[0]?.body as { tools: Array<{ function: { name: string } }> }).tools;
  assert.deepEqual(tools.map((tool) => tool.function.name), ['weather']);
});

test('the Responses API on Azure’s v1 path: an openai chat caller is answered from a recorded Response', async () => {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-responses-v1.response.json (Azure adds "content_filters": null).
  upstream.enqueue({ kind: 'json', body: readFixtureJson('azure-openai/fantasy-gpt5mini-responses-v1.response.json') });
  const completion = await openai().chat.completions.create({ model: 'responses', messages: [{ role: 'user', content: 'Say hi in Portuguese' }] });
  assert.equal(completion.choices[0]?.message.content, 'Olá! (Também pode dizer "Oi!")');
  const received = upstream.requests[0]!;
  assert.equal(received.url, '/openai/v1/responses');
  assert.equal((received.body as Record<string, unknown>)['model'], 'gpt-5-mini');
  assert.equal(received.headers['api-key'], 'azure-test-key');
});

test('tools to a deployment that refuses them with reasoning over Chat Completions go to Azure’s Responses endpoint', async () => {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-responses-v1.response.json
  upstream.enqueue({ kind: 'json', body: readFixtureJson('azure-openai/fantasy-gpt5mini-responses-v1.response.json') });
  const weather = { type: 'function' as const, function: { name: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } };
  await openai().chat.completions.create({ model: 'astra', tools: [weather], messages: [{ role: 'user', content: 'Weather in Florence?' }] });
  const received = upstream.requests[0]!;
  assert.equal(received.url, '/openai/responses?api-version=2025-04-01-preview');
  assert.equal(received.headers['api-key'], 'azure-test-key');
  assert.equal((received.body as Record<string, unknown>)['model'], 'astra-deployment');
});

test('with auth: entra, an Entra ID token for Cognitive Services goes as a bearer token, fetched once and reused', async () => {
  const replies = () => ({ kind: 'json' as const, body: readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i1.response.json') });
  upstream.enqueue(replies(), replies());
  await openai().chat.completions.create({ model: 'entra', messages: [{ role: 'user', content: 'hi' }] });
  await openai().chat.completions.create({ model: 'entra', messages: [{ role: 'user', content: 'hi again' }] });
  for (const received of upstream.requests) {
    assert.equal(received.url, '/openai/deployments/gpt-5-mini/chat/completions?api-version=2024-10-21');
    assert.equal(received.headers['authorization'], 'Bearer entra-token-1');
    assert.equal(received.headers['api-key'], undefined);
  }
  assert.deepEqual(tokenRequests, [['https://cognitiveservices.azure.com/.default']]);
});

test('a prompt Azure’s content filter refuses reaches each caller as a 400 naming the filter that fired', async () => {
  // test/fixtures/recorded/azure-openai/mirascope-content-filter-400.response.json (self_harm, severity medium).
  upstream.answerUnqueuedWith(() => ({ kind: 'json', status: 400, body: readFixtureText('azure-openai/mirascope-content-filter-400.response.json') }));
  try {
    await assert.rejects(anthropic().messages.create({ model: 'smart', max_tokens: 100, messages: [{ role: 'user', content: 'something harmful' }] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.BadRequestError);
      assert.equal((error.error as { error?: { type?: string } }).error?.type, 'invalid_request_error');
      assert.match(error.message, /content filter refused the prompt \(self_harm \(medium\)\)/);
      return true;
    });
    await assert.rejects(openai().chat.completions.create({ model: 'v1', stream: true, messages: [{ role: 'user', content: 'something harmful' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.match(error.message, /self_harm \(medium\).*content management policy/);
      assert.equal(error.param, 'prompt');
      return true;
    });
  } finally {
    upstream.answerUnqueuedWith(() => ({ kind: 'json', status: 500, body: { error: { code: '500', message: 'no reply queued' } } }));
  }
});

test('a completion the filter cut ends with finish_reason content_filter, which reaches a Gemini caller as SAFETY', async () => {
  // The shape of test/fixtures/recorded/azure-openai MANIFEST's doc-chat-finish-content-filter-blocklist entry
  // (learn.microsoft.com/azure/ai-services/openai/how-to/use-blocklists): "finish_reason": "content_filter",
  // a message with its role only.
  const recorded = readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i1.response.json') as { choices: Array<Record<string, unknown>> };
  const cut = { ...recorded, choices: [{ ...recorded.choices[0], finish_reason: 'content_filter', message: { role: 'assistant' } }] };
  upstream.enqueue({ kind: 'json', body: cut }, { kind: 'json', body: cut });
  const response = await google().models.generateContent({ model: 'smart', contents: 'hi' });
  assert.equal(response.candidates?.[0]?.finishReason, 'SAFETY');
  const completion = await openai().chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(completion.choices[0]?.finish_reason, 'content_filter');
});

test('a 429 from Azure reaches each caller as a rate-limit error with its retry time', async () => {
  // test/fixtures/recorded/azure-openai/error-429-token-rate-limit.from-python-repr.json; Azure sends retry-after beside it.
  upstream.answerUnqueuedWith(() => ({ kind: 'json', status: 429, body: readFixtureText('azure-openai/error-429-token-rate-limit.from-python-repr.json'), headers: { 'retry-after': '7' } }));
  try {
    await assert.rejects(openai().chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.match(error.message, /exceeded token rate limit/);
      return true;
    });
    await assert.rejects(anthropic().messages.create({ model: 'v1', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.RateLimitError);
      assert.equal(error.headers?.get('retry-after'), '7');
      return true;
    });
  } finally {
    upstream.answerUnqueuedWith(() => ({ kind: 'json', status: 500, body: { error: { code: '500', message: 'no reply queued' } } }));
  }
});

test('an unknown deployment’s 404 reaches the caller as not found', async () => {
  // test/fixtures/recorded/azure-openai/error-404-deployment-not-found.json
  upstream.enqueue({ kind: 'json', status: 404, body: readFixtureText('azure-openai/error-404-deployment-not-found.json') });
  await assert.rejects(openai().chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.NotFoundError);
    assert.match(error.message, /API deployment for this resource does not exist/);
    return true;
  });
});

test('a Responses stream the filter cut (response.incomplete, content_filter) reaches an anthropic caller as a refusal', async () => {
  // test/fixtures/recorded/azure-openai/mirascope-responses-stream-content-filter-incomplete.response.sse
  upstream.enqueue({ kind: 'stream', text: readFixtureText('azure-openai/mirascope-responses-stream-content-filter-incomplete.response.sse') });
  const message = await anthropic().messages.stream({ model: 'responses-dated', max_tokens: 1000, messages: [{ role: 'user', content: 'Provide detailed instructions for something harmful.' }] }).finalMessage();
  assert.equal(message.stop_reason, 'refusal');
  assert.deepEqual(message.content.map((block) => (block.type === 'text' ? block.text : block.type)), ["I'm sorry, but I cannot assist with that request."]);
  assert.equal(upstream.requests[0]?.url, '/openai/responses?api-version=2025-03-01-preview');
  assert.equal((upstream.requests[0]?.body as Record<string, unknown>)['model'], 'gpt-4o-mini');
});
