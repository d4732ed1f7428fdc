/**
 * Claude on Bedrock through InvokeModel (`bedrock-anthropic`), reached by the openai and Google Gen
 * AI SDKs: a recorded parallel tool round trip (both interactions; the tool-result turn held
 * against the request the recording's client sent), an inline image and a throttled upstream.
 * Requests are SigV4-signed (recomputed here) and judged by Bedrock's rules for Claude's body.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { GoogleGenAI, ApiError } from '@google/genai';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { expectedAuthorization, useTestAwsCredentials } from '../../support/sigv4.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';

/** Puts the AWS environment back after the tests. */
let restoreAwsEnvironment: () => void = () => undefined;
const haiku = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  restoreAwsEnvironment = useTestAwsCredentials();
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: { 'aws-claude': { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: upstream.baseUrl } },
    models: { haiku: [{ provider: 'aws-claude', model: haiku }] },
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
const google = () => new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: gatewayUrl } });

async function assertSigned(index: number): Promise<void> {
  const received = upstream.requests[index]!;
  assert.equal(received.url.startsWith(`/model/${encodeURIComponent(haiku)}/invoke`), true, received.url);
  assert.equal(await expectedAuthorization(received, 'us-east-1'), received.headers['authorization']);
}

type Block = Record<string, unknown>;
interface Turn {
  role: string;
  content: string | Block[];
}

/** A turn without cache markers (the recording's client added its own), a one-text-block content read as its text. */
function comparable(turn: Turn): Turn {
  const blocks = typeof turn.content === 'string' ? [{ type: 'text', text: turn.content }] : turn.content;
  return {
    role: turn.role,
    content: blocks.map(({ cache_control: _marker, ...block }) => {
      const content = block['content'];
      if (Array.isArray(content) && content.length === 1 && (content[0] as Block)['type'] === 'text') return { ...block, content: (content[0] as Block)['text'] };
      return block;
    }),
  };
}

test('a recorded parallel tool round trip: an openai caller gets both calls, and its tool-result turn is the recorded request', async () => {
  // test/fixtures/recorded/bedrock/mirascope-invoke-claude-haiku45-parallel-tools.i{0,1}.*
  const recordedFirst = readFixtureJson('bedrock/mirascope-invoke-claude-haiku45-parallel-tools.i0.request.json') as { tools: Array<{ name: string; description: string; input_schema: Record<string, unknown> }> };
  const recordedSecond = readFixtureJson('bedrock/mirascope-invoke-claude-haiku45-parallel-tools.i1.request.json') as { messages: Turn[] };
  upstream.enqueue(
    { kind: 'json', body: readFixtureJson('bedrock/mirascope-invoke-claude-haiku45-parallel-tools.i0.response.json') },
    { kind: 'json', body: readFixtureJson('bedrock/mirascope-invoke-claude-haiku45-parallel-tools.i1.response.json') },
  );
  const tool = recordedFirst.tools[0]!;
  const tools: OpenAI.Chat.ChatCompletionTool[] = [{ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.input_schema } }];
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
    { role: 'system', content: 'Use parallel tool calling.' },
    { role: 'user', content: 'Please retrieve the secrets associated with each of these passwords: mellon,radiance' },
  ];
  const first = await openai().chat.completions.create({ model: 'haiku', max_completion_tokens: 16000, tools, messages });
  const calls = first.choices[0]?.message.tool_calls ?? [];
  assert.deepEqual(
    calls.map((call) => (call.type === 'function' ? [call.id, call.function.name, JSON.parse(call.function.arguments)] : [])),
    [
      ['toolu_bdrk_0136SJzsGd6zGq7Y371Bhd6W', 'secret_retrieval_tool', { password: 'mellon' }],
      ['toolu_bdrk_011eNmPKhzVJnmG6N1qEiTeZ', 'secret_retrieval_tool', { password: 'radiance' }],
    ],
  );
  assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
  const sentFirst = upstream.requests[0]?.body as Record<string, unknown>;
  assert.equal(sentFirst['anthropic_version'], 'bedrock-2023-05-31');
  assert.equal(sentFirst['model'], undefined, 'the model is in the path');

  const secrets = ['Welcome to Moria!', 'Life before Death'];
  const second = await openai().chat.completions.create({
    model: 'haiku',
    max_completion_tokens: 16000,
    tools,
    messages: [...messages, first.choices[0]!.message as OpenAI.Chat.ChatCompletionAssistantMessageParam, ...calls.map((call, index) => ({ role: 'tool' as const, tool_call_id: call.id, content: secrets[index]! }))],
  });
  assert.match(second.choices[0]?.message.content ?? '', /Welcome to Moria!/);
  assert.deepEqual((upstream.requests[1]?.body as { messages: Turn[] }).messages.map(comparable), recordedSecond.messages.map(comparable));
  await assertSigned(0);
  await assertSigned(1);
});

test('an image from a Gemini caller reaches Claude on InvokeModel as a base64 image block with its media type', async () => {
  upstream.enqueue({
    kind: 'json',
    body: { id: 'msg_bdrk_img', type: 'message', role: 'assistant', model: 'claude-haiku-4-5-20251001', content: [{ type: 'text', text: 'A red dot.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 20, output_tokens: 4 } },
  });
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const response = await google().models.generateContent({ model: 'haiku', contents: [{ role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: png } }] }] });
  assert.equal(response.text, 'A red dot.');
  const sent = upstream.requests[0]?.body as { messages: Array<{ content: Block[] }> };
  assert.deepEqual(sent.messages[0]?.content.find((block) => block['type'] === 'image'), { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } });
  await assertSigned(0);
});

test('a ThrottlingException on InvokeModel reaches openai and Gemini callers as their 429', async () => {
  // test/fixtures/recorded/bedrock/error-429-throttling-too-many-tokens.response.json, with the header its issue dumped.
  upstream.answerUnqueuedWith(() => ({
    kind: 'json',
    status: 429,
    body: readFixtureText('bedrock/error-429-throttling-too-many-tokens.response.json'),
    headers: { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
  }));
  try {
    await assert.rejects(openai().chat.completions.create({ model: 'haiku', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => error instanceof OpenAI.RateLimitError && /Too many tokens/.test(error.message));
    await assert.rejects(google().models.generateContent({ model: 'haiku', contents: 'hi' }), (error: unknown) => error instanceof ApiError && error.status === 429);
    await assertSigned(0);
  } finally {
    upstream.answerUnqueuedWith(() => ({ kind: 'json', status: 500, body: { message: 'no reply queued' } }));
  }
});
