/**
 * Reasoning through Vertex AI upstreams, reached by the openai, Anthropic and Google Gen AI SDKs:
 * Gemini's thought parts and `thoughtSignature` on Vertex (recorded Gemini answers, whose bodies
 * Vertex's generateContent and streamGenerateContent share:
 * https://cloud.google.com/vertex-ai/generative-ai/docs/thinking), and Claude's thinking through
 * streamRawPredict, each shown to the caller and replayed in its next turn. Every request carries
 * an OAuth token the gateway got from a service-account file whose `token_uri` is a local token
 * endpoint, and is judged by Vertex's rules, among them Gemini 3's: "you must pass back thought
 * signatures during function calling" (https://docs.cloud.google.com/vertex-ai/generative-ai/docs/thought-signatures).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type Part } from '@google/genai';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { unwrapSignature } from '../../../src/core/signature-envelope.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { GoogleTokenServer } from '../../support/google-token-server.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';

let upstream: TestUpstream;
let tokenServer: GoogleTokenServer;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  tokenServer = await new GoogleTokenServer().start();
  const credentialsFile = tokenServer.writeKeyFile();
  const config = resolveConfig({
    providers: {
      gcp: { dialect: 'vertex', projectId: 'test-project', location: 'global', baseUrl: upstream.baseUrl, credentialsFile },
      'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: upstream.baseUrl, credentialsFile },
    },
    models: {
      pro3: [{ provider: 'gcp', model: 'gemini-3-pro-preview' }],
      pro25: [{ provider: 'gcp', model: 'gemini-2.5-pro' }],
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
  assert.deepEqual(tokenServer.refusals, [], 'every assertion the gateway sent was well formed');
});
beforeEach(() => upstream.reset());

const openai = () => new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
const google = () => new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: gatewayUrl } });

function assertAuthorized(index: number): void {
  const authorization = String(upstream.requests[index]?.headers['authorization']);
  assert.ok(tokenServer.issued.map((token) => `Bearer ${token}`).includes(authorization), `${authorization} was issued by the token endpoint`);
}

const weather: OpenAI.Chat.ChatCompletionTool = {
  type: 'function',
  function: { name: 'weather', description: 'Get weather information for a location', parameters: { type: 'object', properties: { location: { type: 'string', description: 'the city' } }, required: ['location'] } },
};

type ReasoningDelta = OpenAI.Chat.ChatCompletionChunk.Choice.Delta & { reasoning_content?: string; reasoning_details?: unknown[] };

/** An openai stream's tool calls, reasoning text and reasoning details. */
async function collect(stream: AsyncIterable<OpenAI.Chat.ChatCompletionChunk>) {
  const collected = { reasoning: '', details: [] as unknown[], calls: new Map<number, { id: string; name: string; arguments: string }>(), reasoningTokens: undefined as number | undefined };
  for await (const chunk of stream) {
    if (chunk.usage?.completion_tokens_details?.reasoning_tokens !== undefined) collected.reasoningTokens = chunk.usage.completion_tokens_details.reasoning_tokens;
    const delta = chunk.choices[0]?.delta as ReasoningDelta | undefined;
    collected.reasoning += delta?.reasoning_content ?? '';
    collected.details.push(...(delta?.reasoning_details ?? []));
    for (const piece of delta?.tool_calls ?? []) {
      const known = collected.calls.get(piece.index) ?? { id: '', name: '', arguments: '' };
      collected.calls.set(piece.index, { id: known.id || (piece.id ?? ''), name: known.name + (piece.function?.name ?? ''), arguments: known.arguments + (piece.function?.arguments ?? '') });
    }
  }
  return collected;
}

interface GeminiBody {
  contents: Array<{ role: string; parts: Array<Record<string, unknown>> }>;
  generationConfig?: { thinkingConfig?: Record<string, unknown> };
}

test('vertex, Gemini 3: an openai caller streams a signed function call, and its tool turn gives Vertex the thoughtSignature back', async () => {
  // test/fixtures/recorded/gemini/fantasy-gemini3pro-thinking-streaming.i0.response.sse
  const recordedSse = readFixtureText('gemini/fantasy-gemini3pro-thinking-streaming.i0.response.sse');
  const recordedSignature = /"thoughtSignature": "([^"]+)"/.exec(recordedSse)?.[1];
  assert.ok(recordedSignature !== undefined);
  upstream.enqueue({ kind: 'stream', text: recordedSse });
  const question: OpenAI.Chat.ChatCompletionMessageParam = { role: 'user', content: "What's the weather in Florence, Italy?" };
  const first = await collect(
    await openai().chat.completions.create({ model: 'pro3', stream: true, stream_options: { include_usage: true }, reasoning_effort: 'high', tools: [weather], messages: [question] }),
  );
  const call = first.calls.get(0);
  assert.equal(call?.name, 'weather');
  assert.deepEqual(JSON.parse(call?.arguments ?? '{}'), { location: 'Florence, Italy' });
  assert.equal(first.reasoningTokens, 94, 'thoughtsTokenCount is the reasoning tokens');
  const sentFirst = upstream.requests[0]!;
  assert.equal(sentFirst.url, '/v1beta1/projects/test-project/locations/global/publishers/google/models/gemini-3-pro-preview:streamGenerateContent?alt=sse');
  // Gemini 3 is asked by level, never by a budget beside it (https://ai.google.dev/gemini-api/docs/thinking).
  const thinking = (sentFirst.body as GeminiBody).generationConfig?.thinkingConfig;
  assert.deepEqual([thinking?.['thinkingLevel'], thinking?.['thinkingBudget']], ['HIGH', undefined], 'reasoning_effort becomes a thinking level');

  upstream.enqueue({ kind: 'json', body: { candidates: [{ content: { role: 'model', parts: [{ text: 'It is 40 C in Florence.' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 90, candidatesTokenCount: 8, totalTokenCount: 98 } } });
  const answer = await openai().chat.completions.create({
    model: 'pro3',
    reasoning_effort: 'high',
    tools: [weather],
    messages: [
      question,
      { role: 'assistant', content: null, tool_calls: [{ id: call!.id, type: 'function', function: { name: call!.name, arguments: call!.arguments } }], reasoning_details: first.details } as OpenAI.Chat.ChatCompletionAssistantMessageParam,
      { role: 'tool', tool_call_id: call!.id, content: '40 C' },
    ],
  });
  assert.equal(answer.choices[0]?.message.content, 'It is 40 C in Florence.');
  const model = (upstream.requests[1]?.body as GeminiBody).contents[1];
  assert.equal(model?.role, 'model');
  assert.equal(model?.parts.find((part) => part['functionCall'] !== undefined)?.['thoughtSignature'], recordedSignature);
  assertAuthorized(0);
  assertAuthorized(1);
});

test('vertex, Gemini 2.5: an anthropic caller sees the thought part as thinking, and replays it with the signature on the call', async () => {
  // test/fixtures/recorded/gemini/fantasy-gemini25pro-thinking.i0.response.json: a thought part, then a functionCall carrying the thoughtSignature.
  const recorded = readFixtureJson('gemini/fantasy-gemini25pro-thinking.i0.response.json') as { candidates: Array<{ content: { parts: Array<{ text?: string; thought?: boolean; thoughtSignature?: string }> } }> };
  const [thought, signedCall] = recorded.candidates[0]!.content.parts;
  upstream.enqueue({ kind: 'json', body: recorded });
  const tools: Anthropic.Tool[] = [{ name: 'weather', description: 'Get weather information for a location', input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }];
  const params = { model: 'pro25', max_tokens: 4096, thinking: { type: 'enabled' as const, budget_tokens: 1024 }, tools };
  const question: Anthropic.MessageParam = { role: 'user', content: "What's the weather in Florence, Italy?" };
  const answer = await anthropic().messages.create({ ...params, messages: [question] });
  const thinking = answer.content.find((block) => block.type === 'thinking');
  assert.ok(thinking?.type === 'thinking');
  assert.equal(thinking.thinking, thought?.text);
  const toolUse = answer.content.find((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
  assert.deepEqual(toolUse?.input, { location: 'Florence, Italy' });
  assert.deepEqual((upstream.requests[0]?.body as GeminiBody).generationConfig?.thinkingConfig, { includeThoughts: true, thinkingBudget: 1024 });

  upstream.enqueue({ kind: 'json', body: { candidates: [{ content: { role: 'model', parts: [{ text: '40 C.' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 90, candidatesTokenCount: 3, totalTokenCount: 93 } } });
  await anthropic().messages.create({
    ...params,
    messages: [question, { role: 'assistant', content: answer.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse!.id, content: '40 C' }] }],
  });
  const replayed = (upstream.requests[1]?.body as GeminiBody).contents[1]?.parts ?? [];
  assert.equal(replayed.find((part) => part['functionCall'] !== undefined)?.['thoughtSignature'], signedCall?.thoughtSignature);
  assertAuthorized(1);
});

test('vertex-anthropic: an openai caller streams Claude’s thinking from streamRawPredict, and its tool turn returns the Vertex-signed thinking, thinking kept on', async () => {
  // test/fixtures/recorded/anthropic/fantasy-sonnet4-thinking-streaming.i0.response.sse: Claude's stream, which
  // streamRawPredict sends in the same events (test/fixtures/recorded/vertex/fantasy-anthropic-streamRawPredict-claude37-tool.i0.response.sse).
  const sse = readFixtureText('anthropic/fantasy-sonnet4-thinking-streaming.i0.response.sse');
  const recordedSignature = /"signature":"([^"]+)"/.exec(sse)?.[1];
  assert.ok(recordedSignature !== undefined);
  upstream.enqueue({ kind: 'stream', text: sse });
  const question: OpenAI.Chat.ChatCompletionMessageParam = { role: 'user', content: "What's the weather in Florence,Italy?" };
  const first = await collect(await openai().chat.completions.create({ model: 'sonnet', stream: true, reasoning_effort: 'low', max_completion_tokens: 4000, tools: [weather], messages: [question] }));
  assert.ok(first.reasoning.length > 0);
  assert.equal(first.details.length, 1);
  const carried = unwrapSignature((first.details[0] as { signature: string }).signature);
  assert.equal(carried?.origin, 'vertex-anthropic', 'the envelope names Claude on Vertex, whose signature Anthropic’s API would refuse');
  assert.equal(carried?.value, recordedSignature);
  const call = first.calls.get(0)!;
  assert.equal(upstream.requests[0]?.url, '/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514:streamRawPredict');

  upstream.enqueue({
    kind: 'json',
    body: { id: 'msg_vrtx_9', type: 'message', role: 'assistant', model: 'claude-sonnet-4', content: [{ type: 'text', text: '40 C in Florence.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 500, output_tokens: 8 } },
  });
  const { response } = await openai()
    .chat.completions.create({
      model: 'sonnet',
      reasoning_effort: 'low',
      max_completion_tokens: 4000,
      tools: [weather],
      messages: [
        question,
        { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }], reasoning_details: first.details } as OpenAI.Chat.ChatCompletionAssistantMessageParam,
        { role: 'tool', tool_call_id: call.id, content: '40 C' },
      ],
    })
    .withResponse();
  const sent = upstream.requests[1]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }>; thinking?: { type: string }; anthropic_version?: string };
  assert.deepEqual(sent.messages[1]?.content[0], { type: 'thinking', thinking: first.reasoning, signature: recordedSignature });
  assert.equal(sent.thinking?.type, 'enabled');
  assert.equal(sent.anthropic_version, 'vertex-2023-10-16');
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  assert.deepEqual(warnings.filter((warning) => warning.feature === 'reasoning' || warning.feature === 'reasoning.tool_turn'), [], 'nothing of the reasoning was dropped');
  assertAuthorized(0);
  assertAuthorized(1);
});

test('vertex-anthropic: a Gemini caller asks Claude to think through thinkingConfig and gets thought parts whose signature goes back to Vertex', async () => {
  // test/fixtures/recorded/anthropic/fantasy-sonnet4-thinking.i0.response.json, as rawPredict answers it.
  const recorded = readFixtureJson('anthropic/fantasy-sonnet4-thinking.i0.response.json') as { content: Array<Record<string, unknown>> };
  upstream.enqueue({ kind: 'json', body: recorded });
  const tools = [{ functionDeclarations: [{ name: 'weather', description: 'Get weather information for a location', parametersJsonSchema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }] }];
  const config = { maxOutputTokens: 4096, thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 }, tools };
  const question = { role: 'user', parts: [{ text: "What's the weather in Florence, Italy?" }] };
  const answer = await google().models.generateContent({ model: 'sonnet', contents: [question], config });
  const parts: Part[] = answer.candidates?.[0]?.content?.parts ?? [];
  assert.equal(parts.filter((part) => part.thought === true).map((part) => part.text).join(''), recorded.content[0]?.['thinking']);
  const call = parts.find((part) => part.functionCall !== undefined)?.functionCall;
  assert.equal(call?.name, 'weather');
  assert.deepEqual((upstream.requests[0]?.body as { thinking?: unknown }).thinking, { type: 'enabled', budget_tokens: 2048 });

  upstream.enqueue({
    kind: 'json',
    body: { id: 'msg_vrtx_10', type: 'message', role: 'assistant', model: 'claude-sonnet-4', content: [{ type: 'text', text: '40 C.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 500, output_tokens: 3 } },
  });
  await google().models.generateContent({
    model: 'sonnet',
    contents: [question, { role: 'model', parts }, { role: 'user', parts: [{ functionResponse: { id: call?.id, name: 'weather', response: { result: '40 C' } } }] }],
    config,
  });
  const sent = upstream.requests[1]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }>; thinking?: unknown };
  assert.deepEqual(sent.messages[1]?.content[0], { type: 'thinking', thinking: recorded.content[0]?.['thinking'], signature: recorded.content[0]?.['signature'] });
  assert.deepEqual(sent.thinking, { type: 'enabled', budget_tokens: 2048 });
  assertAuthorized(1);
});
