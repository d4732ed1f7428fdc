/**
 * Limits every OpenAI model holds to, met by the gateway for callers whose own vendor allows more:
 * at most 4 stop sequences in Chat Completions, an output limit of at least 16 in Responses. What
 * the test upstreams receive is judged by OpenAI's rules (test/support/vendor-rules), so a request
 * OpenAI would refuse fails the suite; the caller is told what changed. Callers are the official SDKs.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { modelFor, startHarness, type Harness } from './support/harness.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import { warningsOf } from './support/warnings-header.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());


function receivedBy(target: 'openai-chat' | 'openai-responses'): Record<string, unknown> {
  assert.deepEqual(harness.upstreams[target].takeRefusals(), [], 'the upstream served the request as OpenAI would');
  const body = harness.upstreams[target].requests[0]?.body;
  assert.ok(body !== undefined, `${target} received the request`);
  return body as Record<string, unknown>;
}

test('Anthropic SDK, six stop sequences, to Chat Completions: the first four are sent, the rest named in a warning', async () => {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { data, response } = await client.messages
    .create({ model: modelFor('openai-chat'), max_tokens: 100, stop_sequences: ['###', 'END', 'STOP', '\n\n', 'Human:', 'User:'], messages: [{ role: 'user', content: 'Count to three.' }] })
    .withResponse();
  assert.equal(data.type, 'message');
  assert.deepEqual(receivedBy('openai-chat').stop, ['###', 'END', 'STOP', '\n\n']);
  const warning = warningsOf(response.headers).find((entry) => entry.feature === 'stop_sequences');
  assert.equal(warning?.type, 'unsupported');
  assert.match(warning?.message ?? '', /"Human:", "User:"/);
});

test('Gemini SDK, five stop sequences, to Chat Completions: four are sent', async () => {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  const ai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
  const result = await ai.models.generateContent({ model: modelFor('openai-chat'), contents: 'Count to three.', config: { stopSequences: ['a', 'b', 'c', 'd', 'e'] } });
  assert.ok(result.candidates?.length);
  assert.deepEqual(receivedBy('openai-chat').stop, ['a', 'b', 'c', 'd']);
});

test('OpenAI SDK, four stop sequences, to Chat Completions: all four are sent, without a warning', async () => {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({ model: modelFor('openai-chat'), stop: ['a', 'b', 'c', 'd'], messages: [{ role: 'user', content: 'Count to three.' }] })
    .withResponse();
  assert.deepEqual(receivedBy('openai-chat').stop, ['a', 'b', 'c', 'd']);
  assert.equal(warningsOf(response.headers).find((entry) => entry.feature === 'stop_sequences'), undefined);
});

test('OpenAI SDK, max_tokens 5, to Responses: max_output_tokens is raised to 16, with a warning', async () => {
  harness.upstreams['openai-responses'].enqueue(upstreamScenarios['openai-responses'].text.reply);
  const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });
  const { data, response } = await client.chat.completions
    .create({ model: modelFor('openai-responses'), max_tokens: 5, messages: [{ role: 'user', content: 'Say yes.' }] })
    .withResponse();
  assert.equal(data.object, 'chat.completion');
  assert.equal(receivedBy('openai-responses').max_output_tokens, 16);
  const warning = warningsOf(response.headers).find((entry) => entry.feature === 'max_output_tokens');
  assert.equal(warning?.type, 'compatibility');
  assert.match(warning?.message ?? '', /5 was raised to 16/);
});

test('Anthropic SDK, max_tokens 16, to Responses: sent as is', async () => {
  harness.upstreams['openai-responses'].enqueue(upstreamScenarios['openai-responses'].text.reply);
  const client = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  await client.messages.create({ model: modelFor('openai-responses'), max_tokens: 16, messages: [{ role: 'user', content: 'Say yes.' }] });
  assert.equal(receivedBy('openai-responses').max_output_tokens, 16);
});

/** A Chat Completions answer calling `name`, whole or as a stream of chunks, as OpenAI sends them. */
function chatToolCall(name: string, stream: boolean) {
  const call = { id: 'call_1', type: 'function', function: { name, arguments: '{"city":"Rome"}' } };
  if (!stream) {
    return {
      kind: 'json' as const,
      body: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o',
        choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [call] }, finish_reason: 'tool_calls' }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      },
    };
  }
  const chunk = (delta: unknown, finish: string | null) => `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const text = [
    chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, ...call, function: { name, arguments: '' } }] }, null),
    chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":"Rome"}' } }] }, null),
    chunk({}, 'tool_calls'),
    'data: [DONE]\n\n',
  ].join('');
  return { kind: 'stream' as const, text };
}

/** Gemini takes dotted function names (MCP clients name tools `server.tool`); OpenAI does not. */
const dottedTool = { functionDeclarations: [{ name: 'weather.get', description: 'Weather in a city', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }] };

test('Gemini SDK, a dotted function name, to Chat Completions: sent as weather_get, the call comes back as weather.get', async () => {
  harness.upstreams['openai-chat'].enqueue(chatToolCall('weather_get', false));
  const ai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
  const result = await ai.models.generateContent({ model: modelFor('openai-chat'), contents: 'Weather in Rome?', config: { tools: [dottedTool] } });
  const sent = receivedBy('openai-chat');
  assert.deepEqual((sent.tools as Array<{ function: { name: string } }>).map((tool) => tool.function.name), ['weather_get']);
  assert.deepEqual(result.functionCalls?.map((call) => [call.name, call.args]), [['weather.get', { city: 'Rome' }]]);
});

test('Gemini SDK, streaming, a dotted function name, to Chat Completions: the streamed call comes back as weather.get', async () => {
  harness.upstreams['openai-chat'].enqueue(chatToolCall('weather_get', true));
  const ai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
  const names: string[] = [];
  for await (const chunk of await ai.models.generateContentStream({ model: modelFor('openai-chat'), contents: 'Weather in Rome?', config: { tools: [dottedTool] } })) {
    for (const call of chunk.functionCalls ?? []) names.push(String(call.name));
  }
  assert.deepEqual(names, ['weather.get']);
  assert.equal(receivedBy('openai-chat').stream, true);
});

test('Gemini SDK, a dotted function call in the history, to Responses: call and output go out renamed and still pair', async () => {
  harness.upstreams['openai-responses'].enqueue(upstreamScenarios['openai-responses'].text.reply);
  const ai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
  await ai.models.generateContent({
    model: modelFor('openai-responses'),
    contents: [
      { role: 'user', parts: [{ text: 'Weather in Rome?' }] },
      { role: 'model', parts: [{ functionCall: { id: 'call_1', name: 'weather.get', args: { city: 'Rome' } } }] },
      { role: 'user', parts: [{ functionResponse: { id: 'call_1', name: 'weather.get', response: { output: 'sunny' } } }] },
    ],
    config: { tools: [dottedTool] },
  });
  const sent = receivedBy('openai-responses');
  assert.deepEqual((sent.tools as Array<{ name: string }>).map((tool) => tool.name), ['weather_get']);
  const call = (sent.input as Array<Record<string, unknown>>).find((item) => item.type === 'function_call');
  assert.equal(call?.name, 'weather_get');
});
