/**
 * What the caller's `tool_choice` and `parallel_tool_calls` allow holds for a model that reads its
 * tools from the prompt: a forced function is the only tool it is told of and the only one whose
 * calls pass; with parallel calls off only the first call passes; under `none` calls it copies
 * from the history are read and dropped, never passed on as markup. Each drop is warned of.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { openaiChatReply } from '../plugins/support/scripted-replies.js';
import { warningsOf } from '../gateway/support/warnings-header.js';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: { local: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'k' } },
  models: { emulated: [{ provider: 'local', model: 'small-model', toolCalling: 'emulate', toolFormat: 'hermes' }] },
  retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
}));

const tools: ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
  { type: 'function', function: { name: 'get_time', description: 'Time in a zone', parameters: { type: 'object', properties: { tz: { type: 'string' } } } } },
];
const question: ChatCompletionMessageParam = { role: 'user', content: 'Weather in Paris, and the time there?' };
const weatherCall = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>';
const timeCall = (tz: string) => `<tool_call>\n{"name": "get_time", "arguments": {"tz": "${tz}"}}\n</tool_call>`;

function client(): OpenAI {
  return new OpenAI({ apiKey: 'caller', baseURL: `${setup.url}/v1`, maxRetries: 0 });
}

/** The system text the upstream was sent, where the tools are listed. */
function sentSystem(index: number): string {
  const body = setup.upstream.requests[index]?.body as { messages: Array<{ role: string; content: unknown }> };
  return body.messages.filter((message) => message.role === 'system').map((message) => JSON.stringify(message.content)).join('\n');
}

/** A streamed answer as the caller reads it. */
async function streamed(body: OpenAI.ChatCompletionCreateParamsStreaming): Promise<{ text: string; calls: string[]; finish: string | null | undefined; warnings: string[] }> {
  const { data: stream, response } = await client().chat.completions.create(body).withResponse();
  let text = '';
  const calls: string[] = [];
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    text += choice?.delta.content ?? '';
    for (const call of choice?.delta.tool_calls ?? []) if (call.function?.name !== undefined) calls.push(call.function.name);
    finish = choice?.finish_reason ?? finish;
  }
  return { text, calls, finish, warnings: warningsOf(response.headers).map((warning) => warning.feature) };
}

function callNames(message: OpenAI.ChatCompletionMessage): string[] {
  return (message.tool_calls ?? []).map((call) => (call.type === 'function' ? `${call.function.name}${call.function.arguments}` : call.type));
}

test('a forced function is the only tool offered, and a call of another goes to the repair', async () => {
  setup.upstream.enqueue(openaiChatReply({ text: weatherCall }, false), openaiChatReply({ text: timeCall('CET') }, false));
  const completion = await client().chat.completions.create({ model: 'emulated', messages: [question], tools, tool_choice: { type: 'function', function: { name: 'get_time' } } });
  assert.match(sentSystem(0), /get_time/);
  assert.doesNotMatch(sentSystem(0), /get_weather/, 'only the forced tool is listed');
  assert.equal(setup.upstream.requests.length, 2, 'a call of a tool not offered is no call: the model is asked again');
  assert.deepEqual(callNames(completion.choices[0]!.message), ['get_time{"tz":"CET"}']);
});

test('parallel calls off, whole: only the first call reaches the caller, with a warning', async () => {
  setup.upstream.enqueue(openaiChatReply({ text: `${timeCall('UTC')}\n${timeCall('CET')}` }, false));
  const { data: completion, response } = await client()
    .chat.completions.create({ model: 'emulated', messages: [question], tools, tool_choice: { type: 'function', function: { name: 'get_time' } }, parallel_tool_calls: false })
    .withResponse();
  assert.deepEqual(callNames(completion.choices[0]!.message), ['get_time{"tz":"UTC"}']);
  assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
  assert.ok(warningsOf(response.headers).some((warning) => warning.feature === 'parallel_tool_calls' && /get_time/.test(warning.message)));
});

test('parallel calls off, streamed: only the first call reaches the caller', async () => {
  setup.upstream.enqueue(openaiChatReply({ text: `${weatherCall}\n${timeCall('CET')}` }, true));
  const result = await streamed({ model: 'emulated', messages: [question], tools, parallel_tool_calls: false, stream: true });
  assert.deepEqual(result.calls, ['get_weather']);
  assert.equal(result.finish, 'tool_calls');
});

/** A conversation whose earlier turn called a tool, so the prompt shows the call in the tool format. */
const withHistory: ChatCompletionMessageParam[] = [
  question,
  { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
  { role: 'tool', tool_call_id: 'call_1', content: 'Sunny, 21 °C' },
  { role: 'user', content: 'And in Lyon? Answer without tools.' },
];
const copiedCall = `Let me check.\n${weatherCall.replace('Paris', 'Lyon')}`;

test('tool_choice none, whole: a call the model copies is dropped, with a warning, and no markup reaches the caller', async () => {
  setup.upstream.enqueue(openaiChatReply({ text: copiedCall }, false));
  const { data: completion, response } = await client().chat.completions.create({ model: 'emulated', messages: withHistory, tools, tool_choice: 'none' }).withResponse();
  const message = completion.choices[0]!.message;
  assert.equal(message.content, 'Let me check.');
  assert.deepEqual(callNames(message), []);
  assert.equal(completion.choices[0]?.finish_reason, 'stop');
  assert.ok(warningsOf(response.headers).some((warning) => warning.feature === 'tool_choice.none'));
});

test('tool_choice none, streamed: the copied call is dropped and no markup reaches the caller', async () => {
  setup.upstream.enqueue(openaiChatReply({ text: copiedCall }, true));
  const result = await streamed({ model: 'emulated', messages: withHistory, tools, tool_choice: 'none', stream: true });
  assert.equal(result.text, 'Let me check.');
  assert.deepEqual(result.calls, []);
  assert.equal(result.finish, 'stop');
});
