/**
 * Reasoning through Bedrock upstreams, reached by the openai, Anthropic and Google Gen AI SDKs:
 * Converse's `reasoningContent` (text and signature) in answers and in ConverseStream's deltas,
 * and Claude's thinking on InvokeModel, each shown to the caller and then replayed in the
 * caller's next turn. Bedrock takes a signed reasoning block back only as it issued it: "If you
 * pass a reasoning block back to the API in a multi-turn conversation, include the text and its
 * signature unmodified" (https://sdk.amazonaws.com/kotlin/api/latest/bedrockruntime/aws.sdk.kotlin.services.bedrockruntime.model/-reasoning-text-block/signature.html).
 * Every request is SigV4-signed (the signature recomputed here) and judged by Bedrock's rules,
 * which refuse a tool turn that does not open with Claude's reasoning.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type Content, type Part } from '@google/genai';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { encodeAwsEventStreamMessage } from '../../../src/wire/aws-event-stream.js';
import { unwrapSignature } from '../../../src/core/signature-envelope.js';
import { TestUpstream, type UpstreamReply } from '../../support/test-upstream.js';
import { eventStream, recordedStream } from '../../support/aws-event-stream-replies.js';
import { expectedAuthorization, useTestAwsCredentials } from '../../support/sigv4.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';

const claude = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const invokedClaude = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
/** Puts the AWS environment back after the tests. */
let restoreAwsEnvironment: () => void = () => undefined;

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  restoreAwsEnvironment = useTestAwsCredentials();
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: upstream.baseUrl },
      'aws-claude': { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: upstream.baseUrl },
    },
    models: {
      smart: [{ provider: 'aws', model: claude }],
      invoked: [{ provider: 'aws-claude', model: invokedClaude }],
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
  restoreAwsEnvironment();
});
beforeEach(() => upstream.reset());

const openai = () => new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
const google = () => new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: gatewayUrl } });

async function assertSigned(index: number): Promise<void> {
  const received = upstream.requests[index];
  assert.ok(received !== undefined, `request ${index} reached the upstream`);
  assert.equal(await expectedAuthorization(received, 'us-east-1'), received.headers['authorization']);
}

interface ConverseBody {
  messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
  additionalModelRequestFields?: { thinking?: unknown };
}

/** A signature the gateway handed a caller of another dialect: Bedrock's, in an envelope naming it. */
function assertBedrockEnvelope(value: string | undefined, signature: string): void {
  const carried = unwrapSignature(value ?? '');
  assert.equal(carried?.origin, 'bedrock', 'the envelope names Bedrock as the issuer');
  assert.equal(carried?.value, signature);
}

const weatherParameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

test('Converse answer: an openai caller sees the reasoning and its signature, and its next turn gives Bedrock both back unmodified', async () => {
  // test/fixtures/recorded/bedrock/converse-reasoning-signature.response.json
  const recorded = readFixtureJson('bedrock/converse-reasoning-signature.response.json') as { output: { message: { content: Array<Record<string, { reasoningText?: { text: string; signature: string } }>> } } };
  const reasoning = recorded.output.message.content[0]!['reasoningContent']!.reasoningText!;
  upstream.enqueue({ kind: 'json', body: recorded });
  const completion = await openai().chat.completions.create({ model: 'smart', reasoning_effort: 'low', max_completion_tokens: 4000, messages: [{ role: 'user', content: 'How many rs in strawberry?' }] });
  const message = completion.choices[0]!.message as OpenAI.Chat.ChatCompletionMessage & { reasoning_content?: string; reasoning_details?: Array<{ type: string; text: string; signature: string }> };
  assert.equal(message.reasoning_content, reasoning.text);
  assert.equal(message.reasoning_details?.length, 1);
  assertBedrockEnvelope(message.reasoning_details?.[0]?.signature, reasoning.signature);
  const first = upstream.requests[0]?.body as ConverseBody;
  assert.deepEqual(first.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 1024 } }, 'reasoning_effort low is the shared low budget');

  upstream.enqueue({ kind: 'json', body: { output: { message: { role: 'assistant', content: [{ text: 'Three.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 90, outputTokens: 2, totalTokens: 92 } } });
  await openai().chat.completions.create({
    model: 'smart',
    reasoning_effort: 'low',
    max_completion_tokens: 4000,
    messages: [
      { role: 'user', content: 'How many rs in strawberry?' },
      { role: 'assistant', content: message.content, reasoning_details: message.reasoning_details } as OpenAI.Chat.ChatCompletionAssistantMessageParam,
      { role: 'user', content: 'And in raspberry?' },
    ],
  });
  const second = upstream.requests[1]?.body as ConverseBody;
  assert.deepEqual(second.messages[1]?.content[0], { reasoningContent: { reasoningText: { text: reasoning.text, signature: reasoning.signature } } });
  await assertSigned(0);
  await assertSigned(1);
});

test('ConverseStream: a Gemini caller streams the recorded reasoning as thought parts, and replays it to Bedrock with the signature of the signature delta', async () => {
  // test/fixtures/recorded/bedrock/pa-converse-stream-reasoning.eventstream.base64.txt (frames.ndjson beside it), in 64-byte pieces.
  const frames = readFixtureText('bedrock/pa-converse-stream-reasoning.frames.ndjson')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { payload: { delta?: { reasoningContent?: { text?: string; signature?: string } } } });
  const recordedText = frames.map((frame) => frame.payload.delta?.reasoningContent?.text ?? '').join('');
  const recordedSignature = frames.map((frame) => frame.payload.delta?.reasoningContent?.signature).find((value) => value !== undefined)!;
  upstream.enqueue(recordedStream('bedrock/pa-converse-stream-reasoning.eventstream.base64.txt', 64));
  const parts: Part[] = [];
  const stream = await google().models.generateContentStream({
    model: 'smart',
    contents: [{ role: 'user', parts: [{ text: 'Hello' }] }],
    config: { maxOutputTokens: 4096, thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 } },
  });
  for await (const chunk of stream) parts.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
  const thoughtText = parts.filter((part) => part.thought === true).map((part) => part.text ?? '').join('');
  assert.equal(thoughtText, recordedText);
  assert.match(parts.filter((part) => part.thought !== true).map((part) => part.text ?? '').join(''), /^Hello! How are you doing today\?/);
  const signatures = parts.map((part) => part.thoughtSignature).filter((value): value is string => value !== undefined);
  assert.equal(signatures.length, 1, 'one signature for the one reasoning block');
  assertBedrockEnvelope(signatures[0], recordedSignature);
  assert.deepEqual((upstream.requests[0]?.body as ConverseBody).additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2048 } });

  upstream.enqueue({ kind: 'json', body: { output: { message: { role: 'assistant', content: [{ text: 'Fine, thanks.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 80, outputTokens: 3, totalTokens: 83 } } });
  const history: Content[] = [
    { role: 'user', parts: [{ text: 'Hello' }] },
    { role: 'model', parts },
    { role: 'user', parts: [{ text: 'How are you?' }] },
  ];
  await google().models.generateContent({ model: 'smart', contents: history, config: { maxOutputTokens: 4096, thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 } } });
  const replayed = (upstream.requests[1]?.body as ConverseBody).messages[1]?.content;
  assert.deepEqual(replayed?.[0], { reasoningContent: { reasoningText: { text: recordedText, signature: recordedSignature } } });
  await assertSigned(0);
  await assertSigned(1);
});

test('ConverseStream: an anthropic caller gets thinking and two parallel tool calls, and its tool-result turn opens with Bedrock’s signed reasoning, thinking still on', async () => {
  upstream.enqueue(
    eventStream([
      ['messageStart', { role: 'assistant' }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Two cities, two calls.' } } }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'EqQBCkYIBxgCKkBedrockSignedReasoning==' } } }],
      ['contentBlockStop', { contentBlockIndex: 0 }],
      ['contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_paris', name: 'get_weather' } } }],
      ['contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":"Paris"}' } } }],
      ['contentBlockStop', { contentBlockIndex: 1 }],
      ['contentBlockStart', { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tooluse_rome', name: 'get_weather' } } }],
      ['contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '{"city":"Rome"}' } } }],
      ['contentBlockStop', { contentBlockIndex: 2 }],
      ['messageStop', { stopReason: 'tool_use' }],
      ['metadata', { usage: { inputTokens: 60, outputTokens: 40, totalTokens: 100 }, metrics: { latencyMs: 5 } }],
    ]),
  );
  const tools: Anthropic.Tool[] = [{ name: 'get_weather', description: 'Weather of a city', input_schema: weatherParameters as Anthropic.Tool.InputSchema }];
  const params = { model: 'smart', max_tokens: 4096, thinking: { type: 'enabled' as const, budget_tokens: 2048 }, tools };
  const question: Anthropic.MessageParam = { role: 'user', content: 'Weather in Paris and Rome?' };
  const answer = await anthropic().messages.stream({ ...params, messages: [question] }).finalMessage();
  assert.deepEqual(answer.content.map((block) => block.type), ['thinking', 'tool_use', 'tool_use']);
  const thinking = answer.content[0];
  assert.ok(thinking?.type === 'thinking');
  assert.equal(thinking.thinking, 'Two cities, two calls.');
  assertBedrockEnvelope(thinking.signature, 'EqQBCkYIBxgCKkBedrockSignedReasoning==');

  upstream.enqueue({ kind: 'json', body: { output: { message: { role: 'assistant', content: [{ text: 'Sunny in Paris, rain in Rome.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 120, outputTokens: 9, totalTokens: 129 } } });
  const results: Anthropic.ToolResultBlockParam[] = answer.content
    .filter((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use')
    .map((block) => ({ type: 'tool_result', tool_use_id: block.id, content: (block.input as { city: string }).city === 'Paris' ? 'Sunny' : 'Rain' }));
  const { data: final, response } = await anthropic()
    .messages.create({ ...params, messages: [question, { role: 'assistant', content: answer.content }, { role: 'user', content: results }] })
    .withResponse();
  assert.deepEqual(final.content, [{ type: 'text', text: 'Sunny in Paris, rain in Rome.' }]);
  const sent = upstream.requests[1]?.body as ConverseBody;
  assert.deepEqual(sent.messages[1]?.content, [
    { reasoningContent: { reasoningText: { text: 'Two cities, two calls.', signature: 'EqQBCkYIBxgCKkBedrockSignedReasoning==' } } },
    { toolUse: { toolUseId: 'tooluse_paris', name: 'get_weather', input: { city: 'Paris' } } },
    { toolUse: { toolUseId: 'tooluse_rome', name: 'get_weather', input: { city: 'Rome' } } },
  ]);
  assert.deepEqual(sent.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2048 } });
  assert.doesNotMatch(response.headers.get('x-interlingua-warnings') ?? '', /reasoning/);
  await assertSigned(0);
  await assertSigned(1);
});

test('Converse: redacted reasoning reaches an anthropic caller as redacted_thinking and goes back to Bedrock as the same bytes', async () => {
  const redacted = Buffer.from('opaque encrypted reasoning').toString('base64');
  upstream.enqueue({
    kind: 'json',
    body: {
      output: { message: { role: 'assistant', content: [{ reasoningContent: { redactedContent: redacted } }, { text: 'Done.' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 10, outputTokens: 20, totalTokens: 30 },
    },
  });
  const params = { model: 'smart', max_tokens: 4096, thinking: { type: 'enabled' as const, budget_tokens: 2048 } };
  const answer = await anthropic().messages.create({ ...params, messages: [{ role: 'user', content: 'Think, then say done.' }] });
  assert.deepEqual(answer.content.map((block) => block.type), ['redacted_thinking', 'text']);
  upstream.enqueue({ kind: 'json', body: { output: { message: { role: 'assistant', content: [{ text: 'Again.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 40, outputTokens: 2, totalTokens: 42 } } });
  await anthropic().messages.create({
    ...params,
    messages: [{ role: 'user', content: 'Think, then say done.' }, { role: 'assistant', content: answer.content }, { role: 'user', content: 'Once more.' }],
  });
  assert.deepEqual((upstream.requests[1]?.body as ConverseBody).messages[1]?.content[0], { reasoningContent: { redactedContent: redacted } });
});

test('InvokeModel: an anthropic caller’s thinking tool turn goes to Claude on Bedrock with Bedrock’s signature unwrapped, thinking kept on', async () => {
  // test/fixtures/recorded/anthropic/fantasy-sonnet4-thinking.i0.*: Claude's answer, in the body InvokeModel answers with
  // (docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html).
  const first = readFixtureJson('anthropic/fantasy-sonnet4-thinking.i0.request.json') as Anthropic.MessageCreateParamsNonStreaming;
  const recordedAnswer = readFixtureJson('anthropic/fantasy-sonnet4-thinking.i0.response.json') as { content: Array<Record<string, unknown>> };
  upstream.enqueue({ kind: 'json', body: recordedAnswer });
  const answer = await anthropic().messages.create({ ...first, model: 'invoked' });
  assert.deepEqual(answer.content.map((block) => block.type), ['thinking', 'tool_use']);
  const shown = answer.content[0];
  assert.ok(shown?.type === 'thinking');
  const carried = unwrapSignature(shown.signature);
  assert.equal(carried?.origin, 'bedrock-anthropic', 'a Bedrock-issued signature is not passed off as Anthropic’s');
  assert.equal(carried?.value, recordedAnswer.content[0]?.['signature']);
  const sentFirst = upstream.requests[0]?.body as Record<string, unknown>;
  assert.equal(sentFirst['anthropic_version'], 'bedrock-2023-05-31');
  assert.deepEqual(sentFirst['thinking'], first.thinking);

  const toolUse = answer.content.find((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use')!;
  upstream.enqueue({
    kind: 'json',
    body: { id: 'msg_bdrk_2', type: 'message', role: 'assistant', model: 'claude-sonnet-4-20250514', content: [{ type: 'text', text: '40 C in Florence.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 500, output_tokens: 8 } },
  });
  await anthropic().messages.create({
    ...first,
    model: 'invoked',
    messages: [...first.messages, { role: 'assistant', content: answer.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '40 C' }] }],
  });
  const sentSecond = upstream.requests[1]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }>; thinking?: unknown };
  assert.deepEqual(sentSecond.messages.at(-2)?.content[0], recordedAnswer.content[0], 'the thinking block goes back exactly as Bedrock gave it');
  assert.deepEqual(sentSecond.thinking, first.thinking);
  await assertSigned(0);
  await assertSigned(1);
});

test('InvokeModelWithResponseStream: an openai caller streams Claude’s thinking, and its tool turn returns the signed thinking to Bedrock', async () => {
  // test/fixtures/recorded/anthropic/fantasy-sonnet4-thinking-streaming.i0.response.sse: Claude's stream events, each
  // carried as InvokeModelWithResponseStream carries them, base64 in a `chunk` frame's `bytes`
  // (test/fixtures/recorded/bedrock/fantasy-invoke-stream-claude3haiku-tool.i0.eventstream.base64.txt).
  const sse = readFixtureText('anthropic/fantasy-sonnet4-thinking-streaming.i0.response.sse');
  const events = sse
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice('data: '.length))
    .filter((data) => !data.includes('"type":"ping"') && !data.includes('"type": "ping"'));
  const recordedSignature = events.map((data) => JSON.parse(data) as { delta?: { signature?: string } }).find((event) => event.delta?.signature !== undefined)?.delta?.signature;
  assert.ok(recordedSignature !== undefined, 'the recording carries a signature delta');
  upstream.enqueue({
    kind: 'binary-stream',
    contentType: 'application/vnd.amazon.eventstream',
    chunks: events.map((data) => encodeAwsEventStreamMessage({ event: 'chunk', data: JSON.stringify({ bytes: Buffer.from(data).toString('base64') }) })),
  });
  const weather: OpenAI.Chat.ChatCompletionTool = {
    type: 'function',
    function: { name: 'weather', description: 'Get weather information for a location', parameters: { type: 'object', properties: { location: { type: 'string', description: 'the city' } }, required: ['location'] } },
  };
  const question: OpenAI.Chat.ChatCompletionMessageParam = { role: 'user', content: "What's the weather in Florence,Italy?" };
  const stream = await openai().chat.completions.create({ model: 'invoked', stream: true, reasoning_effort: 'low', max_completion_tokens: 4000, tools: [weather], messages: [question] });
  let reasoning = '';
  const details: unknown[] = [];
  const call = { id: '', name: '', arguments: '' };
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta as (OpenAI.Chat.ChatCompletionChunk.Choice.Delta & { reasoning_content?: string; reasoning_details?: unknown[] }) | undefined;
    reasoning += delta?.reasoning_content ?? '';
    details.push(...(delta?.reasoning_details ?? []));
    for (const piece of delta?.tool_calls ?? []) {
      call.id ||= piece.id ?? '';
      call.name += piece.function?.name ?? '';
      call.arguments += piece.function?.arguments ?? '';
    }
  }
  assert.ok(reasoning.length > 0, 'the thinking arrives as reasoning_content');
  assert.equal(call.name, 'weather');
  assert.equal(details.length, 1);
  const carried = unwrapSignature((details[0] as { signature: string }).signature);
  assert.equal(carried?.value, recordedSignature);

  upstream.enqueue({
    kind: 'json',
    body: { id: 'msg_bdrk_3', type: 'message', role: 'assistant', model: 'claude-sonnet-4-20250514', content: [{ type: 'text', text: '40 C in Florence.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 500, output_tokens: 8 } },
  });
  await openai().chat.completions.create({
    model: 'invoked',
    reasoning_effort: 'low',
    max_completion_tokens: 4000,
    tools: [weather],
    messages: [
      question,
      { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }], reasoning_details: details } as OpenAI.Chat.ChatCompletionAssistantMessageParam,
      { role: 'tool', tool_call_id: call.id, content: '40 C' },
    ],
  });
  const sent = upstream.requests[1]?.body as { messages: Array<{ role: string; content: Array<Record<string, unknown>> }>; thinking?: { type: string } };
  assert.deepEqual(sent.messages[1]?.content[0], { type: 'thinking', thinking: reasoning, signature: recordedSignature });
  assert.equal(sent.thinking?.type, 'enabled');
  await assertSigned(0);
  await assertSigned(1);
});
