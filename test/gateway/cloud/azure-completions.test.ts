/**
 * openai-node's `AzureOpenAI.completions.create()` calls the legacy text completions at
 * `/openai/deployments/{deployment}/completions?api-version=…` (node_modules/openai/azure.js,
 * `_deployments_endpoints`): the gateway reads it as OpenAI's completions, the deployment in the
 * path naming the model as on chat, and answers in the same shape, whole and streamed.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { AzureOpenAI } from 'openai';
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

const azure = (deployment?: string) =>
  new AzureOpenAI({ endpoint: harness.gatewayUrl, apiKey: 'azure-key', apiVersion: '2024-10-21', maxRetries: 0, ...(deployment !== undefined ? { deployment } : {}) });

test('AzureOpenAI.completions.create reaches the model its deployment names', async () => {
  harness.upstreams['openai-chat'].enqueue(chatAnswer);
  const completion = await azure().completions.create({ model: modelFor('openai-chat'), prompt: 'Say hi in Portuguese', max_tokens: 20 });
  assert.equal(completion.object, 'text_completion');
  assert.equal(completion.choices[0]?.text, chatText);
  const received = harness.upstreams['openai-chat'].requests[0];
  assert.equal((received?.body as { model?: unknown }).model, upstreamModels['openai-chat']);
});

test('the deployment in the path decides the model, whatever the body says', async () => {
  harness.upstreams['openai-chat'].enqueue(chatAnswer);
  const completion = await azure(modelFor('openai-chat')).completions.create({ model: 'a-name-azure-ignores', prompt: 'Say hi in Portuguese', max_tokens: 20 });
  assert.equal(completion.choices[0]?.text, chatText);
  assert.equal(harness.upstreams['openai-chat'].requests.length, 1);
});

test('AzureOpenAI.completions.create streams as text completions do', async () => {
  harness.upstreams['openai-chat'].enqueue({ kind: 'stream', text: readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse') });
  const stream = await azure().completions.create({ model: modelFor('openai-chat'), prompt: 'Say hi in Portuguese', max_tokens: 20, stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
  assert.ok(text.length > 0);
  assert.equal((harness.upstreams['openai-chat'].requests[0]?.body as { stream?: unknown }).stream, true);
});
