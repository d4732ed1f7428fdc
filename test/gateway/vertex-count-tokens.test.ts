/**
 * Token counts asked of Vertex AI itself rather than estimated: Claude (`vertex-anthropic`) at
 * `…/publishers/anthropic/models/count-tokens:rawPredict` with the model in the body
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/count-tokens), Gemini
 * (`vertex`) at `…/publishers/google/models/{model}:countTokens` with Vertex's CountTokensRequest
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/projects.locations.publishers.models/countTokens).
 * The test upstream judges path, body and OAuth token by Vertex's rules
 * (test/support/vendor-rules/vertex-count-tokens.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { cloudGateway } from '../support/cloud-gateway.js';
import { readFixtureText } from '../support/fixtures.js';
import { fixedTokenAuthClient } from './support/azure-vertex-callers.js';

const vertex = cloudGateway(['google'], (baseUrls, credentialsFile) => ({
  providers: {
    gcp: { dialect: 'vertex', projectId: 'test-project', location: 'us-central1', baseUrl: baseUrls.google, credentialsFile },
    'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: baseUrls.google, credentialsFile },
  },
  models: {
    flash: [{ provider: 'gcp', model: 'gemini-2.5-flash' }],
    sonnet: [{ provider: 'gcp-claude', model: 'claude-sonnet-4-5@20250929' }],
    opus: [{ provider: 'gcp-claude', model: 'claude-opus-4-6@default' }],
  },
  retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
  routing: { cooldown: false },
}));

const claudeCountPath = '/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict';
const weather = { name: 'weather', description: 'Weather in a city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } };
const anthropic = () => new Anthropic({ baseURL: vertex.url, apiKey: 'caller', maxRetries: 0 });
const received = () => vertex.upstreams.google.requests.at(-1);
const receivedBody = () => received()?.body as Record<string, unknown>;

test('Claude on Vertex counts at count-tokens:rawPredict, the model in the body', async () => {
  vertex.upstreams.google.enqueue({ kind: 'json', body: { input_tokens: 17 } });
  const { data, response } = await anthropic()
    .messages.countTokens({ model: 'sonnet', system: 'Be brief.', tools: [weather], messages: [{ role: 'user', content: 'Weather in Florence?' }] })
    .withResponse();
  assert.equal(data.input_tokens, 17);
  assert.equal(response.headers.get('x-interlingua-token-count'), 'upstream');
  assert.equal(received()?.url, claudeCountPath);
  assert.match(String(received()?.headers.authorization), /^Bearer \S+$/);
  const body = receivedBody();
  assert.equal(body.model, 'claude-sonnet-4-5@20250929');
  assert.equal(body.system, 'Be brief.');
  assert.equal((body.tools as unknown[]).length, 1);
  assert.equal(body.max_tokens, undefined);
  assert.equal(body.anthropic_version, undefined);
});

test('a model Vertex names with @default is counted under its bare name, which the counter takes', async () => {
  vertex.upstreams.google.enqueue({ kind: 'json', body: { input_tokens: 5 } });
  const counted = await anthropic().messages.countTokens({ model: 'opus', messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal(counted.input_tokens, 5);
  assert.equal(receivedBody().model, 'claude-opus-4-6');
});

test('Gemini on Vertex counts at :countTokens with the CountTokensRequest fields at the top level', async () => {
  vertex.upstreams.google.enqueue({ kind: 'json', body: { totalTokens: 23, totalBillableCharacters: 80 } });
  const counted = await anthropic().messages.countTokens({ model: 'flash', system: 'Be brief.', tools: [weather], messages: [{ role: 'user', content: 'Weather in Florence?' }] });
  assert.equal(counted.input_tokens, 23);
  assert.equal(received()?.url, '/v1beta1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:countTokens');
  assert.match(String(received()?.headers.authorization), /^Bearer \S+$/);
  const body = receivedBody();
  assert.equal(body.generateContentRequest, undefined);
  assert.ok(Array.isArray(body.contents) && body.systemInstruction !== undefined && Array.isArray(body.tools));
});

test('@google/genai counting on Vertex through the gateway reaches Vertex, under v1beta1', async () => {
  vertex.upstreams.google.enqueue({ kind: 'json', body: { totalTokens: 4 } });
  const google = new GoogleGenAI({ vertexai: true, project: 'caller-project', location: 'us-central1', googleAuthOptions: { authClient: fixedTokenAuthClient() }, httpOptions: { baseUrl: vertex.url } });
  const counted = await google.models.countTokens({ model: 'flash', contents: 'Hi', config: { systemInstruction: 'Be brief.' } });
  assert.equal(counted.totalTokens, 4);
  assert.equal(received()?.url, '/v1beta1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:countTokens');
  assert.notEqual(received()?.headers.authorization, 'Bearer ya29.test-access-token', "the gateway's own token, not the caller's");
});

test('thinking Claude signed on Vertex is counted with the history, as rawPredict would be sent it', async () => {
  vertex.upstreams.google.enqueue({ kind: 'json', body: readFixtureText('anthropic/response-thinking.json') });
  const question = { role: 'user' as const, content: 'What is 925 / 5?' };
  const thinking = { type: 'enabled' as const, budget_tokens: 1024 };
  const answer = await anthropic().messages.create({ model: 'sonnet', max_tokens: 2048, thinking, messages: [question] });
  assert.equal(answer.content[0]?.type, 'thinking');
  vertex.upstreams.google.enqueue({ kind: 'json', body: { input_tokens: 90 } });
  await anthropic().messages.countTokens({
    model: 'sonnet',
    thinking,
    messages: [question, { role: 'assistant', content: answer.content.map((block) => (block.type === 'thinking' ? { type: 'thinking', thinking: block.thinking, signature: block.signature } : block)) as Anthropic.ContentBlockParam[] }, { role: 'user', content: 'And 925 / 25?' }],
  });
  const history = (receivedBody().messages as Array<{ role: string; content: Array<{ type: string; signature?: string }> }>)[1]!;
  const signed = history.content.find((block) => block.type === 'thinking');
  assert.ok(signed !== undefined, `the signed thinking is counted: ${JSON.stringify(history)}`);
  assert.match(signed.signature ?? '', /^Er4BCkYICxgCKkCoxqLH/);
});
