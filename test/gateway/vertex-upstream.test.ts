/**
 * Vertex AI providers behind the gateway — Gemini (`vertex`) and Claude (`vertex-anthropic`) —
 * reached by the official openai, Anthropic and Google Gen AI SDKs: plain and streamed answers
 * replayed from recordings, tools, a 429, a thinking turn signed elsewhere. Every request must
 * carry an OAuth access token that the gateway obtained from a service-account key file whose
 * `token_uri` names a local token endpoint, which checks the signed assertion; the test upstream
 * judges each request by Vertex's rules.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type FunctionCall } from '@google/genai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { GoogleTokenServer } from '../support/google-token-server.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';

let upstream: TestUpstream;
let anthropicUpstream: TestUpstream;
let tokenServer: GoogleTokenServer;
let gateway: Gateway;
let gatewayUrl: string;

const geminiPath = '/v1beta1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash';
const claudePath = '/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/claude-3-7-sonnet@20250219';

before(async () => {
  upstream = await new TestUpstream().start();
  anthropicUpstream = await new TestUpstream().start();
  tokenServer = await new GoogleTokenServer().start();
  const credentialsFile = tokenServer.writeKeyFile();
  const config = resolveConfig({
    providers: {
      gcp: { dialect: 'vertex', projectId: 'test-project', location: 'us-central1', baseUrl: upstream.baseUrl, credentialsFile },
      'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: upstream.baseUrl, credentialsFile },
      claude: { dialect: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'anthropic-test-key' },
    },
    models: {
      flash: [{ provider: 'gcp', model: 'gemini-2.5-flash' }],
      sonnet: [{ provider: 'gcp-claude', model: 'claude-3-7-sonnet@20250219' }],
      fallback: [
        { provider: 'claude', model: 'claude-sonnet-4-20250514' },
        { provider: 'gcp-claude', model: 'claude-3-7-sonnet@20250219' },
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
  await tokenServer.stop();
  assert.deepEqual(tokenServer.refusals, [], 'every assertion the gateway sent was well formed');
});
beforeEach(() => {
  upstream.reset();
  anthropicUpstream.reset();
});

const openai = () => new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
const google = () => new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: gatewayUrl } });

/** The request carried a token the local token endpoint issued. */
function assertAuthorized(index = 0): void {
  const authorization = String(upstream.requests[index]?.headers['authorization']);
  assert.ok(tokenServer.issued.map((token) => `Bearer ${token}`).includes(authorization), `${authorization} was issued by the token endpoint`);
}

const weather: OpenAI.Chat.ChatCompletionTool = {
  type: 'function',
  function: { name: 'weather', description: 'Get weather information for a location', parameters: { type: 'object', properties: { location: { type: 'string', description: 'the city' } }, required: ['location'] } },
};

test('vertex: an openai caller’s tool call goes to generateContent at Vertex’s path with an OAuth token', async () => {
  // test/fixtures/recorded/vertex/fantasy-gemini25flash-generateContent-tool.i0.response.json
  upstream.enqueue({ kind: 'json', body: readFixtureJson('vertex/fantasy-gemini25flash-generateContent-tool.i0.response.json') });
  const completion = await openai().chat.completions.create({ model: 'flash', tools: [weather], messages: [{ role: 'user', content: "What's the weather in Florence,Italy?" }] });
  const call = completion.choices[0]?.message.tool_calls?.[0];
  assert.ok(call?.type === 'function');
  assert.equal(call.function.name, 'weather');
  assert.deepEqual(JSON.parse(call.function.arguments), { location: 'Florence,Italy' });
  const received = upstream.requests[0]!;
  assert.equal(received.url, `${geminiPath}:generateContent`);
  assert.equal(received.headers['x-goog-api-key'], undefined);
  assert.deepEqual((received.body as { contents: unknown }).contents, [{ role: 'user', parts: [{ text: "What's the weather in Florence,Italy?" }] }]);
  assertAuthorized();
});

test('vertex: an anthropic caller streams parallel tool calls through streamGenerateContent?alt=sse', async () => {
  // test/fixtures/recorded/vertex/fantasy-gemini25flash-streamGenerateContent-parallel-tools.i0.response.sse
  upstream.enqueue({ kind: 'stream', text: readFixtureText('vertex/fantasy-gemini25flash-streamGenerateContent-parallel-tools.i0.response.sse') });
  const numbers = { type: 'object' as const, properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] };
  const message = await anthropic()
    .messages.stream({
      model: 'flash',
      max_tokens: 1000,
      tools: [
        { name: 'add', description: 'Add two numbers', input_schema: numbers },
        { name: 'multiply', description: 'Multiply two numbers', input_schema: numbers },
      ],
      messages: [{ role: 'user', content: 'Add and multiply 2 and 3' }],
    })
    .finalMessage();
  const calls = message.content.filter((block) => block.type === 'tool_use').map((block) => [block.name, block.input]);
  assert.deepEqual(calls, [
    ['add', { a: 2, b: 3 }],
    ['multiply', { a: 2, b: 3 }],
  ]);
  assert.equal(message.stop_reason, 'tool_use');
  assert.equal(upstream.requests[0]?.url, `${geminiPath}:streamGenerateContent?alt=sse`);
  assertAuthorized();
});

test('vertex-anthropic: a Gemini caller reaches Claude through rawPredict with vertex-2023-10-16 and the model in the path', async () => {
  // test/fixtures/recorded/vertex/fantasy-anthropic-rawPredict-claude37-tool.i0.response.json
  upstream.enqueue({ kind: 'json', body: readFixtureJson('vertex/fantasy-anthropic-rawPredict-claude37-tool.i0.response.json') });
  const response = await google().models.generateContent({
    model: 'sonnet',
    contents: "What's the weather in Florence,Italy?",
    config: {
      maxOutputTokens: 4000,
      tools: [{ functionDeclarations: [{ name: 'weather', description: 'Get weather information for a location', parametersJsonSchema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }] }],
    },
  });
  assert.equal(response.text, "I'll get the current weather information for Florence, Italy for you.");
  const calls: FunctionCall[] = response.functionCalls ?? [];
  assert.deepEqual(
    calls.map((call) => [call.name, call.args]),
    [['weather', { location: 'Florence,Italy' }]],
  );
  const received = upstream.requests[0]!;
  assert.equal(received.url, `${claudePath}:rawPredict`);
  const body = received.body as Record<string, unknown>;
  assert.equal(body['anthropic_version'], 'vertex-2023-10-16');
  assert.equal(body['model'], undefined);
  assert.equal(received.headers['anthropic-version'], undefined);
  assert.equal(received.headers['x-api-key'], undefined);
  assertAuthorized();
});

test('vertex-anthropic: an openai caller streams parallel tool calls through streamRawPredict', async () => {
  // test/fixtures/recorded/vertex/mirascope-anthropic-streamRawPredict-haiku45-parallel-tools.i0.response.sse
  upstream.enqueue({ kind: 'stream', text: readFixtureText('vertex/mirascope-anthropic-streamRawPredict-haiku45-parallel-tools.i0.response.sse') });
  const tool: OpenAI.Chat.ChatCompletionTool = {
    type: 'function',
    function: { name: 'secret_retrieval_tool', description: 'A tool that requires a password to retrieve a secret.', parameters: { type: 'object', properties: { password: { type: 'string' } }, required: ['password'] } },
  };
  const stream = await openai().chat.completions.create({ model: 'sonnet', stream: true, tools: [tool], messages: [{ role: 'user', content: 'Retrieve the secrets for mellon and radiance' }] });
  const calls = new Map<number, { name: string; arguments: string }>();
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
      const known = calls.get(call.index) ?? { name: '', arguments: '' };
      calls.set(call.index, { name: call.function?.name ?? known.name, arguments: known.arguments + (call.function?.arguments ?? '') });
    }
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  assert.equal(finish, 'tool_calls');
  assert.deepEqual(
    [...calls.values()].map((call) => [call.name, JSON.parse(call.arguments)]),
    [
      ['secret_retrieval_tool', { password: 'mellon' }],
      ['secret_retrieval_tool', { password: 'radiance' }],
    ],
  );
  const received = upstream.requests[0]!;
  assert.equal(received.url, `${claudePath}:streamRawPredict`);
  assert.equal((received.body as Record<string, unknown>)['stream'], true);
  assertAuthorized();
});

test('a RESOURCE_EXHAUSTED from Vertex reaches each caller as a 429 in its own dialect', async () => {
  // test/fixtures/recorded/vertex/error-429-resource-exhausted.as-pasted.json: the pasted body is the array a
  // non-SSE stream wraps errors in; generateContent and rawPredict answer its one object bare.
  const [body] = readFixtureJson('vertex/error-429-resource-exhausted.as-pasted.json') as unknown[];
  upstream.answerUnqueuedWith(() => ({ kind: 'json', status: 429, body }));
  try {
    await assert.rejects(openai().chat.completions.create({ model: 'flash', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.match(error.message, /Resource exhausted/);
      return true;
    });
    await assert.rejects(anthropic().messages.create({ model: 'sonnet', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.RateLimitError);
      assert.match(error.message, /Resource exhausted/);
      return true;
    });
    await assert.rejects(google().models.generateContent({ model: 'sonnet', contents: 'hi' }), /429|Resource exhausted/);
  } finally {
    upstream.answerUnqueuedWith(() => ({ kind: 'json', status: 500, body: { error: { code: 500, message: 'no reply queued', status: 'INTERNAL' } } }));
  }
});

test('a fallback from Claude on Anthropic to Claude on Vertex drops the Anthropic-signed thinking with a warning, never a 400', async () => {
  // test/fixtures/recorded/anthropic/error-529-overloaded.json from the first deployment, every time it is asked.
  anthropicUpstream.answerUnqueuedWith(() => ({ kind: 'json', status: 529, body: readFixtureJson('anthropic/error-529-overloaded.json') }));
  upstream.enqueue({
    kind: 'json',
    body: { id: 'msg_vrtx_1', type: 'message', role: 'assistant', model: 'claude-3-7-sonnet-20250219', content: [{ type: 'text', text: 'It is 40 C in Florence.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 90, output_tokens: 9 } },
  });
  // test/fixtures/recorded/anthropic/fantasy-sonnet4-thinking.i1.request.json: a tool-result turn answering a turn that opens with signed thinking.
  const recorded = readFixtureJson('anthropic/fantasy-sonnet4-thinking.i1.request.json') as Anthropic.MessageCreateParamsNonStreaming;
  const { data: message, response } = await anthropic().messages.create({ ...recorded, model: 'fallback', stream: false }).withResponse();
  assert.deepEqual(message.content, [{ type: 'text', text: 'It is 40 C in Florence.' }]);
  assert.ok(anthropicUpstream.requests.length > 0, 'Anthropic was tried first');
  const sent = upstream.requests[0]?.body as { messages: Array<{ role: string; content: Array<Record<string, unknown>> }>; thinking?: unknown; anthropic_version?: string };
  assert.equal(sent.anthropic_version, 'vertex-2023-10-16');
  assert.equal(sent.thinking, undefined, 'thinking is off for a tool turn without Vertex-signed thinking');
  assert.equal(
    sent.messages.flatMap((turn) => turn.content).some((block) => block['type'] === 'thinking' || block['type'] === 'redacted_thinking'),
    false,
  );
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  assert.ok(warnings.some((warning) => warning.feature === 'reasoning'), JSON.stringify(warnings));
  assertAuthorized();
});

test('one access token serves many requests: the library caches it until it nears expiry', async () => {
  for (let index = 0; index < 3; index += 1) {
    upstream.enqueue({ kind: 'json', body: readFixtureJson('vertex/fantasy-anthropic-rawPredict-claude37-tool.i0.response.json') });
  }
  const before = tokenServer.issued.length;
  for (let index = 0; index < 3; index += 1) await anthropic().messages.create({ model: 'sonnet', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(tokenServer.issued.length, Math.max(before, 1), 'no new token while the first is fresh');
  for (let index = 0; index < 3; index += 1) assertAuthorized(index);
});

test('vertex: an image from an openai caller reaches Gemini on Vertex inline, with its type', async () => {
  upstream.enqueue({ kind: 'json', body: { candidates: [{ content: { role: 'model', parts: [{ text: 'A red dot.' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 3, totalTokenCount: 12 } } });
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const completion = await openai().chat.completions.create({
    model: 'flash',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } }] }],
  });
  assert.equal(completion.choices[0]?.message.content, 'A red dot.');
  assert.deepEqual((upstream.requests[0]?.body as { contents: Array<{ parts: unknown[] }> }).contents[0]?.parts, [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: png } }]);
  assertAuthorized();
});

test('vertex-anthropic: an anthropic caller’s thinking reaches Claude on Vertex, and the answered tool turn goes back without a 400', async () => {
  // test/fixtures/recorded/anthropic/fantasy-sonnet4-thinking.i0.*: Claude's answer on Anthropic's API, whose body
  // Vertex's rawPredict answers in the same shape (docs.anthropic.com/en/api/claude-on-vertex-ai).
  const first = readFixtureJson('anthropic/fantasy-sonnet4-thinking.i0.request.json') as Anthropic.MessageCreateParamsNonStreaming;
  upstream.enqueue({ kind: 'json', body: readFixtureJson('anthropic/fantasy-sonnet4-thinking.i0.response.json') });
  const answer = await anthropic().messages.create({ ...first, model: 'sonnet' });
  assert.deepEqual(answer.content.map((block) => block.type), ['thinking', 'tool_use']);
  const sentFirst = upstream.requests[0]?.body as Record<string, unknown>;
  assert.deepEqual(sentFirst['thinking'], { type: 'enabled', budget_tokens: 4000 });
  assert.equal(sentFirst['anthropic_version'], 'vertex-2023-10-16');
  // The caller answers the tool call, sending back the thinking block as it received it.
  const toolUse = answer.content.find((block) => block.type === 'tool_use');
  assert.ok(toolUse?.type === 'tool_use');
  upstream.enqueue({
    kind: 'json',
    body: { id: 'msg_vrtx_2', type: 'message', role: 'assistant', model: 'claude-sonnet-4', content: [{ type: 'text', text: '40 C in Florence.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 500, output_tokens: 8 } },
  });
  const second = await anthropic().messages.create({
    ...first,
    model: 'sonnet',
    messages: [...first.messages, { role: 'assistant', content: answer.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '40 C' }] }],
  });
  assert.deepEqual(second.content, [{ type: 'text', text: '40 C in Florence.' }]);
  // An Anthropic caller is shown Vertex's signature in an envelope naming its platform (a Vertex signature would
  // fail on Anthropic's API, so it is not passed off as Anthropic's); it comes back to Vertex as Vertex issued it,
  // and thinking stays on for the answered tool turn.
  const recorded = (readFixtureJson('anthropic/fantasy-sonnet4-thinking.i0.response.json') as { content: Array<Record<string, unknown>> }).content[0];
  const shown = answer.content[0];
  assert.ok(shown?.type === 'thinking' && shown.signature !== recorded?.['signature'], 'the caller sees the signature wrapped');
  const sentSecond = upstream.requests[1]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }>; thinking?: unknown };
  const thinking = sentSecond.messages.flatMap((turn) => turn.content).find((block) => block['type'] === 'thinking');
  assert.equal(thinking?.['signature'], recorded?.['signature'], 'Vertex gets its own signature back, unwrapped');
  assert.deepEqual(sentSecond.thinking, { type: 'enabled', budget_tokens: 4000 });
  assertAuthorized(1);
});

test('vertex: a Gemini caller’s context cache of the Gemini API is left out with a warning, a Vertex cache goes through', async () => {
  // test/fixtures/recorded/vertex/fantasy-gemini25flash-generateContent-tool.i1.response.json
  const answer = { kind: 'json' as const, body: readFixtureJson('vertex/fantasy-gemini25flash-generateContent-tool.i1.response.json') };
  upstream.enqueue(answer, answer);
  const geminiApiCache = await google().models.generateContent({ model: 'flash', contents: 'Summarize the cached report', config: { cachedContent: 'cachedContents/report-1' } });
  const sent = upstream.requests[0]?.body as Record<string, unknown>;
  assert.equal(sent['cachedContent'], undefined, 'Vertex cannot read a Gemini API cache');
  const warnings = JSON.parse(geminiApiCache.sdkHttpResponse?.headers?.['x-interlingua-warnings'] ?? '[]') as Array<{ feature: string; message: string }>;
  assert.ok(warnings.some((warning) => warning.feature === 'cachedContent' && warning.message.includes('cachedContents/report-1')), JSON.stringify(warnings));

  const vertexCache = 'projects/test-project/locations/us-central1/cachedContents/4242';
  await google().models.generateContent({ model: 'flash', contents: 'Summarize the cached report', config: { cachedContent: vertexCache } });
  assert.equal((upstream.requests[1]?.body as Record<string, unknown>)['cachedContent'], vertexCache);
});
