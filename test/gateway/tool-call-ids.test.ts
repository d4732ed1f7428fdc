/**
 * Tool call ids another vendor made, sent where the upstream bounds them (src/core/tool-call-id-fit.ts):
 * OpenAI Chat takes ids of at most 40 characters, so a history whose ids came from vLLM
 * (`chatcmpl-tool-<uuid>`, 46) is sent with shortened ids, the same in each call and its result and in
 * every request of the conversation; the Responses API takes call ids of at most 64. The upstreams judge by
 * the vendors' rules, so the ids as they came fail.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { readFixtureJson } from '../support/fixtures.js';
import { TestUpstream } from '../support/test-upstream.js';

let upstream: TestUpstream;
let responsesUpstream: TestUpstream;
let gateway: Gateway;
let client: OpenAI;

before(async () => {
  upstream = await new TestUpstream().start();
  responsesUpstream = await new TestUpstream().start();
  gateway = createGateway(
    resolveConfig({
      providers: {
        oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' },
        re: { dialect: 'openai-responses', baseUrl: `${responsesUpstream.baseUrl}/v1`, apiKey: 'sk-test' },
      },
      models: { gpt: [{ provider: 'oa', model: 'gpt-4o' }], 'gpt-responses': [{ provider: 're', model: 'gpt-4.1' }] },
      retry: { attempts: 0 },
    }),
    { logger: silentLogger },
  );
  client = new OpenAI({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  await gateway.close();
  await upstream.stop();
  await responsesUpstream.stop();
});
beforeEach(() => {
  upstream.reset();
  responsesUpstream.reset();
});

/** Two calls made by a vLLM server, 46 characters each, and their results. */
const vllmIds = ['chatcmpl-tool-0f8e2c4a9b7d4e6f8a1b3c5d7e9f0a2b', 'chatcmpl-tool-1a2b3c4d5e6f4a8b9c0d1e2f3a4b5c6d'];
const tools = [{ type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object', properties: { word: { type: 'string' } } } } }];
const history: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'user', content: 'Look up "rain" and "snow".' },
  {
    role: 'assistant',
    content: null,
    tool_calls: vllmIds.map((id, index) => ({ id, type: 'function' as const, function: { name: 'lookup', arguments: JSON.stringify({ word: index === 0 ? 'rain' : 'snow' }) } })),
  },
  { role: 'tool', tool_call_id: vllmIds[0]!, content: 'water falling' },
  { role: 'tool', tool_call_id: vllmIds[1]!, content: 'frozen water falling' },
];

interface SentMessage {
  role: string;
  tool_calls?: Array<{ id: string }>;
  tool_call_id?: string;
}

async function sentIds(): Promise<{ calls: string[]; results: string[]; warnings: string[] }> {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });
  const { response } = await client.chat.completions.create({ model: 'gpt', tools, messages: history }).withResponse();
  const messages = (upstream.requests[0]?.body as { messages: SentMessage[] }).messages;
  upstream.reset();
  return {
    calls: messages.flatMap((message) => (message.tool_calls ?? []).map((call) => call.id)),
    results: messages.flatMap((message) => (message.tool_call_id === undefined ? [] : [message.tool_call_id])),
    warnings: (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature),
  };
}

test('ids longer than OpenAI takes are shortened alike in each call and its result, kept apart, and the same in every request', async () => {
  const first = await sentIds();
  assert.equal(first.calls.length, 2);
  for (const id of first.calls) assert.ok(id.length <= 40, id);
  assert.notEqual(first.calls[0], first.calls[1]);
  assert.deepEqual(first.results, first.calls);
  assert.ok(first.warnings.includes('tool_calls.id'), JSON.stringify(first.warnings));
  // The conversation sent again (its next turn) keeps the same ids, and so the same prefix.
  assert.deepEqual((await sentIds()).calls, first.calls);
});

test('ids OpenAI takes go as they came', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });
  const shortIds = ['call_rain', 'call_snow'];
  const messages = history.map((message): OpenAI.ChatCompletionMessageParam => {
    if (message.role === 'assistant') return { ...message, tool_calls: message.tool_calls!.map((call, index) => ({ ...call, id: shortIds[index]! })) };
    if (message.role === 'tool') return { ...message, tool_call_id: shortIds[vllmIds.indexOf(message.tool_call_id)]! };
    return message;
  });
  await client.chat.completions.create({ model: 'gpt', tools, messages });
  const sent = (upstream.requests[0]?.body as { messages: SentMessage[] }).messages;
  assert.deepEqual(
    sent.flatMap((message) => message.tool_calls?.map((call) => call.id) ?? (message.tool_call_id === undefined ? [] : [message.tool_call_id])),
    ['call_rain', 'call_snow', 'call_rain', 'call_snow'],
  );
});

test('call ids longer than the Responses API takes are shortened alike in each call and its output', async () => {
  // A composite id some agents keep (`call_…|fc_…`), 70 characters, and the same form once more.
  const longIds = [`call_${'a'.repeat(24)}|fc_${'b'.repeat(37)}`, `call_${'c'.repeat(24)}|fc_${'d'.repeat(37)}`];
  responsesUpstream.enqueue({ kind: 'json', body: readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json') });
  const messages = history.map((message): OpenAI.ChatCompletionMessageParam => {
    if (message.role === 'assistant') return { ...message, tool_calls: message.tool_calls!.map((call, index) => ({ ...call, id: longIds[index]! })) };
    if (message.role === 'tool') return { ...message, tool_call_id: longIds[vllmIds.indexOf(message.tool_call_id)]! };
    return message;
  });
  const { response } = await client.chat.completions.create({ model: 'gpt-responses', tools, messages }).withResponse();
  const input = (responsesUpstream.requests[0]?.body as { input: Array<{ type?: string; call_id?: string }> }).input;
  const calls = input.filter((item) => item.type === 'function_call').map((item) => item.call_id!);
  const outputs = input.filter((item) => item.type === 'function_call_output').map((item) => item.call_id!);
  assert.equal(calls.length, 2);
  for (const id of calls) assert.ok(id.length <= 64, id);
  assert.notEqual(calls[0], calls[1]);
  assert.deepEqual(outputs, calls);
  assert.ok((response.headers.get('x-interlingua-warnings') ?? '').includes('call_id'));
});
