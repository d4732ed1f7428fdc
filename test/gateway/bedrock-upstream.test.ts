/**
 * A Bedrock Converse provider behind the gateway, reached by the official openai and Anthropic
 * SDKs: plain and streamed answers (ConverseStream's event-stream bytes, replayed from
 * recordings), tools, reasoning, a throttled upstream, and every request signed with SigV4 from
 * the AWS default chain (here: made-up credentials in the environment) or sent with a Bedrock API
 * key. The test upstream judges each request by Bedrock's rules and the signature is recomputed.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { encodeAwsEventStreamMessage } from '../../src/wire/aws-event-stream.js';
import { TestUpstream, type UpstreamReply } from '../support/test-upstream.js';
import { eventStream, recordedStream } from '../support/aws-event-stream-replies.js';
import { expectedAuthorization, useTestAwsCredentials } from '../support/sigv4.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';

const claude = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const nova = 'amazon.nova-micro-v1:0';
/** Puts the AWS environment back after the tests. */
let restoreAwsEnvironment: () => void = () => undefined;

let upstream: TestUpstream;
/** Claude on Anthropic's own API, tried before Bedrock by the `fallback` model. */
let anthropicUpstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  restoreAwsEnvironment = useTestAwsCredentials();
  upstream = await new TestUpstream().start();
  anthropicUpstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: upstream.baseUrl },
      'aws-key': { dialect: 'bedrock', region: 'eu-west-1', baseUrl: upstream.baseUrl, apiKey: 'bedrock-api-key-test' },
      claude: { dialect: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'anthropic-test-key' },
      'aws-claude': { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: upstream.baseUrl },
    },
    models: {
      smart: [{ provider: 'aws', model: claude }],
      keyed: [{ provider: 'aws-key', model: nova }],
      invoked: [{ provider: 'aws-claude', model: 'us.anthropic.claude-3-haiku-20240307-v1:0' }],
      'opus-4-7': [{ provider: 'aws', model: 'us.anthropic.claude-opus-4-7' }],
      'opus-4-7-invoked': [{ provider: 'aws-claude', model: 'us.anthropic.claude-opus-4-7' }],
      'sonnet-5-5': [{ provider: 'aws', model: 'us.anthropic.claude-sonnet-5-5' }],
      fallback: [
        { provider: 'claude', model: 'claude-sonnet-4-20250514' },
        { provider: 'aws', model: claude },
      ],
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
  await anthropicUpstream.stop();
  restoreAwsEnvironment();
});
beforeEach(() => {
  upstream.reset();
  anthropicUpstream.reset();
});

const openai = () => new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });

async function assertSigned(index = 0): Promise<void> {
  const received = upstream.requests[index];
  assert.ok(received !== undefined, 'the upstream got the request');
  assert.match(String(received.headers['authorization']), /^AWS4-HMAC-SHA256 Credential=AKIDTESTBEDROCK00001\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
  assert.equal(await expectedAuthorization(received, 'us-east-1'), received.headers['authorization']);
}

test('openai caller, plain answer: a signed Converse request to the model path, reasoning and text back', async () => {
  // test/fixtures/recorded/bedrock/converse-reasoning-signature.response.json
  upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  const completion = await openai().chat.completions.create({ model: 'smart', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'How many rs in strawberry?' }], max_tokens: 300 });
  assert.match(completion.choices[0]?.message.content ?? '', /\*\*3\*\*/);
  assert.equal(completion.choices[0]?.finish_reason, 'stop');
  assert.equal(completion.usage?.prompt_tokens, 51);
  const received = upstream.requests[0]!;
  assert.equal(received.url, '/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse');
  assert.deepEqual(received.body, {
    messages: [{ role: 'user', content: [{ text: 'How many rs in strawberry?' }] }],
    system: [{ text: 'Be brief.' }],
    inferenceConfig: { maxTokens: 300 },
  });
  await assertSigned();
});

test('Claude Opus 4.7 thinks adaptively only: reasoning reaches Converse and InvokeModel as adaptive thinking with an effort', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  await openai().chat.completions.create({ model: 'opus-4-7', reasoning_effort: 'medium', messages: [{ role: 'user', content: 'How many rs in strawberry?' }] });
  assert.deepEqual((upstream.requests[0]?.body as Record<string, unknown>)['additionalModelRequestFields'], { thinking: { type: 'adaptive' }, output_config: { effort: 'medium' } });

  upstream.reset();
  upstream.enqueue({
    kind: 'json',
    body: { id: 'msg_bdrk_03', type: 'message', role: 'assistant', model: 'claude-opus-4-7', content: [{ type: 'text', text: 'Three.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 3 } },
  });
  await anthropic().messages.create({ model: 'opus-4-7-invoked', max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: 'Hello' }] });
  const invoked = upstream.requests[0]?.body as Record<string, unknown>;
  assert.deepEqual([invoked['thinking'], invoked['output_config']], [{ type: 'adaptive', display: 'summarized' }, { effort: 'low' }]);

  upstream.reset();
  upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  await anthropic().messages.create({ model: 'opus-4-7', max_tokens: 300, thinking: { type: 'disabled' }, messages: [{ role: 'user', content: 'Hello' }] });
  assert.equal((upstream.requests[0]?.body as Record<string, unknown>)['additionalModelRequestFields'], undefined, 'off is no thinking field');
});

test('Claude Sonnet 5.5 on Converse: no temperature, and thinking off as between_tools, its lowest setting', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  await openai().chat.completions.create({ model: 'sonnet-5-5', temperature: 0.2, reasoning_effort: 'none', messages: [{ role: 'user', content: 'Hello' }] });
  const body = upstream.requests[0]?.body as Record<string, unknown>;
  assert.equal((body['inferenceConfig'] as Record<string, unknown> | undefined)?.['temperature'], undefined);
  assert.deepEqual(body['additionalModelRequestFields'], { thinking: { type: 'between_tools' } });
});

test('anthropic caller, streamed with thinking: the recorded ConverseStream arrives as thinking and text', async () => {
  // test/fixtures/recorded/bedrock/pa-converse-stream-reasoning.eventstream.base64.txt, in 100-byte pieces.
  upstream.enqueue(recordedStream('bedrock/pa-converse-stream-reasoning.eventstream.base64.txt', 100));
  const stream = anthropic().messages.stream({ model: 'smart', max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: 'Hello' }] });
  const message = await stream.finalMessage();
  assert.deepEqual(
    message.content.map((block) => block.type),
    ['thinking', 'text'],
  );
  const thinking = message.content[0];
  assert.ok(thinking?.type === 'thinking');
  assert.match(thinking.thinking, /^The human has just said "Hello" to me/);
  assert.equal(message.stop_reason, 'end_turn');
  assert.equal(message.usage.output_tokens, 74);
  const received = upstream.requests[0]!;
  assert.equal(received.url, '/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream');
  assert.deepEqual((received.body as Record<string, unknown>)['additionalModelRequestFields'], { thinking: { type: 'enabled', budget_tokens: 2048 } });
  await assertSigned();
});

test('openai caller with tools, streamed: parallel tool calls come back, then the tool-result turn is sent as Converse blocks', async () => {
  upstream.enqueue(
    eventStream([
      ['messageStart', { role: 'assistant' }],
      ['contentBlockStart', { contentBlockIndex: 0, start: { toolUse: { toolUseId: 'tooluse_paris', name: 'get_weather' } } }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { toolUse: { input: '{"city":' } } }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { toolUse: { input: '"Paris"}' } } }],
      ['contentBlockStop', { contentBlockIndex: 0 }],
      ['contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_rome', name: 'get_weather' } } }],
      ['contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":"Rome"}' } } }],
      ['contentBlockStop', { contentBlockIndex: 1 }],
      ['messageStop', { stopReason: 'tool_use' }],
      ['metadata', { usage: { inputTokens: 40, outputTokens: 20, totalTokens: 60 }, metrics: { latencyMs: 5 } }],
    ]),
    { kind: 'json', body: { output: { message: { role: 'assistant', content: [{ text: 'Sunny in Paris, rain in Rome.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 70, outputTokens: 9, totalTokens: 79 }, metrics: { latencyMs: 5 } } },
  );
  const parameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
  const tools: OpenAI.Chat.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', description: 'Weather of a city', parameters } }];
  const stream = await openai().chat.completions.create({ model: 'smart', stream: true, tools, tool_choice: 'required', messages: [{ role: 'user', content: 'Weather in Paris and Rome?' }] });
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
      const known = calls.get(call.index) ?? { id: '', name: '', arguments: '' };
      calls.set(call.index, { id: call.id ?? known.id, name: call.function?.name ?? known.name, arguments: known.arguments + (call.function?.arguments ?? '') });
    }
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  assert.equal(finish, 'tool_calls');
  assert.deepEqual([...calls.values()], [
    { id: 'tooluse_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { id: 'tooluse_rome', name: 'get_weather', arguments: '{"city":"Rome"}' },
  ]);
  assert.deepEqual((upstream.requests[0]?.body as Record<string, unknown>)['toolConfig'], {
    tools: [{ toolSpec: { name: 'get_weather', description: 'Weather of a city', inputSchema: { json: parameters } } }],
    toolChoice: { any: {} },
  });
  const answer = await openai().chat.completions.create({
    model: 'smart',
    tools,
    messages: [
      { role: 'user', content: 'Weather in Paris and Rome?' },
      { role: 'assistant', content: null, tool_calls: [...calls.values()].map((call) => ({ id: call.id, type: 'function' as const, function: { name: call.name, arguments: call.arguments } })) },
      { role: 'tool', tool_call_id: 'tooluse_paris', content: 'Sunny' },
      { role: 'tool', tool_call_id: 'tooluse_rome', content: 'Rain' },
    ],
  });
  assert.equal(answer.choices[0]?.message.content, 'Sunny in Paris, rain in Rome.');
  const messages = (upstream.requests[1]?.body as { messages: unknown[] }).messages;
  assert.deepEqual(messages.slice(1), [
    {
      role: 'assistant',
      content: [
        { toolUse: { toolUseId: 'tooluse_paris', name: 'get_weather', input: { city: 'Paris' } } },
        { toolUse: { toolUseId: 'tooluse_rome', name: 'get_weather', input: { city: 'Rome' } } },
      ],
    },
    {
      role: 'user',
      content: [
        { toolResult: { toolUseId: 'tooluse_paris', content: [{ text: 'Sunny' }] } },
        { toolResult: { toolUseId: 'tooluse_rome', content: [{ text: 'Rain' }] } },
      ],
    },
  ]);
  await assertSigned(0);
  await assertSigned(1);
});

test('tool call ids Bedrock refuses (a dot and a colon; more than 64 characters) are rewritten alike in each call and its result', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  // Kimi's form, and an agent's composite id.
  const ids = ['functions.get_weather:0', `call_${'a'.repeat(24)}|fc_${'b'.repeat(40)}`];
  const parameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
  const { response } = await openai()
    .chat.completions.create({
      model: 'smart',
      tools: [{ type: 'function', function: { name: 'get_weather', parameters } }],
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        { role: 'assistant', content: null, tool_calls: ids.map((id, index) => ({ id, type: 'function' as const, function: { name: 'get_weather', arguments: JSON.stringify({ city: index === 0 ? 'Paris' : 'Rome' }) } })) },
        { role: 'tool', tool_call_id: ids[0]!, content: 'Sunny' },
        { role: 'tool', tool_call_id: ids[1]!, content: 'Rain' },
      ],
    })
    .withResponse();
  const [, asked, answered] = (upstream.requests[0]?.body as { messages: Array<{ content: Array<Record<string, { toolUseId: string }>> }> }).messages;
  const calls = asked!.content.map((block) => block['toolUse']!.toolUseId);
  assert.deepEqual(answered!.content.map((block) => block['toolResult']!.toolUseId), calls);
  for (const id of calls) assert.match(id, /^[a-zA-Z0-9_-]{1,64}$/);
  assert.notEqual(calls[0], calls[1]);
  assert.ok((response.headers.get('x-interlingua-warnings') ?? '').includes('tool_use.id'));
});

test('a ThrottlingException reaches each caller as a 429 in its own dialect', async () => {
  // test/fixtures/recorded/bedrock/error-429-throttling-too-many-tokens.response.json, with the header its issue dumped.
  upstream.answerUnqueuedWith(() => ({
    kind: 'json',
    status: 429,
    body: readFixtureText('bedrock/error-429-throttling-too-many-tokens.response.json'),
    headers: { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
  }));
  try {
    await assert.rejects(openai().chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.match(error.message, /Too many tokens/);
      return true;
    });
    await assert.rejects(anthropic().messages.create({ model: 'smart', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.RateLimitError);
      assert.equal((error.error as { error?: { type?: string } }).error?.type, 'rate_limit_error');
      return true;
    });
  } finally {
    upstream.answerUnqueuedWith(() => ({ kind: 'json', status: 500, body: { message: 'no reply queued' } }));
  }
});

test('a throttlingException in the middle of a ConverseStream ends the caller\'s stream with an error, not a finish', async () => {
  upstream.enqueue({
    kind: 'binary-stream',
    contentType: 'application/vnd.amazon.eventstream',
    chunks: [
      encodeAwsEventStreamMessage({ event: 'messageStart', data: '{"role":"assistant"}' }),
      encodeAwsEventStreamMessage({ event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"Hel"}}' }),
      encodeAwsEventStreamMessage({ event: 'throttlingException', data: '{"message":"Too many requests, please wait before trying again."}', exception: true }),
    ],
  });
  const stream = await openai().chat.completions.create({ model: 'smart', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  let text = '';
  await assert.rejects(async () => {
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  }, /Too many requests/);
  assert.equal(text, 'Hel');
});

test('a provider with a Bedrock API key sends it as a bearer token, unsigned, in its own region', async () => {
  upstream.enqueue({ kind: 'json', body: { output: { message: { role: 'assistant', content: [{ text: 'hi' }] } }, stopReason: 'end_turn', usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 } } });
  const completion = await openai().chat.completions.create({ model: 'keyed', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(completion.choices[0]?.message.content, 'hi');
  const received = upstream.requests[0]!;
  assert.equal(received.url, '/model/amazon.nova-micro-v1%3A0/converse');
  assert.equal(received.headers['authorization'], 'Bearer bedrock-api-key-test');
  assert.equal(received.headers['x-amz-date'], undefined);
});

test('an image from an openai caller reaches Bedrock as bytes with its format', async () => {
  upstream.enqueue({ kind: 'json', body: { output: { message: { role: 'assistant', content: [{ text: 'A red dot.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 9, outputTokens: 3, totalTokens: 12 } } });
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  await openai().chat.completions.create({
    model: 'smart',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } }] }],
  });
  assert.deepEqual((upstream.requests[0]?.body as { messages: Array<{ content: unknown[] }> }).messages[0]?.content, [
    { text: 'What is this?' },
    { image: { format: 'png', source: { bytes: png } } },
  ]);
});

test('a fallback from Claude on Anthropic to Claude on Bedrock drops the Anthropic-signed thinking with a warning, never a 400', async () => {
  // test/fixtures/recorded/anthropic/error-529-overloaded.json from the first deployment, every time it is asked.
  anthropicUpstream.answerUnqueuedWith(() => ({ kind: 'json', status: 529, body: readFixtureJson('anthropic/error-529-overloaded.json') }));
  upstream.enqueue({ kind: 'json', body: { output: { message: { role: 'assistant', content: [{ text: 'It is 40 C in Florence.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 90, outputTokens: 9, totalTokens: 99 } } });
  // test/fixtures/recorded/anthropic/fantasy-sonnet4-thinking.i1.request.json: a tool-result turn answering a turn that opens with signed thinking.
  const recorded = readFixtureJson('anthropic/fantasy-sonnet4-thinking.i1.request.json') as Anthropic.MessageCreateParamsNonStreaming;
  const { data: message, response } = await anthropic().messages.create({ ...recorded, model: 'fallback', stream: false }).withResponse();
  assert.deepEqual(message.content, [{ type: 'text', text: 'It is 40 C in Florence.' }]);
  assert.ok(anthropicUpstream.requests.length > 0, 'Anthropic was tried first');
  const sent = upstream.requests[0]?.body as { messages: Array<{ role: string; content: Array<Record<string, unknown>> }>; additionalModelRequestFields?: unknown };
  assert.equal(sent.messages.flatMap((turn) => turn.content).some((block) => block['reasoningContent'] !== undefined), false);
  assert.equal(sent.additionalModelRequestFields, undefined, 'thinking is off for a tool turn without Bedrock-signed reasoning');
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  assert.ok(warnings.some((warning) => warning.feature === 'reasoning'), JSON.stringify(warnings));
  await assertSigned();
});

test('bedrock-anthropic: an openai caller streams through InvokeModelWithResponseStream, Anthropic events in chunk frames', async () => {
  // test/fixtures/recorded/bedrock/fantasy-invoke-stream-claude3haiku-tool.i0.eventstream.base64.txt, in 90-byte pieces.
  upstream.enqueue(recordedStream('bedrock/fantasy-invoke-stream-claude3haiku-tool.i0.eventstream.base64.txt', 90));
  const stream = await openai().chat.completions.create({
    model: 'invoked',
    stream: true,
    max_tokens: 4000,
    tools: [{ type: 'function', function: { name: 'weather', description: 'Get weather information for a location', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } } }],
    messages: [{ role: 'user', content: "What's the weather in Florence,Italy?" }],
  });
  let name = '';
  let args = '';
  for await (const chunk of stream) {
    for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
      name += call.function?.name ?? '';
      args += call.function?.arguments ?? '';
    }
  }
  assert.equal(name, 'weather');
  assert.deepEqual(JSON.parse(args), { location: 'Florence, Italy' });
  const received = upstream.requests[0]!;
  assert.equal(received.url, '/model/us.anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream');
  const body = received.body as Record<string, unknown>;
  assert.equal(body['anthropic_version'], 'bedrock-2023-05-31');
  assert.equal(body['model'], undefined);
  assert.equal(body['stream'], undefined);
  await assertSigned();
});

test("bedrock-anthropic: a plain answer comes from InvokeModel with Anthropic's body", async () => {
  upstream.enqueue({
    kind: 'json',
    body: { id: 'msg_bdrk_01', type: 'message', role: 'assistant', model: 'claude-3-haiku-20240307', content: [{ type: 'text', text: 'Ciao!' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 3 } },
  });
  const message = await anthropic().messages.create({ model: 'invoked', max_tokens: 100, messages: [{ role: 'user', content: 'Say hi in Italian' }] });
  assert.equal(message.content[0]?.type === 'text' ? message.content[0].text : undefined, 'Ciao!');
  assert.equal(upstream.requests[0]?.url, '/model/us.anthropic.claude-3-haiku-20240307-v1%3A0/invoke');
  await assertSigned();
});

test('Claude 4.5 on Bedrock is fitted like Claude on Anthropic: temperature with top_p is sent as temperature alone, with a warning', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  const params = { model: 'smart', max_tokens: 300, temperature: 0.5, top_p: 0.9, messages: [{ role: 'user' as const, content: 'How many rs in strawberry?' }] };
  const response = await anthropic().messages.create(params).asResponse();
  assert.equal(response.status, 200);
  assert.deepEqual((upstream.requests[0]?.body as { inferenceConfig: unknown }).inferenceConfig, { maxTokens: 300, temperature: 0.5 });
  assert.match(response.headers.get('x-interlingua-warnings') ?? '', /top_p/);
});

test('the catalog knows Claude by its Bedrock ids too: a cross-region profile of Claude 4.5 through InvokeModel', async () => {
  const config = resolveConfig({
    providers: { 'aws-claude': { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: upstream.baseUrl } },
    models: { sonnet: [{ provider: 'aws-claude', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }] },
  });
  const own = createGateway(config, { logger: silentLogger });
  const url = `http://127.0.0.1:${(await own.listen(0, '127.0.0.1')).port}`;
  try {
    upstream.enqueue({
      kind: 'json',
      body: { id: 'msg_bdrk_02', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [{ type: 'text', text: 'Ciao!' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 3 } },
    });
    const client = new Anthropic({ baseURL: url, apiKey: 'caller', maxRetries: 0 });
    const params = { model: 'sonnet', max_tokens: 100, temperature: 0.5, top_p: 0.9, messages: [{ role: 'user' as const, content: 'Say hi in Italian' }] };
    await client.messages.create(params);
    const sent = upstream.requests[0]?.body as Record<string, unknown>;
    assert.equal(sent['temperature'], 0.5);
    assert.equal(sent['top_p'], undefined, 'Claude 4.5 refuses the pair');
  } finally {
    await own.close(0);
  }
});
