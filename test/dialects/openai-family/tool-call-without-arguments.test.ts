/**
 * A tool call streamed without arguments (recorded: fixtures/recorded/anthropic/stream-tool-use-no-args.data.ndjson,
 * `input: {}` and then an empty `partial_json`) reaches a Chat Completions or Responses caller with
 * `"{}"`, as the same answer unstreamed does (response-tool-use-no-args.json): an empty string is no
 * JSON, and clients that parse the arguments fail on it (vercel/ai#2103, open-webui#22189).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import type { Dialect } from '../../../src/interlingua/dialect.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { readFixtureDataLines, readFixtureJson } from '../../support/fixtures.js';

const request: ChatRequest = { model: 'caller-model', system: [], messages: [], sampling: {}, stream: true };

/** The recorded Anthropic stream, decoded and written for a caller of `caller`. */
function transcoded(caller: Dialect): string {
  const decoder = anthropicDialect.createStreamDecoder();
  const encoder = caller.createStreamEncoder({ requestedModel: 'caller-model', request });
  const events = [...readFixtureDataLines('anthropic/stream-tool-use-no-args.data.ndjson', true).flatMap((frame) => decoder.push(frame)), ...decoder.end()];
  return events.map((event) => encoder.encode(event)).join('');
}

function clientReading(body: string): OpenAI {
  return new OpenAI({ apiKey: 'k', baseURL: 'http://gateway.invalid/v1', maxRetries: 0, fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }) });
}

/** What the same answer unstreamed gives the caller as the call's arguments. */
function unstreamedArguments(caller: Dialect): string {
  const body = JSON.stringify(caller.emitResponse(anthropicDialect.parseResponse(readFixtureJson('anthropic/response-tool-use-no-args.json')), { requestedModel: 'caller-model', request: { ...request, stream: false } }));
  return /"arguments":("(?:[^"\\]|\\.)*")/.exec(body)?.[1] ?? 'none';
}

test('Chat Completions: the streamed call has "{}", as the unstreamed answer, and the SDK accumulator parses it', async () => {
  const completion = await clientReading(transcoded(openaiChatDialect))
    .chat.completions.stream({ model: 'caller-model', messages: [{ role: 'user', content: 'hi' }] })
    .finalChatCompletion();
  const call = completion.choices[0]?.message.tool_calls?.[0];
  assert.equal(call?.type === 'function' ? call.function.arguments : undefined, '{}');
  assert.equal(JSON.stringify('{}'), unstreamedArguments(openaiChatDialect));
  assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
});

test('Responses: the arguments done event, the item and the completed response say "{}"', () => {
  const events = transcoded(openaiResponsesDialect)
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
  const done = events.find((event) => event['type'] === 'response.function_call_arguments.done');
  assert.equal(done?.['arguments'], '{}');
  const item = events.find((event) => event['type'] === 'response.output_item.done' && (event['item'] as { type?: string }).type === 'function_call');
  assert.equal((item?.['item'] as { arguments?: string }).arguments, '{}');
  const completed = events.find((event) => event['type'] === 'response.completed')?.['response'] as { output: Array<{ type: string; arguments?: string }> };
  assert.equal(completed.output.find((output) => output.type === 'function_call')?.arguments, '{}');
  assert.equal(JSON.stringify('{}'), unstreamedArguments(openaiResponsesDialect));
});
