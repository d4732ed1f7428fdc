/**
 * The Azure OpenAI paths openai-node's `AzureOpenAI` calls beside chat: the Responses API at
 * `/openai/responses?api-version=…` (the deployment's name in `model`; recorded on Azure:
 * test/fixtures/recorded/azure-openai/mirascope-responses-stream-content-filter-incomplete.response.sse and its MANIFEST line,
 * "POST https://dummy.openai.azure.com/openai/responses?api-version=2025-03-01-preview") and
 * embeddings at `/openai/deployments/{deployment}/embeddings` (node_modules/openai/azure.js,
 * `_deployments_endpoints`), plus the v1 API's `/openai/v1/embeddings` for the plain client.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI, { AzureOpenAI } from 'openai';
import { modelFor, startHarness, upstreamModels, type Harness } from '../support/harness.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness.close();
});
beforeEach(() => harness.reset());

const chatAnswer = { kind: 'json' as const, body: readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json') };
const chatText = (readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content;
const embeddingsAnswer = { kind: 'json' as const, body: readFixtureText('openai-embeddings/response-float.json') };
const embeddingVectors = (readFixtureJson('openai-embeddings/response-float.json') as { data: Array<{ embedding: number[] }> }).data.map((item) => item.embedding);

const azure = (deployment?: string) =>
  new AzureOpenAI({ endpoint: harness.gatewayUrl, apiKey: 'azure-key', apiVersion: '2025-03-01-preview', maxRetries: 0, ...(deployment !== undefined ? { deployment } : {}) });

/** The vectors arrive as float32 when base64 carried them (the SDK's default). */
function assertVectors(actual: number[][]) {
  assert.deepEqual(actual.map((vector) => vector.map((value) => Math.fround(value))), embeddingVectors.map((vector) => vector.map((value) => Math.fround(value))));
}

test('AzureOpenAI.responses.create reaches the model named in the body', async () => {
  harness.upstreams['openai-chat'].enqueue(chatAnswer);
  const response = await azure().responses.create({ model: modelFor('openai-chat'), input: 'Say hi in Portuguese' });
  assert.equal(response.output_text, chatText);
  assert.equal((harness.upstreams['openai-chat'].requests[0]?.body as { model?: unknown }).model, upstreamModels['openai-chat']);
});

test('AzureOpenAI.responses.create streams as the Responses API does', async () => {
  harness.upstreams['openai-chat'].enqueue({ kind: 'stream', text: readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse') });
  const stream = await azure().responses.create({ model: modelFor('openai-chat'), input: 'Say hi in Portuguese', stream: true });
  let text = '';
  let completed = false;
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') text += event.delta;
    if (event.type === 'response.completed') completed = true;
  }
  assert.ok(completed);
  assert.ok(text.length > 0);
});

test('AzureOpenAI.embeddings.create: the deployment in the path decides the model, whatever the body names', async () => {
  harness.upstreams['openai-chat'].enqueue(embeddingsAnswer);
  const response = await azure(modelFor('openai-chat')).embeddings.create({ model: 'text-embedding-3-small', input: ['hello', 'world'] });
  assertVectors(response.data.map((item) => item.embedding));
  const received = harness.upstreams['openai-chat'].requests[0];
  assert.equal(received?.url, '/v1/embeddings');
  assert.deepEqual((received?.body as { model?: unknown; input?: unknown }), { ...(received?.body as object), model: upstreamModels['openai-chat'], input: ['hello', 'world'] });
});

test("AzureOpenAI without a deployment puts each request's model in the path", async () => {
  harness.upstreams['openai-chat'].enqueue(embeddingsAnswer);
  const response = await azure().embeddings.create({ model: modelFor('openai-chat'), input: ['hello', 'world'] });
  assertVectors(response.data.map((item) => item.embedding));
});

test("the plain client on Azure's v1 path embeds with the model in the body", async () => {
  harness.upstreams['openai-chat'].enqueue(embeddingsAnswer);
  const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/openai/v1`, apiKey: 'azure-key', maxRetries: 0 });
  const response = await client.embeddings.create({ model: modelFor('openai-chat'), input: ['hello', 'world'] });
  assertVectors(response.data.map((item) => item.embedding));
  assert.equal((harness.upstreams['openai-chat'].requests[0]?.body as { model?: unknown }).model, upstreamModels['openai-chat']);
});
