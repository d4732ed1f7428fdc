/**
 * Claude's server tool blocks (`server_tool_use`, `web_search_tool_result`, `web_fetch_tool_result`,
 * …) reach an Anthropic caller in their place when the gateway parses Claude's stream and writes it
 * again (a plugin model's answer, any answer under the response cache) just as the pass-through
 * shows them, and so come back to Claude in the next turn beside the citations that point into
 * them. Callers of other dialects are told they were left out.
 *
 * Claude's stream is test/fixtures/anthropic/doc-format-stream-web-search.sse, in the event order
 * of the web search example under "Full HTTP Stream response" on
 * https://docs.claude.com/en/docs/build-with-claude/streaming: a `server_tool_use` block that starts
 * with an empty `input` filled by `input_json_delta`s, then a `web_search_tool_result` block that
 * starts whole. The shapes are `RawContentBlockStartEvent`, `ServerToolUseBlock` and
 * `WebSearchToolResultBlock` in node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { answerOutputWarnings } from '../../../src/gateway/answer-output-warnings.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { readFixtureJson, readFixtureSseFrames, readFixtureText } from '../../support/fixtures.js';
import { anthropicStreamProblems } from '../../support/answer-rules/anthropic.js';
import { assertValidAnthropicStream, decodeFrames, encodeEvents, responseContext, sdkFinalMessage } from './support.js';

const upstreamModel = 'claude-sonnet-4-5-20250929';
const fixture = 'anthropic/doc-format-stream-web-search.sse';
const claudeStream = readFixtureText(fixture);
const searchUse = { type: 'server_tool_use', id: 'srvtoolu_01TestOnlyOsloWeatherSearch', name: 'web_search', input: { query: 'Oslo weather now' } };
/** The fixture's `web_search_tool_result` block, as its `content_block_start` carries it whole. */
const searchResult = (() => {
  const frame = readFixtureSseFrames(fixture).find((candidate) => candidate.data.includes('"web_search_tool_result"'));
  return (JSON.parse(frame?.data ?? '{}') as { content_block: Record<string, unknown> }).content_block;
})();
/** What Claude's stream holds, as a whole answer would hold it. */
const claudeContent = [
  { type: 'text', text: 'Let me look up the weather in Oslo.' },
  searchUse,
  searchResult,
  { type: 'text', text: 'Light rain is falling in Oslo, about 6 °C.' },
];

const upstream = new TestUpstream();
let gateway: Gateway;
let cachingGateway: Gateway;
let client: Anthropic;
let cachingClient: Anthropic;
let openai: OpenAI;
let gatewayUrl: string;

function config(cache: boolean) {
  return resolveConfig({
    providers: { an: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 } },
    plugins: { calculator: { type: 'builtin', builtin: 'calculator' } },
    models: {
      claude: [{ provider: 'an', model: upstreamModel }],
      // A plugin model: its answer is parsed and written again.
      'claude-calculating': { deployments: [{ provider: 'an', model: upstreamModel }], plugins: ['calculator'] },
    },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
    ...(cache ? { cache: {} } : {}),
  });
}

before(async () => {
  await upstream.start();
  gateway = createGateway(config(false), { logger: silentLogger });
  cachingGateway = createGateway(config(true), { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  const cachingPort = (await cachingGateway.listen(0, '127.0.0.1')).port;
  client = new Anthropic({ apiKey: 'caller-key', baseURL: gatewayUrl, maxRetries: 0 });
  cachingClient = new Anthropic({ apiKey: 'caller-key', baseURL: `http://127.0.0.1:${cachingPort}`, maxRetries: 0 });
  openai = new OpenAI({ apiKey: 'caller-key', baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
});
after(async () => {
  await Promise.all([gateway.close(), cachingGateway.close()]);
  await upstream.stop();
});
beforeEach(() => upstream.reset());

function request(model: string, question = 'Is it raining in Oslo right now?'): Anthropic.MessageCreateParamsNonStreaming {
  return {
    model,
    max_tokens: 1024,
    messages: [{ role: 'user', content: question }],
    tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }],
  };
}

/** The caller's stream through a gateway: every event the SDK read, and its final message. */
async function streamed(through: Anthropic, body: Anthropic.MessageCreateParamsNonStreaming): Promise<{ events: Anthropic.MessageStreamEvent[]; message: Anthropic.Message }> {
  const stream = through.messages.stream(body);
  const events: Anthropic.MessageStreamEvent[] = [];
  stream.on('streamEvent', (event) => events.push(event));
  const message = await stream.finalMessage();
  return { events, message };
}

test('parsed stream: the SDK\'s final message holds Claude\'s search blocks in their place, as the pass-through shows them', async () => {
  upstream.enqueue({ kind: 'stream', text: claudeStream });
  const parsed = await streamed(client, request('claude-calculating'));
  assert.equal(parsed.message.model, 'claude-calculating', 'the answer was parsed and written again');
  assert.deepEqual(parsed.message.content, claudeContent);

  upstream.enqueue({ kind: 'stream', text: claudeStream });
  const passed = await streamed(client, request('claude'));
  assert.equal(passed.message.model, upstreamModel, 'the answer was passed through as Claude wrote it');
  assert.deepEqual(parsed.message.content, passed.message.content);
  assert.deepEqual(upstream.takeRefusals(), []);
});

test('parsed stream: server_tool_use starts with an empty input its input_json_delta fills; the result starts whole', async () => {
  upstream.enqueue({ kind: 'stream', text: claudeStream });
  const { events } = await streamed(client, request('claude-calculating'));
  const of = (index: number) => events.filter((event) => 'index' in event && event.index === index).map((event) => (event.type === 'content_block_delta' ? { type: event.type, delta: event.delta } : event));
  assert.deepEqual(of(1), [
    { type: 'content_block_start', index: 1, content_block: { ...searchUse, input: {} } },
    { type: 'content_block_delta', delta: { type: 'input_json_delta', partial_json: JSON.stringify(searchUse.input) } },
    { type: 'content_block_stop', index: 1 },
  ]);
  assert.deepEqual(of(2), [
    { type: 'content_block_start', index: 2, content_block: searchResult },
    { type: 'content_block_stop', index: 2 },
  ]);

  // The bytes a caller that is no SDK reads keep to the Messages streaming protocol.
  upstream.enqueue({ kind: 'stream', text: claudeStream });
  const raw = await fetch(`${gatewayUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'caller-key', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ ...request('claude-calculating'), stream: true }),
  });
  assert.deepEqual(anthropicStreamProblems(await raw.text()), []);
});

test('the next turn sends Claude its search blocks back, as it sent them', async () => {
  upstream.enqueue({ kind: 'stream', text: claudeStream });
  const first = request('claude-calculating');
  const { message } = await streamed(client, first);
  upstream.enqueue({ kind: 'json', body: { id: 'msg_02', type: 'message', role: 'assistant', model: upstreamModel, content: [{ type: 'text', text: 'Take an umbrella.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 9000, output_tokens: 5 } } });
  await client.messages.create({ ...first, messages: [...first.messages, { role: 'assistant', content: message.content }, { role: 'user', content: 'Do I need an umbrella?' }] });
  const sent = upstream.requests.at(-1)?.body as { messages: Array<{ role: string; content: unknown }> };
  assert.deepEqual(sent.messages[1], { role: 'assistant', content: claudeContent });
  assert.deepEqual(upstream.takeRefusals(), []);
});

test('the decoder tells each block where it came and lists them on finish; a caller of another dialect is warned', () => {
  const events = decodeFrames(readFixtureSseFrames(fixture));
  const told = events.flatMap((event) => (event.type === 'vendor-output' ? [event.vendor] : []));
  assert.equal(told.length, 2);
  assert.deepEqual(events.map((event) => event.type).indexOf('vendor-output'), events.findIndex((event) => event.type === 'text-end') + 1, 'after the first text, before the next');
  const finish = events.at(-1);
  assert.equal(finish?.type, 'finish');
  const vendor = finish.type === 'finish' ? finish.vendor : undefined;
  assert.deepEqual(answerOutputWarnings(vendor, openaiChatDialect).map((warning) => warning.feature), ['output.server_tool_use', 'output.web_search_tool_result']);
  assert.deepEqual(answerOutputWarnings(vendor, anthropicDialect), []);
  // Folded, the stream is the whole answer an Anthropic caller gets back whole.
  const emitted = anthropicDialect.emitResponse(foldStream(events), responseContext()) as { content: unknown };
  assert.deepEqual(emitted.content, claudeContent);
});

test('an OpenAI caller of Claude\'s whole answer is told the search blocks were left out', async () => {
  upstream.enqueue({ kind: 'json', body: { id: 'msg_01', type: 'message', role: 'assistant', model: upstreamModel, content: claudeContent, stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 8931, output_tokens: 87 } } });
  const { response } = await openai.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'Is it raining in Oslo right now?' }] }).withResponse();
  const features = (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
  assert.ok(features.includes('output.server_tool_use') && features.includes('output.web_search_tool_result'), JSON.stringify(features));
});

test('response cache: a whole answer replayed as a stream, and a stream replayed whole and streamed, keep the blocks', async () => {
  const whole = { id: 'msg_01', type: 'message', role: 'assistant', model: upstreamModel, content: claudeContent, stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 8931, output_tokens: 87 } };
  upstream.enqueue({ kind: 'json', body: whole });
  const answered = await cachingClient.messages.create(request('claude', 'Rain in Oslo? (whole first)'));
  assert.deepEqual(answered.content, claudeContent);
  const replayed = await streamed(cachingClient, request('claude', 'Rain in Oslo? (whole first)'));
  assert.deepEqual(replayed.message.content, claudeContent);

  upstream.enqueue({ kind: 'stream', text: claudeStream });
  const live = await streamed(cachingClient, request('claude', 'Rain in Oslo? (streamed first)'));
  assert.deepEqual(live.message.content, claudeContent);
  const cachedWhole = await cachingClient.messages.create(request('claude', 'Rain in Oslo? (streamed first)'));
  assert.deepEqual(cachedWhole.content, claudeContent);
  const cachedStream = await streamed(cachingClient, request('claude', 'Rain in Oslo? (streamed first)'));
  assert.deepEqual(cachedStream.message.content, claudeContent);

  assert.equal(upstream.requests.length, 2, 'the replays came from the cache');
  assert.deepEqual(upstream.takeRefusals(), []);
});

test('a web fetch answer (recorded) streamed again from the whole answer keeps its server tool blocks', async () => {
  const recorded = readFixtureJson('anthropic/response-server-tool-web-fetch-error.json') as { content: unknown[] };
  const text = encodeEvents(responseToEvents(anthropicDialect.parseResponse(recorded)));
  assertValidAnthropicStream(text);
  const message = await sdkFinalMessage(text);
  assert.deepEqual(message.content, recorded.content);
});
