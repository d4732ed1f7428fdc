/**
 * Azure OpenAI's and Vertex AI's APIs served by the gateway: `openai`'s `AzureOpenAI` (the
 * deployments path, `api-key`) and the v1 path, `@google/genai` with `vertexai: true` and
 * `@anthropic-ai/vertex-sdk` (both signing with a made-up OAuth token, which the gateway does
 * not take for a key) reach OpenAI, Anthropic and Gemini upstreams.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { modelFor, startHarness, upstreamModels, type Harness } from '../support/harness.js';
import { describeCloudCaller } from '../support/cloud-caller-cases.js';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { GoogleGenAI } from '@google/genai';
import { azureDeploymentsCaller, azureV1Caller, fixedTokenAuthClient, vertexAnthropicCaller, vertexGeminiCaller } from '../support/azure-vertex-callers.js';
import { upstreamScenarios } from '../support/upstream-scenarios.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness.close();
});
beforeEach(() => harness.reset());

describe('openai AzureOpenAI, deployments path', () => describeCloudCaller(() => harness, (url) => azureDeploymentsCaller(url, 'azure-key'), { stop: 'stop', toolCalls: 'tool_calls' }));
describe('openai on the Azure v1 path', () => describeCloudCaller(() => harness, (url) => azureV1Caller(url, 'azure-key'), { stop: 'stop', toolCalls: 'tool_calls' }));
describe('@google/genai on Vertex AI', () => describeCloudCaller(() => harness, (url) => vertexGeminiCaller(url), { stop: 'STOP', toolCalls: 'STOP' }, false));
describe('@anthropic-ai/vertex-sdk', () => describeCloudCaller(() => harness, (url) => vertexAnthropicCaller(url), { stop: 'end_turn', toolCalls: 'tool_use' }));

test('on the deployments path the deployment decides the model, whatever the body names', async () => {
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.text.reply);
  const caller = azureDeploymentsCaller(harness.gatewayUrl, 'azure-key', modelFor('anthropic'));
  const result = await caller.turn({ model: modelFor('openai-chat'), prompt: 'Say hi in Portuguese' });
  assert.equal(result.text, upstreamScenarios.anthropic.text.expected.text);
  assert.equal(harness.upstreams['openai-chat'].requests.length, 0);
  assert.equal((harness.upstreams.anthropic.requests[0]?.body as { model?: unknown }).model, upstreamModels.anthropic);
});

test("@anthropic-ai/vertex-sdk counts tokens at Vertex's count-tokens:rawPredict, for any upstream", async () => {
  harness.upstreams.anthropic.enqueue({ kind: 'json', body: { input_tokens: 42 } });
  const client = new AnthropicVertex({ baseURL: `${harness.gatewayUrl}/v1`, region: 'us-east5', projectId: 'my-project', authClient: fixedTokenAuthClient(), maxRetries: 0 });
  const counted = await client.messages.countTokens({ model: modelFor('anthropic'), messages: [{ role: 'user', content: 'Weather in Florence?' }] });
  assert.equal(counted.input_tokens, 42);
  assert.equal(harness.upstreams.anthropic.requests[0]?.url, '/v1/messages/count_tokens');
  assert.equal((harness.upstreams.anthropic.requests[0]?.body as { model?: unknown }).model, upstreamModels.anthropic);
});

test("@google/genai on Vertex counts tokens at :countTokens, under v1beta1 and v1, for any upstream", async () => {
  harness.upstreams.gemini.enqueue({ kind: 'json', body: { totalTokens: 7 } }, { kind: 'json', body: { totalTokens: 7 } });
  harness.upstreams.anthropic.enqueue({ kind: 'json', body: { input_tokens: 9 } });
  const vertex = (apiVersion: string) =>
    new GoogleGenAI({ vertexai: true, project: 'my-project', location: 'us-central1', googleAuthOptions: { authClient: fixedTokenAuthClient() }, httpOptions: { baseUrl: harness.gatewayUrl, apiVersion } });
  for (const apiVersion of ['v1beta1', 'v1']) {
    const counted = await vertex(apiVersion).models.countTokens({ model: modelFor('gemini'), contents: 'Weather in Florence?', config: { systemInstruction: 'Be brief.' } });
    assert.equal(counted.totalTokens, 7, apiVersion);
  }
  const received = harness.upstreams.gemini.requests.map((request) => ({ url: request.url, system: (request.body as { generateContentRequest?: { systemInstruction?: unknown } }).generateContentRequest?.systemInstruction !== undefined }));
  assert.deepEqual(received, [1, 2].map(() => ({ url: `/v1beta/models/${upstreamModels.gemini}:countTokens`, system: true })));
  assert.equal((await vertex('v1beta1').models.countTokens({ model: modelFor('anthropic'), contents: 'Weather in Florence?' })).totalTokens, 9);
  assert.equal(harness.upstreams.anthropic.requests[0]?.url, '/v1/messages/count_tokens');
});
