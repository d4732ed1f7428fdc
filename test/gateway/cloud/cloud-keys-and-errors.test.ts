/**
 * Gateway keys as each cloud SDK presents them (keys required), and failures in the cloud
 * callers' own terms: a stream cut mid-way reaches the AWS SDK as an exception message of the
 * event stream, and a Bedrock error carries its type in `x-amzn-errortype`.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConverseCommand, ConverseStreamCommand, InternalServerException, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import OpenAI, { AzureOpenAI } from 'openai';
import { GoogleGenAI, ApiError as GeminiApiError } from '@google/genai';
import Anthropic from '@anthropic-ai/sdk';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';
import { modelFor, startHarness, type Harness } from '../support/harness.js';
import { anthropicBedrockCaller, bedrockRuntimeClient } from '../support/aws-callers.js';
import { azureDeploymentsCaller, fixedTokenAuthClient, vertexAnthropicCaller, vertexGeminiCaller } from '../support/azure-vertex-callers.js';

const answer = { kind: 'json' as const, body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') };
const answerText = (readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content;

describe('keys required', () => {
  let upstream: TestUpstream;
  let gateway: Gateway;
  let gatewayUrl: string;
  let key: string;

  before(async () => {
    upstream = await new TestUpstream().start();
    gateway = createGateway(
      resolveConfig({
        providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'upstream-key' } },
        models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
        auth: { required: true },
        adminKey: 'admin-key-for-tests-0123456789',
        retry: { attempts: 0 },
      }),
      { logger: silentLogger },
    );
    gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
    key = (await gateway.services.keys.create({ name: 'cloud' })).key;
  });
  after(async () => {
    await gateway.close();
    await upstream.stop();
  });
  beforeEach(() => upstream.reset());

  const converse = (auth: Parameters<typeof bedrockRuntimeClient>[1]) =>
    bedrockRuntimeClient(gatewayUrl, auth).send(new ConverseCommand({ modelId: 'chat', messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }));
  const refusedByAws = (error: unknown) => error instanceof Error && error.name === 'UnrecognizedClientException' && (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 403;

  test('the AWS SDK presents the gateway key as a Bedrock API key', async () => {
    upstream.enqueue(answer);
    const output = await converse({ kind: 'api-key', key });
    assert.equal(output.output?.message?.content?.[0]?.text, answerText);
    await assert.rejects(converse({ kind: 'api-key', key: 'sk-il-not-a-key' }), refusedByAws);
  });

  test('a SigV4-signed request carries no gateway key: refused as the AWS SDK reads a refusal', async () => {
    await assert.rejects(converse({ kind: 'sigv4' }), refusedByAws);
    assert.equal(upstream.requests.length, 0);
  });

  test("Anthropic's Bedrock SDK presents it as its apiKey", async () => {
    upstream.enqueue(answer);
    const result = await anthropicBedrockCaller(gatewayUrl, { kind: 'api-key', key }).turn({ model: 'chat', prompt: 'Hi' });
    assert.equal(result.text, answerText);
  });

  test('AzureOpenAI presents it as api-key', async () => {
    upstream.enqueue(answer);
    assert.equal((await azureDeploymentsCaller(gatewayUrl, key).turn({ model: 'chat', prompt: 'Hi' })).text, answerText);
    assert.equal(upstream.requests[0]?.headers['api-key'], undefined, 'the caller key stays at the gateway');
    await assert.rejects(azureDeploymentsCaller(gatewayUrl, 'sk-il-not-a-key').turn({ model: 'chat', prompt: 'Hi' }), (error) => error instanceof OpenAI.AuthenticationError);
  });

  test("AzureOpenAI presents it as api-key on the Responses and embeddings paths too", async () => {
    upstream.enqueue(answer, { kind: 'json', body: readFixtureText('openai-embeddings/response-float.json') });
    const azure = (apiKey: string) => new AzureOpenAI({ endpoint: gatewayUrl, apiKey, apiVersion: '2025-03-01-preview', maxRetries: 0 });
    assert.equal((await azure(key).responses.create({ model: 'chat', input: 'Hi' })).output_text, answerText);
    assert.equal((await azure(key).embeddings.create({ model: 'chat', input: ['hello', 'world'] })).data.length, 2);
    assert.deepEqual(upstream.requests.map((request) => request.headers['api-key']), [undefined, undefined], 'the caller key stays at the gateway');
    await assert.rejects(azure('sk-il-not-a-key').responses.create({ model: 'chat', input: 'Hi' }), (error) => error instanceof OpenAI.AuthenticationError);
    await assert.rejects(azure('sk-il-not-a-key').embeddings.create({ model: 'chat', input: 'Hi' }), (error) => error instanceof OpenAI.AuthenticationError);
    assert.equal(upstream.requests.length, 2);
  });

  test("@google/genai on Vertex counts tokens with the key in x-goog-api-key; its OAuth token is no key", async () => {
    const genai = (headers?: Record<string, string>) =>
      new GoogleGenAI({ vertexai: true, project: 'p', location: 'us-central1', googleAuthOptions: { authClient: fixedTokenAuthClient() }, httpOptions: { baseUrl: gatewayUrl, ...(headers !== undefined ? { headers } : {}) } });
    // The upstream has no counting API: the gateway's estimate answers.
    assert.ok(((await genai({ 'x-goog-api-key': key }).models.countTokens({ model: 'chat', contents: 'Hi there' })).totalTokens ?? 0) > 0);
    await assert.rejects(genai().models.countTokens({ model: 'chat', contents: 'Hi there' }), (error) => error instanceof GeminiApiError && error.status === 401);
  });

  test('Google-signed Vertex callers put it in a key header; their OAuth token is no key', async () => {
    upstream.enqueue(answer, answer);
    assert.equal((await vertexGeminiCaller(gatewayUrl, key).turn({ model: 'chat', prompt: 'Hi' })).text, answerText);
    assert.equal((await vertexAnthropicCaller(gatewayUrl, key).turn({ model: 'chat', prompt: 'Hi' })).text, answerText);
    await assert.rejects(vertexGeminiCaller(gatewayUrl).turn({ model: 'chat', prompt: 'Hi' }), (error) => error instanceof GeminiApiError && error.status === 401);
    await assert.rejects(vertexAnthropicCaller(gatewayUrl).turn({ model: 'chat', prompt: 'Hi' }), (error) => error instanceof Anthropic.AuthenticationError);
    assert.equal(upstream.requests.length, 2);
  });

  test('in Vertex express mode @google/genai sends the gateway key as its API key, with no token', async () => {
    upstream.enqueue(answer);
    const genai = new GoogleGenAI({ vertexai: true, apiKey: key, httpOptions: { baseUrl: gatewayUrl } });
    assert.equal((await genai.models.generateContent({ model: 'chat', contents: 'Hi' })).text, answerText);
  });

  test('the gateway key may also be the access token itself', async () => {
    upstream.enqueue(answer, answer);
    const genai = new GoogleGenAI({ vertexai: true, project: 'p', location: 'global', googleAuthOptions: { authClient: fixedTokenAuthClient(key) }, httpOptions: { baseUrl: gatewayUrl } });
    assert.equal((await genai.models.generateContent({ model: 'chat', contents: 'Hi' })).text, answerText);
    const vertex = new AnthropicVertex({ baseURL: `${gatewayUrl}/v1`, region: 'global', projectId: 'p', authClient: fixedTokenAuthClient(key), maxRetries: 0 });
    const message = await vertex.messages.create({ model: 'chat', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(message.content[0]?.type === 'text' ? message.content[0].text : undefined, answerText);
  });
});

describe("failures in the Bedrock caller's terms", () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ retryAttempts: 0 });
  });
  after(async () => {
    await harness.close();
  });
  beforeEach(() => harness.reset());

  const cutStream = { kind: 'stream' as const, text: readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse'), cutAfterFrames: 3 };

  test('a stream cut mid-way ends ConverseStream with an exception the AWS SDK raises', async () => {
    harness.upstreams['openai-chat'].enqueue(cutStream);
    const client = bedrockRuntimeClient(harness.gatewayUrl, { kind: 'sigv4' });
    const output = await client.send(new ConverseStreamCommand({ modelId: modelFor('openai-chat'), messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }));
    let text = '';
    await assert.rejects(
      (async () => {
        for await (const event of output.stream ?? []) text += event.contentBlockDelta?.delta?.text ?? '';
      })(),
      (error) => error instanceof InternalServerException,
    );
    assert.ok(text.length > 0, 'what arrived before the cut was delivered');
  });

  test('a stream cut mid-way ends InvokeModelWithResponseStream with an exception the AWS SDK raises', async () => {
    harness.upstreams['openai-chat'].enqueue(cutStream);
    const client = bedrockRuntimeClient(harness.gatewayUrl, { kind: 'sigv4' });
    const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] });
    const output = await client.send(new InvokeModelWithResponseStreamCommand({ modelId: modelFor('openai-chat'), contentType: 'application/json', body }));
    let chunks = 0;
    await assert.rejects(
      (async () => {
        for await (const part of output.body ?? []) if (part.chunk !== undefined) chunks++;
      })(),
      (error) => error instanceof InternalServerException,
    );
    assert.ok(chunks > 0);
  });

  test('a Bedrock error names its type in x-amzn-errortype, as Bedrock does', async () => {
    const response = await fetch(`${harness.gatewayUrl}/model/${modelFor('openai-chat')}/converse`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"messages": 3}' });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('x-amzn-errortype') ?? '', /^ValidationException:/);
    assert.equal(typeof ((await response.json()) as { message?: unknown }).message, 'string');
  });
});
