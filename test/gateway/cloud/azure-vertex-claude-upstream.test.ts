/**
 * What the Azure OpenAI and Claude-on-Vertex upstream tests had no case of: parallel tool calls
 * from Azure (plain and streamed, with Azure's filter-results chunks) reaching Anthropic and Gemini
 * callers, and inline images sent to an Azure deployment and to Claude on Vertex. The Azure
 * upstream checks the `api-key`; Vertex's the OAuth token the gateway got from a service-account
 * file whose token endpoint is local; both judge each request by the platform's rules.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { GoogleTokenServer } from '../../support/google-token-server.js';
import { readFixtureJson } from '../../support/fixtures.js';

let upstream: TestUpstream;
let tokenServer: GoogleTokenServer;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  tokenServer = await new GoogleTokenServer().start();
  const config = resolveConfig({
    providers: {
      azure: { dialect: 'azure-openai', baseUrl: upstream.baseUrl, apiVersion: '2025-04-01-preview', apiKey: 'azure-test-key' },
      'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: upstream.baseUrl, credentialsFile: tokenServer.writeKeyFile() },
    },
    models: {
      deployment: [{ provider: 'azure', model: 'my-gpt-4o-deployment' }],
      sonnet: [{ provider: 'gcp-claude', model: 'claude-sonnet-4@20250514' }],
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
  await tokenServer.stop();
});
beforeEach(() => upstream.reset());

const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
const google = () => new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: gatewayUrl } });
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

// Azure's own parts of a chat completion, as recorded (test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-tool.i0.response.json).
const recordedTool = () => readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i0.response.json') as Record<string, unknown> & { choices: Array<Record<string, unknown>> };
const filterResults = () => (recordedTool()['prompt_filter_results'] as unknown[]);

const twoCalls = [
  { id: 'call_paris', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
  { id: 'call_rome', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
];
const weatherTool: Anthropic.Tool = { name: 'get_weather', description: 'Weather of a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

test('Azure: two parallel tool calls in an Azure completion reach an anthropic caller as two tool_use blocks', async () => {
  const body = recordedTool();
  body['choices'] = [{ content_filter_results: {}, finish_reason: 'tool_calls', index: 0, logprobs: null, message: { annotations: [], content: null, refusal: null, role: 'assistant', tool_calls: twoCalls } }];
  upstream.enqueue({ kind: 'json', body });
  const message = await anthropic().messages.create({ model: 'deployment', max_tokens: 1000, tools: [weatherTool], messages: [{ role: 'user', content: 'Weather in Paris and Rome?' }] });
  assert.deepEqual(
    message.content.map((block) => (block.type === 'tool_use' ? [block.id, block.name, block.input] : block.type)),
    [
      ['call_paris', 'get_weather', { city: 'Paris' }],
      ['call_rome', 'get_weather', { city: 'Rome' }],
    ],
  );
  assert.equal(message.stop_reason, 'tool_use');
  assert.equal(upstream.requests[0]?.headers['api-key'], 'azure-test-key');
});

test('Azure: streamed parallel tool calls, after the prompt-filter chunk Azure opens with, reach a Gemini caller as two function calls', async () => {
  // The first chunk's shape (empty id, choices [], prompt_filter_results) and the per-choice content_filter_results are
  // those of test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-stream.response.sse.
  const common = { created: 1759350264, id: 'chatcmpl-parallel', model: 'gpt-4o-2024-11-20', object: 'chat.completion.chunk', system_fingerprint: null };
  const chunks = [
    { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: filterResults() },
    { ...common, choices: [{ content_filter_results: {}, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_paris', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, finish_reason: null, index: 0 }] },
    { ...common, choices: [{ content_filter_results: {}, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":"Paris"}' } }] }, finish_reason: null, index: 0 }] },
    { ...common, choices: [{ content_filter_results: {}, delta: { tool_calls: [{ index: 1, id: 'call_rome', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, finish_reason: null, index: 0 }] },
    { ...common, choices: [{ content_filter_results: {}, delta: { tool_calls: [{ index: 1, function: { arguments: '{"city":"Rome"}' } }] }, finish_reason: null, index: 0 }] },
    { ...common, choices: [{ content_filter_results: {}, delta: {}, finish_reason: 'tool_calls', index: 0 }] },
    { ...common, choices: [], usage: { completion_tokens: 30, prompt_tokens: 50, total_tokens: 80 } },
  ];
  upstream.enqueue({ kind: 'stream', text: `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n` });
  const calls: Array<{ name?: string; args?: unknown }> = [];
  const stream = await google().models.generateContentStream({
    model: 'deployment',
    contents: 'Weather in Paris and Rome?',
    config: { tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Weather of a city', parametersJsonSchema: weatherTool.input_schema }] }] },
  });
  for await (const chunk of stream) for (const call of chunk.functionCalls ?? []) calls.push({ name: call.name, args: call.args });
  assert.deepEqual(calls, [
    { name: 'get_weather', args: { city: 'Paris' } },
    { name: 'get_weather', args: { city: 'Rome' } },
  ]);
  const sent = upstream.requests[0]!;
  assert.equal(sent.url, '/openai/deployments/my-gpt-4o-deployment/chat/completions?api-version=2025-04-01-preview');
  assert.equal((sent.body as { stream?: boolean }).stream, true);
});

test('Azure: an image from an anthropic caller reaches the deployment as an image_url data URL', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i1.response.json') });
  await anthropic().messages.create({
    model: 'deployment',
    max_tokens: 500,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } }] }],
  });
  const content = (upstream.requests[0]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages[0]?.content;
  assert.deepEqual(content?.find((part) => part['type'] === 'image_url'), { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } });
});

test('Vertex Claude: an image from a Gemini caller reaches rawPredict as a base64 image block, with Vertex’s token', async () => {
  upstream.enqueue({
    kind: 'json',
    body: { id: 'msg_vrtx_img', type: 'message', role: 'assistant', model: 'claude-sonnet-4', content: [{ type: 'text', text: 'A red dot.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 20, output_tokens: 4 } },
  });
  const response = await google().models.generateContent({ model: 'sonnet', contents: [{ role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: png } }] }] });
  assert.equal(response.text, 'A red dot.');
  const received = upstream.requests[0]!;
  assert.equal(received.url, '/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514:rawPredict');
  const content = (received.body as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages[0]?.content;
  assert.deepEqual(content?.find((block) => block['type'] === 'image'), { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } });
  assert.ok(tokenServer.issued.map((token) => `Bearer ${token}`).includes(String(received.headers['authorization'])));
});
