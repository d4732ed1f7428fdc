/**
 * A Gemini caller's chat (the @google/genai SDK's `chats`, streaming) calling a function through an
 * OpenAI upstream. The SDK's history keeps one model content per streamed chunk (its thinking, the
 * call, the finish chunk's empty text: `recordHistory` in node_modules/@google/genai), so the next
 * turn sends the model's turn as several contents. They are one turn: the call's result must come
 * right after it, as Chat Completions and Responses demand, with the reasoning that led to the call
 * beside it, rather than the result being told as user text and the call answered "no result".
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleGenAI } from '@google/genai';
import { modelFor, startHarness, type DialectName, type Harness } from './support/harness.js';
import { readFixtureText } from '../support/fixtures.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

const tools = [{ functionDeclarations: [{ name: 'weather', parametersJsonSchema: { type: 'object', properties: { location: { type: 'string' } } } }] }];

/** Two turns of one chat: the question, answered with a streamed call, then the call's result. */
async function chatWithResult(upstream: DialectName, recorded: string): Promise<{ sent: Record<string, unknown>; warnings: string }> {
  const ai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: harness.gatewayUrl } });
  const chat = ai.chats.create({ model: modelFor(upstream), config: { tools, thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 } } });
  harness.upstreams[upstream].enqueue({ kind: 'stream', text: readFixtureText(recorded) });
  const calls = [];
  for await (const chunk of await chat.sendMessageStream({ message: 'What is the weather in Florence?' })) calls.push(...(chunk.functionCalls ?? []));
  assert.ok(chat.getHistory().filter((content) => content.role === 'model').length > 1, 'the SDK keeps the streamed turn as several contents');
  harness.upstreams[upstream].enqueue({ kind: 'stream', text: readFixtureText(recorded) });
  let warnings = '';
  const answer = await chat.sendMessageStream({ message: calls.map((call) => ({ functionResponse: { id: call.id, name: call.name, response: { output: 'sunny' } } })) });
  for await (const chunk of answer) warnings = chunk.sdkHttpResponse?.headers?.['x-interlingua-warnings'] ?? warnings;
  return { sent: harness.upstreams[upstream].requests[1]?.body as Record<string, unknown>, warnings };
}

test('Chat Completions gets the result as the tool message right after the call', async () => {
  const { sent, warnings } = await chatWithResult('openai-chat', 'openai-chat/fantasy-gpt4o-tool_streaming.i0.response.sse');
  const messages = sent['messages'] as Array<{ role: string; tool_calls?: Array<{ id: string }>; tool_call_id?: string; content?: unknown }>;
  const callAt = messages.findIndex((message) => message.tool_calls !== undefined);
  assert.deepEqual(messages.slice(callAt + 1), [{ role: 'tool', tool_call_id: messages[callAt]?.tool_calls?.[0]?.id, content: 'sunny' }]);
  assert.doesNotMatch(warnings, /tool_result\.(missing|orphan)/);
});

test('Responses gets the reasoning, the call and the output that answers it', async () => {
  const { sent, warnings } = await chatWithResult('openai-responses', 'openai-responses/fantasy-o4mini-summary-thinking-streaming.i0.response.sse');
  const items = (sent['input'] as Array<Record<string, unknown>>).filter((item) => item['type'] !== 'message' && item['role'] === undefined);
  assert.deepEqual(items.map((item) => item['type']), ['reasoning', 'function_call', 'function_call_output']);
  assert.match(String(items[0]?.['encrypted_content']), /^gAAAA/, 'OpenAI\'s own encrypted reasoning goes back');
  assert.deepEqual([items[2]?.['call_id'], items[2]?.['output']], [items[1]?.['call_id'], 'sunny']);
  assert.doesNotMatch(warnings, /tool_result\.(missing|orphan)/);
});
