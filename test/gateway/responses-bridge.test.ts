/**
 * OpenAI's reasoning models from gpt-5.2 on refuse function tools with reasoning over Chat
 * Completions, and GPT-5.6 and GPT-6 reason unless told not to. A provider speaking Chat
 * Completions then takes such a request at its Responses endpoint (src/gateway/responses-bridge.ts);
 * the OpenAI judge of the test upstream refuses what reaches Chat Completions with both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'sk-test' } },
  models: {
    sol: [{ provider: 'oa', model: 'gpt-6.2-sol' }],
    luna: [{ provider: 'oa', model: 'gpt-6-luna' }],
    'gpt-5.4': [{ provider: 'oa', model: 'gpt-5.4' }],
  },
  retry: { attempts: 1 },
}));

const weather = { type: 'function' as const, function: { name: 'weather', description: 'Get weather information for a location', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } } };
const openai = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
const chatAnswer = () => ({ kind: 'json' as const, body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });

function warningFeatures(headers: Headers): string[] {
  return (JSON.parse(headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
}

test('an OpenAI Chat caller streaming tools with reasoning to GPT-6.2 Sol: the request goes to /v1/responses, the tool call comes back as Chat chunks', async () => {
  // test/fixtures/recorded/openai-responses/fantasy-gpt5-tool_streaming.i0.response.sse: a streamed function call.
  setup.upstream.enqueue({ kind: 'stream', text: readFixtureText('openai-responses/fantasy-gpt5-tool_streaming.i0.response.sse') });
  const { data: stream, response } = await openai()
    .chat.completions.create({ model: 'sol', stream: true, reasoning_effort: 'high', tools: [weather], messages: [{ role: 'user', content: "What's the weather in Florence, Italy?" }] })
    .withResponse();
  let name = '';
  let args = '';
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
      name += call.function?.name ?? '';
      args += call.function?.arguments ?? '';
    }
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  assert.equal(name, 'weather');
  assert.deepEqual(JSON.parse(args), { location: 'Florence, Italy' });
  assert.equal(finish, 'tool_calls');
  const sent = setup.upstream.requests[0]!;
  assert.equal(sent.url, '/v1/responses');
  assert.equal(sent.headers['authorization'], 'Bearer sk-test');
  const body = sent.body as Record<string, unknown>;
  assert.deepEqual(body['reasoning'], { effort: 'high' });
  assert.equal(body['store'], false);
  assert.equal((body['tools'] as Array<{ name: string }>)[0]?.name, 'weather');
  assert.ok(warningFeatures(response.headers).includes('endpoint'));
});

test('an Anthropic caller with tools and no word on reasoning to GPT-6.2 Sol, which reasons by default: answered from /v1/responses', async () => {
  // test/fixtures/recorded/openai-responses/fantasy-gpt5-simple.response.json
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json') });
  const anthropic = new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
  const message = await anthropic.messages.create({
    model: 'sol',
    max_tokens: 1000,
    tools: [{ name: 'weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } } }],
    messages: [{ role: 'user', content: 'Say hi.' }],
  });
  assert.equal(setup.upstream.requests[0]?.url, '/v1/responses');
  assert.ok(message.content.some((block) => block.type === 'text' && block.text.length > 0));
});

test('gpt-5.4, which reasons only when asked, and GPT-6 Luna with reasoning off keep Chat Completions; so does a request without tools', async () => {
  setup.upstream.enqueue(chatAnswer(), chatAnswer(), chatAnswer());
  await openai().chat.completions.create({ model: 'gpt-5.4', tools: [weather], messages: [{ role: 'user', content: 'Hi' }] });
  await openai().chat.completions.create({ model: 'luna', reasoning_effort: 'none', tools: [weather], messages: [{ role: 'user', content: 'Hi' }] });
  await openai().chat.completions.create({ model: 'sol', reasoning_effort: 'high', messages: [{ role: 'user', content: 'Hi' }] });
  assert.deepEqual(
    setup.upstream.requests.map((request) => request.url),
    ['/v1/chat/completions', '/v1/chat/completions', '/v1/chat/completions'],
  );
  assert.equal((setup.upstream.requests[1]?.body as Record<string, unknown>)['reasoning_effort'], 'none');
});

test('gpt-5.4 asked to reason with tools goes to /v1/responses', async () => {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json') });
  const completion = await openai().chat.completions.create({ model: 'gpt-5.4', reasoning_effort: 'low', tools: [weather], messages: [{ role: 'user', content: 'Hi' }] });
  assert.equal(setup.upstream.requests[0]?.url, '/v1/responses');
  assert.deepEqual((setup.upstream.requests[0]?.body as Record<string, unknown>)['reasoning'], { effort: 'low' });
  assert.ok((completion.choices[0]?.message.content ?? '').length > 0);
});

test('a Chat caller\'s reasoning_effort "xhigh" with tools to GPT-6.2 Sol, which takes it: the Responses endpoint gets "xhigh", not "high"', async () => {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json') });
  const { response } = await openai().chat.completions.create({ model: 'sol', reasoning_effort: 'xhigh', tools: [weather], messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
  assert.equal(setup.upstream.requests[0]?.url, '/v1/responses');
  assert.deepEqual((setup.upstream.requests[0]?.body as Record<string, unknown>)['reasoning'], { effort: 'xhigh' });
  assert.deepEqual(warningFeatures(response.headers), ['endpoint']);
});

test("the tool call's result, the next turn of the same conversation, goes to /v1/responses as a function_call_output", async () => {
  setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json') });
  await openai().chat.completions.create({
    model: 'sol',
    tools: [weather],
    messages: [
      { role: 'user', content: "What's the weather in Florence, Italy?" },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"location":"Florence, Italy"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '40 C and sunny' },
    ],
  });
  const input = (setup.upstream.requests[0]?.body as { input: Array<Record<string, unknown>> }).input;
  assert.deepEqual(
    input.map((item) => item['type'] ?? item['role']),
    ['user', 'function_call', 'function_call_output'],
  );
  assert.equal(input[2]?.['call_id'], 'call_1');
});
