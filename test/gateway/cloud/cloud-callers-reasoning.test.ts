/**
 * Reasoning asked for by each cloud SDK in its own terms, served by the gateway from OpenAI Chat,
 * Anthropic and Gemini upstreams: Converse's `additionalModelRequestFields.thinking` and
 * `reasoningContent` blocks (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html),
 * Claude's `thinking` through Anthropic's Bedrock and Vertex clients, `reasoning_effort` through
 * AzureOpenAI, and `thinkingConfig` through @google/genai on Vertex. Each caller sees the
 * reasoning (or its token count) in its own fields, and a signature it is handed comes back to
 * the upstream that issued it on the caller's next turn, so thinking stays on for a tool turn.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { AzureOpenAI } from 'openai';
import { GoogleGenAI, type Part } from '@google/genai';
import { ConverseCommand, ConverseStreamCommand, type ContentBlock, type Message } from '@aws-sdk/client-bedrock-runtime';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';
import { bedrockRuntimeClient } from '../support/aws-callers.js';
import { fixedTokenAuthClient } from '../support/azure-vertex-callers.js';

const upstreamModels = { openai: 'gpt-5', anthropic: 'claude-sonnet-4-20250514', gemini: 'gemini-2.5-pro' } as const;

let openaiUpstream: TestUpstream;
let anthropicUpstream: TestUpstream;
let geminiUpstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  openaiUpstream = await new TestUpstream().start();
  anthropicUpstream = await new TestUpstream().start();
  geminiUpstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      oa: { dialect: 'openai-chat', baseUrl: `${openaiUpstream.baseUrl}/v1`, apiKey: 'sk-test-openai' },
      an: { dialect: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'sk-ant-test' },
      ge: { dialect: 'gemini', baseUrl: geminiUpstream.baseUrl, apiKey: 'gemini-test-key' },
    },
    models: {
      'via-openai': [{ provider: 'oa', model: upstreamModels.openai }],
      'via-anthropic': [{ provider: 'an', model: upstreamModels.anthropic }],
      'via-gemini': [{ provider: 'ge', model: upstreamModels.gemini }],
    },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await Promise.all([openaiUpstream.stop(), anthropicUpstream.stop(), geminiUpstream.stop()]);
});
beforeEach(() => {
  openaiUpstream.reset();
  anthropicUpstream.reset();
  geminiUpstream.reset();
});

// test/fixtures/recorded/anthropic/fantasy-sonnet4-thinking.i0.*: Claude thinks, then calls `weather`.
const claudeThinking = () => readFixtureJson('anthropic/fantasy-sonnet4-thinking.i0.response.json') as { content: Array<Record<string, unknown>> };
// test/fixtures/recorded/gemini/fantasy-gemini25pro-thinking.i0.response.json: a thought part, then a signed functionCall.
const geminiThinking = () => readFixtureJson('gemini/fantasy-gemini25pro-thinking.i0.response.json') as { candidates: Array<{ content: { parts: Array<Record<string, unknown>> } }> };
const claudeAnswer = (text: string) => ({
  id: 'msg_01after',
  type: 'message',
  role: 'assistant',
  model: upstreamModels.anthropic,
  content: [{ type: 'text', text }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 500, output_tokens: 8 },
});
const geminiAnswer = (text: string) => ({ candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 90, candidatesTokenCount: 3, totalTokenCount: 93 } });

const weatherSchema = { type: 'object', properties: { location: { type: 'string', description: 'the city' } }, required: ['location'] };
const question = "What's the weather in Florence, Italy?";

interface AnthropicBody {
  messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
  thinking?: unknown;
}
interface GeminiBody {
  contents: Array<{ role: string; parts: Array<Record<string, unknown>> }>;
  generationConfig?: { thinkingConfig?: unknown };
}

test('AWS SDK Converse → Anthropic: Claude’s signed thinking arrives as reasoningContent, and the tool-result turn gives Anthropic the thinking block back, thinking on', async () => {
  const recorded = claudeThinking();
  anthropicUpstream.enqueue({ kind: 'json', body: recorded }, { kind: 'json', body: claudeAnswer('It is 40 C in Florence.') });
  const client = bedrockRuntimeClient(gatewayUrl, { kind: 'sigv4' });
  const request = {
    modelId: 'via-anthropic',
    inferenceConfig: { maxTokens: 8000 },
    additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 4000 } },
    toolConfig: { tools: [{ toolSpec: { name: 'weather', description: 'Get weather information for a location', inputSchema: { json: weatherSchema } } }] },
  };
  const user: Message = { role: 'user', content: [{ text: question }] };
  const answer = await client.send(new ConverseCommand({ ...request, messages: [user] }));
  const content = answer.output?.message?.content ?? [];
  assert.equal(content[0]?.reasoningContent?.reasoningText?.text, recorded.content[0]?.['thinking']);
  assert.ok((content[0]?.reasoningContent?.reasoningText?.signature ?? '') !== '', 'the caller is handed a signature to send back');
  const toolUse = content.find((block) => block.toolUse !== undefined)?.toolUse;
  assert.equal(toolUse?.name, 'weather');
  assert.deepEqual((anthropicUpstream.requests[0]?.body as AnthropicBody).thinking, { type: 'enabled', budget_tokens: 4000 });

  const results: ContentBlock[] = [{ toolResult: { toolUseId: toolUse?.toolUseId, content: [{ text: '40 C' }] } }];
  const final = await client.send(new ConverseCommand({ ...request, messages: [user, { role: 'assistant', content }, { role: 'user', content: results }] }));
  assert.equal(final.output?.message?.content?.[0]?.text, 'It is 40 C in Florence.');
  const sent = anthropicUpstream.requests[1]?.body as AnthropicBody;
  assert.deepEqual(sent.messages[1]?.content[0], { type: 'thinking', thinking: recorded.content[0]?.['thinking'], signature: recorded.content[0]?.['signature'] });
  assert.deepEqual(sent.thinking, { type: 'enabled', budget_tokens: 4000 });
});

test('AWS SDK ConverseStream → Gemini: the thought streams as reasoningContent deltas with a signature delta, which goes back to Gemini on the call', async () => {
  // test/fixtures/recorded/gemini/fantasy-gemini25pro-thinking-streaming.i0.response.sse
  const sse = readFixtureText('gemini/fantasy-gemini25pro-thinking-streaming.i0.response.sse');
  const recordedSignature = /"thoughtSignature": "([^"]+)"/.exec(sse)?.[1];
  geminiUpstream.enqueue({ kind: 'stream', text: sse }, { kind: 'json', body: geminiAnswer('40 C.') });
  const client = bedrockRuntimeClient(gatewayUrl, { kind: 'api-key', key: 'any-bedrock-key' });
  const request = {
    modelId: 'via-gemini',
    inferenceConfig: { maxTokens: 4000 },
    additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    toolConfig: { tools: [{ toolSpec: { name: 'weather', description: 'Get weather information for a location', inputSchema: { json: weatherSchema } } }] },
  };
  const user: Message = { role: 'user', content: [{ text: question }] };
  const output = await client.send(new ConverseStreamCommand({ ...request, messages: [user] }));
  // The blocks as a Converse caller rebuilds them, by contentBlockIndex.
  const blocks = new Map<number, { text?: string; signature?: string; toolUseId?: string; name?: string; input?: string }>();
  for await (const event of output.stream ?? []) {
    const start = event.contentBlockStart?.start?.toolUse;
    if (start !== undefined) blocks.set(event.contentBlockStart?.contentBlockIndex ?? -1, { toolUseId: start.toolUseId, name: start.name, input: '' });
    const delta = event.contentBlockDelta?.delta;
    if (delta === undefined) continue;
    const index = event.contentBlockDelta?.contentBlockIndex ?? -1;
    const block = blocks.get(index) ?? {};
    if (delta.reasoningContent?.text !== undefined) block.text = (block.text ?? '') + delta.reasoningContent.text;
    if (delta.reasoningContent?.signature !== undefined) block.signature = (block.signature ?? '') + delta.reasoningContent.signature;
    if (delta.toolUse?.input !== undefined) block.input = (block.input ?? '') + delta.toolUse.input;
    blocks.set(index, block);
  }
  const ordered = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
  assert.match(ordered[0]?.text ?? '', /^\*\*Mapping the Inquiry\*\*/);
  assert.equal(ordered.filter((block) => block.signature !== undefined).length, 1, 'one signature delta');
  const tool = ordered.find((block) => block.toolUseId !== undefined);
  assert.equal(tool?.name, 'weather');
  assert.deepEqual((geminiUpstream.requests[0]?.body as GeminiBody).generationConfig?.thinkingConfig, { thinkingBudget: 1024, includeThoughts: true });

  const assistant: Message = {
    role: 'assistant',
    content: ordered.map((block): ContentBlock =>
      block.toolUseId !== undefined
        ? { toolUse: { toolUseId: block.toolUseId, name: block.name, input: JSON.parse(block.input ?? '{}') as Record<string, string> } }
        : { reasoningContent: { reasoningText: { text: block.text ?? '', ...(block.signature !== undefined ? { signature: block.signature } : {}) } } },
    ),
  };
  await client.send(new ConverseCommand({ ...request, messages: [user, assistant, { role: 'user', content: [{ toolResult: { toolUseId: tool?.toolUseId, content: [{ text: '40 C' }] } }] }] }));
  const model = (geminiUpstream.requests[1]?.body as GeminiBody).contents[1];
  assert.equal(model?.parts.find((part) => part['functionCall'] !== undefined)?.['thoughtSignature'], recordedSignature);
});

test('@anthropic-ai/bedrock-sdk → Gemini: thinking blocks from Gemini’s thoughts, replayed with the signature on the call', async () => {
  const recorded = geminiThinking();
  const [thought, signedCall] = recorded.candidates[0]!.content.parts;
  geminiUpstream.enqueue({ kind: 'json', body: recorded }, { kind: 'json', body: geminiAnswer('40 C.') });
  const client = new AnthropicBedrock({ baseURL: gatewayUrl, awsRegion: 'us-east-1', awsAccessKey: 'AKIDEXAMPLE', awsSecretKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', maxRetries: 0 });
  const params = { model: 'via-gemini', max_tokens: 4000, thinking: { type: 'enabled' as const, budget_tokens: 1024 }, tools: [{ name: 'weather', description: 'Get weather information for a location', input_schema: weatherSchema as Anthropic.Tool.InputSchema }] };
  const answer = await client.messages.create({ ...params, messages: [{ role: 'user', content: question }] });
  const thinking = answer.content.find((block) => block.type === 'thinking');
  assert.ok(thinking?.type === 'thinking');
  assert.equal(thinking.thinking, thought?.['text']);
  const toolUse = answer.content.find((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use')!;
  await client.messages.create({
    ...params,
    messages: [{ role: 'user', content: question }, { role: 'assistant', content: answer.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '40 C' }] }],
  });
  const model = (geminiUpstream.requests[1]?.body as GeminiBody).contents[1];
  assert.equal(model?.parts.find((part) => part['functionCall'] !== undefined)?.['thoughtSignature'], signedCall?.['thoughtSignature']);
});

test('@anthropic-ai/vertex-sdk → Anthropic: Claude’s thinking passes through with its signature both ways', async () => {
  const recorded = claudeThinking();
  anthropicUpstream.enqueue({ kind: 'json', body: recorded }, { kind: 'json', body: claudeAnswer('40 C.') });
  const client = new AnthropicVertex({ baseURL: `${gatewayUrl}/v1`, region: 'us-east5', projectId: 'my-project', authClient: fixedTokenAuthClient(), maxRetries: 0 });
  const params = { model: 'via-anthropic', max_tokens: 8000, thinking: { type: 'enabled' as const, budget_tokens: 4000 }, tools: [{ name: 'weather', description: 'Get weather information for a location', input_schema: weatherSchema as Anthropic.Tool.InputSchema }] };
  const answer = await client.messages.create({ ...params, messages: [{ role: 'user', content: question }] });
  assert.deepEqual(answer.content.map((block) => block.type), ['thinking', 'tool_use']);
  const toolUse = answer.content.find((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use')!;
  await client.messages.create({
    ...params,
    messages: [{ role: 'user', content: question }, { role: 'assistant', content: answer.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '40 C' }] }],
  });
  const sent = anthropicUpstream.requests[1]?.body as AnthropicBody;
  assert.deepEqual(sent.messages[1]?.content[0], { type: 'thinking', thinking: recorded.content[0]?.['thinking'], signature: recorded.content[0]?.['signature'] });
  assert.deepEqual(sent.thinking, { type: 'enabled', budget_tokens: 4000 });
});

test('openai AzureOpenAI → Anthropic: reasoning_effort turns thinking on, the thinking comes back as reasoning_content and reasoning_details, and the tool turn returns it', async () => {
  const recorded = claudeThinking();
  anthropicUpstream.enqueue({ kind: 'json', body: recorded }, { kind: 'json', body: claudeAnswer('40 C.') });
  const client = new AzureOpenAI({ endpoint: gatewayUrl, apiKey: 'azure-key', apiVersion: '2024-10-21', maxRetries: 0 });
  const tools = [{ type: 'function' as const, function: { name: 'weather', description: 'Get weather information for a location', parameters: weatherSchema } }];
  const completion = await client.chat.completions.create({ model: 'via-anthropic', reasoning_effort: 'medium', max_completion_tokens: 8000, tools, messages: [{ role: 'user', content: question }] });
  const message = completion.choices[0]!.message as typeof completion.choices[0]['message'] & { reasoning_content?: string; reasoning_details?: unknown[] };
  assert.equal(message.reasoning_content, recorded.content[0]?.['thinking']);
  assert.equal(message.reasoning_details?.length, 1);
  const thinking = (anthropicUpstream.requests[0]?.body as AnthropicBody).thinking as { type: string; budget_tokens: number };
  assert.equal(thinking.type, 'enabled');
  const call = message.tool_calls?.[0];
  assert.ok(call?.type === 'function');
  await client.chat.completions.create({
    model: 'via-anthropic',
    reasoning_effort: 'medium',
    max_completion_tokens: 8000,
    tools,
    messages: [
      { role: 'user', content: question },
      { role: 'assistant', content: null, tool_calls: [call], reasoning_details: message.reasoning_details } as Parameters<typeof client.chat.completions.create>[0]['messages'][number],
      { role: 'tool', tool_call_id: call.id, content: '40 C' },
    ],
  });
  const sent = anthropicUpstream.requests[1]?.body as AnthropicBody;
  assert.deepEqual(sent.messages[1]?.content[0], { type: 'thinking', thinking: recorded.content[0]?.['thinking'], signature: recorded.content[0]?.['signature'] });
  assert.deepEqual(sent.thinking, thinking, 'thinking stays on for the tool turn');
});

test('openai AzureOpenAI → OpenAI: reasoning_effort passes to a reasoning model, and the recorded stream’s reasoning tokens reach the caller', async () => {
  // test/fixtures/recorded/openai-chat/fantasy-gpt5-image-upload-streaming.response.sse: gpt-5, reasoning_tokens 64 of 96.
  openaiUpstream.enqueue({ kind: 'stream', text: readFixtureText('openai-chat/fantasy-gpt5-image-upload-streaming.response.sse') });
  const client = new AzureOpenAI({ endpoint: gatewayUrl, apiKey: 'azure-key', apiVersion: '2024-10-21', deployment: 'via-openai', maxRetries: 0 });
  const stream = await client.chat.completions.create({ model: 'ignored', stream: true, stream_options: { include_usage: true }, reasoning_effort: 'minimal', messages: [{ role: 'user', content: 'Describe a star.' }] });
  let reasoningTokens: number | undefined;
  let text = '';
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    if (chunk.usage?.completion_tokens_details?.reasoning_tokens !== undefined) reasoningTokens = chunk.usage.completion_tokens_details.reasoning_tokens;
  }
  assert.match(text, /^A cute cartoon star/);
  assert.equal(reasoningTokens, 64);
  const sent = openaiUpstream.requests[0]?.body as { model: string; reasoning_effort?: string };
  assert.equal(sent.model, upstreamModels.openai);
  assert.equal(sent.reasoning_effort, 'minimal');
});

test('@google/genai on Vertex → Anthropic: thinkingConfig asks Claude to think, thought parts come back, and the signature returns to Anthropic', async () => {
  const recorded = claudeThinking();
  anthropicUpstream.enqueue({ kind: 'json', body: recorded }, { kind: 'json', body: claudeAnswer('40 C.') });
  const client = new GoogleGenAI({ vertexai: true, project: 'my-project', location: 'us-central1', googleAuthOptions: { authClient: fixedTokenAuthClient() }, httpOptions: { baseUrl: gatewayUrl } });
  const config = {
    maxOutputTokens: 8000,
    thinkingConfig: { includeThoughts: true, thinkingBudget: 4000 },
    tools: [{ functionDeclarations: [{ name: 'weather', description: 'Get weather information for a location', parametersJsonSchema: weatherSchema }] }],
  };
  const user = { role: 'user', parts: [{ text: question }] };
  const answer = await client.models.generateContent({ model: 'via-anthropic', contents: [user], config });
  const parts: Part[] = answer.candidates?.[0]?.content?.parts ?? [];
  assert.equal(parts.filter((part) => part.thought === true).map((part) => part.text).join(''), recorded.content[0]?.['thinking']);
  const call = parts.find((part) => part.functionCall !== undefined)?.functionCall;
  assert.deepEqual((anthropicUpstream.requests[0]?.body as AnthropicBody).thinking, { type: 'enabled', budget_tokens: 4000 });
  await client.models.generateContent({
    model: 'via-anthropic',
    contents: [user, { role: 'model', parts }, { role: 'user', parts: [{ functionResponse: { id: call?.id, name: 'weather', response: { result: '40 C' } } }] }],
    config,
  });
  const sent = anthropicUpstream.requests[1]?.body as AnthropicBody;
  assert.deepEqual(sent.messages[1]?.content[0], { type: 'thinking', thinking: recorded.content[0]?.['thinking'], signature: recorded.content[0]?.['signature'] });
  assert.deepEqual(sent.thinking, { type: 'enabled', budget_tokens: 4000 });
});

test('@google/genai on Vertex → Gemini: thoughts and their signature pass through as Gemini gave them', async () => {
  const recorded = geminiThinking();
  const [thought, signedCall] = recorded.candidates[0]!.content.parts;
  geminiUpstream.enqueue({ kind: 'json', body: recorded });
  const client = new GoogleGenAI({ vertexai: true, project: 'my-project', location: 'us-central1', googleAuthOptions: { authClient: fixedTokenAuthClient() }, httpOptions: { baseUrl: gatewayUrl } });
  const answer = await client.models.generateContent({
    model: 'via-gemini',
    contents: question,
    config: { thinkingConfig: { includeThoughts: true, thinkingBudget: 128 }, tools: [{ functionDeclarations: [{ name: 'weather', description: 'Get weather information for a location', parametersJsonSchema: weatherSchema }] }] },
  });
  const parts = answer.candidates?.[0]?.content?.parts ?? [];
  assert.deepEqual(parts.map((part) => ({ thought: part.thought === true, text: part.text, signature: part.thoughtSignature })), [
    { thought: true, text: thought?.['text'], signature: undefined },
    { thought: false, text: undefined, signature: signedCall?.['thoughtSignature'] },
  ]);
  assert.deepEqual((geminiUpstream.requests[0]?.body as GeminiBody).generationConfig?.thinkingConfig, { includeThoughts: true, thinkingBudget: 128 });
  assert.equal(answer.usageMetadata?.thoughtsTokenCount, 64);
});
