/**
 * Recorded real traffic of each cloud platform replayed through the gateway, both interactions of
 * a tool round trip where the recording has them: the upstream answers with the recorded bodies,
 * and the request the gateway sends for the caller's tool-result turn is held against the one the
 * recording's own client sent. Bedrock Converse (Amazon Nova, parallel tool calls) and a recorded
 * ConverseStream with signed reasoning, Azure OpenAI (gpt-5-mini deployment) and Gemini on Vertex
 * AI; every request signed or authorized as the platform requires and judged by its rules.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { encodeAwsEventStreamMessage } from '../../../src/wire/aws-event-stream.js';
import { unwrapSignature } from '../../../src/core/signature-envelope.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { GoogleTokenServer } from '../../support/google-token-server.js';
import { expectedAuthorization, useTestAwsCredentials } from '../../support/sigv4.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';

/** Puts the AWS environment back after the tests. */
let restoreAwsEnvironment: () => void = () => undefined;

let upstream: TestUpstream;
let tokenServer: GoogleTokenServer;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  restoreAwsEnvironment = useTestAwsCredentials();
  upstream = await new TestUpstream().start();
  tokenServer = await new GoogleTokenServer().start();
  const config = resolveConfig({
    providers: {
      aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: upstream.baseUrl },
      azure: { dialect: 'azure-openai', baseUrl: upstream.baseUrl, apiVersion: '2025-01-01-preview', apiKey: 'azure-test-key' },
      gcp: { dialect: 'vertex', projectId: 'test-project', location: 'us-east5', baseUrl: upstream.baseUrl, credentialsFile: tokenServer.writeKeyFile() },
    },
    models: {
      nova: [{ provider: 'aws', model: 'amazon.nova-micro-v1:0' }],
      claude: [{ provider: 'aws', model: 'anthropic.claude-3-7-sonnet-20250219-v1:0' }],
      'gpt-5-mini': [{ provider: 'azure', model: 'gpt-5-mini' }],
      flash: [{ provider: 'gcp', model: 'gemini-2.5-flash' }],
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
  restoreAwsEnvironment();
});
beforeEach(() => upstream.reset());

const openai = () => new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });

async function assertSigned(index: number): Promise<void> {
  const received = upstream.requests[index]!;
  assert.equal(await expectedAuthorization(received, 'us-east-1'), received.headers['authorization']);
}

test('Bedrock Converse, recorded (Nova, parallel tools): an anthropic caller gets both calls, and its tool-result turn is the request the recording sent', async () => {
  // test/fixtures/recorded/bedrock/mirascope-converse-nova-parallel-tools.i{0,1}.*
  const sentFirst = readFixtureJson('bedrock/mirascope-converse-nova-parallel-tools.i0.request.json') as { messages: unknown[]; system: Array<{ text: string }>; toolConfig: { tools: Array<{ toolSpec: { name: string; description: string; inputSchema: { json: Anthropic.Tool.InputSchema } } }> } };
  const sentSecond = readFixtureJson('bedrock/mirascope-converse-nova-parallel-tools.i1.request.json') as { messages: unknown[] };
  upstream.enqueue(
    { kind: 'json', body: readFixtureJson('bedrock/mirascope-converse-nova-parallel-tools.i0.response.json') },
    { kind: 'json', body: readFixtureJson('bedrock/mirascope-converse-nova-parallel-tools.i1.response.json') },
  );
  const spec = sentFirst.toolConfig.tools[0]!.toolSpec;
  const params = { model: 'nova', max_tokens: 4096, system: sentFirst.system[0]!.text, tools: [{ name: spec.name, description: spec.description, input_schema: spec.inputSchema.json }] };
  const question: Anthropic.MessageParam = { role: 'user', content: 'Please retrieve the secrets associated with each of these passwords: mellon,radiance' };
  const first = await anthropic().messages.create({ ...params, messages: [question] });
  assert.deepEqual(first.content.map((block) => block.type), ['text', 'tool_use', 'tool_use']);
  assert.equal(first.stop_reason, 'tool_use');
  assert.deepEqual((upstream.requests[0]?.body as { messages: unknown[] }).messages, sentFirst.messages);

  const secrets: Record<string, string> = { mellon: 'Welcome to Moria!', radiance: 'Life before Death' };
  const results = first.content
    .filter((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use')
    .map((block): Anthropic.ToolResultBlockParam => ({ type: 'tool_result', tool_use_id: block.id, content: secrets[(block.input as { password: string }).password] ?? '' }));
  const second = await anthropic().messages.create({ ...params, messages: [question, { role: 'assistant', content: first.content }, { role: 'user', content: results }] });
  assert.match(second.content[0]?.type === 'text' ? second.content[0].text : '', /Welcome to Moria!/);
  assert.equal(second.stop_reason, 'end_turn');
  assert.deepEqual((upstream.requests[1]?.body as { messages: unknown[] }).messages, sentSecond.messages, 'the gateway sent what the recorded client sent');
  await assertSigned(0);
  await assertSigned(1);
});

test('Bedrock ConverseStream, recorded (Claude, signed reasoning): an openai caller streams the reasoning, the text and the signature it must hand back', async () => {
  // test/fixtures/recorded/bedrock/stream-converse-reasoning-signature.data.ndjson: the SDK-decoded events, framed again as event-stream messages.
  const events = readFixtureText('bedrock/stream-converse-reasoning-signature.data.ndjson')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => Object.entries(JSON.parse(line) as Record<string, unknown>)[0]!);
  const reasoningOf = (payload: unknown) => (payload as { delta?: { reasoningContent?: { text?: string; signature?: string } } }).delta?.reasoningContent;
  const recordedReasoning = events.map(([, payload]) => reasoningOf(payload)?.text ?? '').join('');
  const recordedSignature = events.map(([, payload]) => reasoningOf(payload)?.signature).find((value) => value !== undefined);
  upstream.enqueue({
    kind: 'binary-stream',
    contentType: 'application/vnd.amazon.eventstream',
    chunks: events.map(([event, payload]) => encodeAwsEventStreamMessage({ event, data: JSON.stringify(payload) })),
  });
  const stream = await openai().chat.completions.create({ model: 'claude', stream: true, stream_options: { include_usage: true }, reasoning_effort: 'low', max_completion_tokens: 4000, messages: [{ role: 'user', content: 'How many rs in strawberry?' }] });
  let reasoning = '';
  let text = '';
  let finish: string | null | undefined;
  const details: Array<{ signature?: string }> = [];
  let usage: OpenAI.CompletionUsage | undefined;
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta as (OpenAI.Chat.ChatCompletionChunk.Choice.Delta & { reasoning_content?: string; reasoning_details?: Array<{ signature?: string }> }) | undefined;
    reasoning += delta?.reasoning_content ?? '';
    text += delta?.content ?? '';
    details.push(...(delta?.reasoning_details ?? []));
    finish = chunk.choices[0]?.finish_reason ?? finish;
    usage = chunk.usage ?? usage;
  }
  assert.equal(reasoning, recordedReasoning);
  assert.match(text, /^There are \*\*3\*\* r's in "strawberry":/);
  assert.equal(finish, 'stop');
  assert.equal(usage?.prompt_tokens, 51);
  assert.equal(usage?.completion_tokens, 94);
  assert.equal(details.length, 1);
  const carried = unwrapSignature(details[0]?.signature ?? '');
  assert.deepEqual([carried?.origin, carried?.value], ['bedrock', recordedSignature]);
  await assertSigned(0);
});

test('Azure OpenAI, recorded (gpt-5-mini deployment): an anthropic caller gets the tool call through the filter results, and its tool turn is the recorded request', async () => {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-tool.i{0,1}.*
  const sentSecond = readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i1.request.json') as { messages: Array<Record<string, unknown>> };
  upstream.enqueue(
    { kind: 'json', body: readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i0.response.json') },
    { kind: 'json', body: readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i1.response.json') },
  );
  const tools: Anthropic.Tool[] = [{ name: 'weather', description: 'Get weather information for a location', input_schema: { type: 'object', properties: { location: { type: 'string', description: 'the city' } }, required: ['location'] } }];
  const params = { model: 'gpt-5-mini', max_tokens: 4000, system: 'You are a helpful assistant', tools };
  const question: Anthropic.MessageParam = { role: 'user', content: "What's the weather in Florence,Italy?" };
  const first = await anthropic().messages.create({ ...params, messages: [question] });
  const toolUse = first.content.find((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
  assert.deepEqual([toolUse?.id, toolUse?.name, toolUse?.input], ['call_bx8rVnGM1uGtoxIIEfavUBZr', 'weather', { location: 'Florence, Italy' }]);
  const second = await anthropic().messages.create({ ...params, messages: [question, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse!.id, content: '40 C' }] }] });
  assert.match(second.content[0]?.type === 'text' ? second.content[0].text : '', /^Current temperature in Florence, Italy: 40°C/);
  const received = upstream.requests[1]!;
  assert.equal(received.url, '/openai/deployments/gpt-5-mini/chat/completions?api-version=2025-01-01-preview');
  assert.equal(received.headers['api-key'], 'azure-test-key');
  // The recorded client omits an assistant's absent content; the gateway may spell it null.
  const normalized = (messages: Array<Record<string, unknown>>) => messages.map(({ content, ...rest }) => (content === null || content === undefined ? rest : { content, ...rest }));
  assert.deepEqual(normalized((received.body as { messages: Array<Record<string, unknown>> }).messages), normalized(sentSecond.messages));
});

test('Vertex Gemini, recorded (gemini-2.5-flash): an openai caller’s tool turn carries the call, its signature and the result, and the recorded answer comes back', async () => {
  // test/fixtures/recorded/vertex/fantasy-gemini25flash-generateContent-tool.i{0,1}.*
  const firstAnswer = readFixtureJson('vertex/fantasy-gemini25flash-generateContent-tool.i0.response.json') as { candidates: Array<{ content: { parts: Array<{ thoughtSignature?: string }> } }> };
  const sentSecond = readFixtureJson('vertex/fantasy-gemini25flash-generateContent-tool.i1.request.json') as { contents: Array<{ role: string; parts: Array<Record<string, Record<string, unknown>>> }> };
  upstream.enqueue({ kind: 'json', body: firstAnswer }, { kind: 'json', body: readFixtureJson('vertex/fantasy-gemini25flash-generateContent-tool.i1.response.json') });
  const weather: OpenAI.Chat.ChatCompletionTool = {
    type: 'function',
    function: { name: 'weather', description: 'Get weather information for a location', parameters: { type: 'object', properties: { location: { type: 'string', description: 'the city' } }, required: ['location'] } },
  };
  const question: OpenAI.Chat.ChatCompletionMessageParam = { role: 'user', content: "What's the weather in Florence,Italy?" };
  const first = await openai().chat.completions.create({ model: 'flash', tools: [weather], messages: [question] });
  const message = first.choices[0]!.message;
  const call = message.tool_calls?.[0];
  assert.ok(call?.type === 'function');
  const second = await openai().chat.completions.create({ model: 'flash', tools: [weather], messages: [question, message as OpenAI.Chat.ChatCompletionAssistantMessageParam, { role: 'tool', tool_call_id: call.id, content: '40 C' }] });
  assert.equal(second.choices[0]?.message.content, 'The weather in Florence, Italy is 40 degrees Celsius.');
  assert.equal(second.usage?.completion_tokens, 13);
  const sent = (upstream.requests[1]?.body as { contents: Array<{ role: string; parts: Array<Record<string, Record<string, unknown>>> }> }).contents;
  assert.deepEqual(sent.map((content) => content.role), sentSecond.contents.map((content) => content.role));
  const recordedCall = sentSecond.contents[1]!.parts[0]!['functionCall']!;
  const sentCall = sent[1]!.parts.find((part) => part['functionCall'] !== undefined);
  assert.deepEqual([sentCall?.['functionCall']?.['name'], sentCall?.['functionCall']?.['args']], [recordedCall['name'], recordedCall['args']]);
  // Unlike the recording's client, which dropped it, the gateway returns the call's thoughtSignature.
  assert.equal(sentCall?.['thoughtSignature'], firstAnswer.candidates[0]!.content.parts[0]!.thoughtSignature);
  const sentResponse = sent[2]!.parts[0]!['functionResponse']!;
  assert.equal(sentResponse['name'], 'weather');
  assert.match(JSON.stringify(sentResponse['response']), /40 C/);
  assert.ok(tokenServer.issued.map((token) => `Bearer ${token}`).includes(String(upstream.requests[1]?.headers['authorization'])));
});
