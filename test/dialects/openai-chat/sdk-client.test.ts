/**
 * The official `openai` SDK (node_modules/openai, v6) as the client of what this dialect writes:
 * its stream accumulator (`chat.completions.stream`), its error classes, and its mid-stream error
 * handling. The SDK's `fetch` is stubbed, so nothing leaves the process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import { InterlinguaError, errorTable, type ErrorCode } from '../../../src/interlingua/error.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { expectedOpenaiCode } from '../../support/openai-code-words.js';

const request: ChatRequest = { model: 'caller-model', system: [], messages: [], sampling: {}, stream: true, streamUsage: true };
const context = { requestedModel: 'caller-model', request };

function clientAnswering(status: number, body: string, contentType: string): OpenAI {
  return new OpenAI({
    apiKey: 'test-key',
    baseURL: 'http://gateway.invalid/v1',
    maxRetries: 0,
    fetch: async () => new Response(body, { status, headers: { 'content-type': contentType } }),
  });
}

function encodeResponse(response: ChatResponse): string {
  const encoder = openaiChatDialect.createStreamEncoder(context);
  return responseToEvents(response).map((event) => encoder.encode(event)).join('');
}

const params = { model: 'caller-model', messages: [{ role: 'user' as const, content: 'hi' }] };

test('the SDK stream accumulator rebuilds a multi-tool answer from our chunks (fixtures/openai-chat/fantasy-gpt4o-multi_tool.i0.response.json)', async () => {
  const response = openaiChatDialect.parseResponse(readFixtureJson('openai-chat/fantasy-gpt4o-multi_tool.i0.response.json'));
  const client = clientAnswering(200, encodeResponse(response), 'text/event-stream');
  const completion = await client.chat.completions.stream(params).finalChatCompletion();
  const [choice] = completion.choices;
  assert.equal(completion.id, 'chatcmpl-DuLdJw8LrXaHfxHUWoGkO4mQLLtEk');
  assert.equal(completion.model, 'caller-model');
  assert.equal(choice?.finish_reason, 'tool_calls');
  assert.deepEqual(
    choice?.message.tool_calls?.map((call) => (call.type === 'function' ? [call.id, call.function.name, call.function.arguments] : [])),
    [
      ['call_fifE5poZ3dg3JDUKGFi48NGq', 'add', '{"a": 2, "b": 3}'],
      ['call_cvvIly4eGLZUYOMhAviT8jAF', 'multiply', '{"a": 2, "b": 3}'],
    ],
  );
  assert.equal(completion.usage?.prompt_tokens, 110);
});

test('the SDK stream accumulator rebuilds text and usage (fixtures/openai-chat/response-text.json)', async () => {
  const response = openaiChatDialect.parseResponse(readFixtureJson('openai-chat/response-text.json'));
  const client = clientAnswering(200, encodeResponse(response), 'text/event-stream');
  const completion = await client.chat.completions.stream(params).finalChatCompletion();
  const text = response.content[0]?.type === 'text' ? response.content[0].text : '';
  assert.equal(completion.choices[0]?.message.content, text);
  assert.equal(completion.choices[0]?.message.role, 'assistant');
  assert.equal(completion.usage?.completion_tokens, 363);
});

test('the SDK reads our non-streamed body', async () => {
  const response = openaiChatDialect.parseResponse(readFixtureJson('openai-chat/fantasy-gpt4o-tool.i0.response.json'));
  const body = JSON.stringify(openaiChatDialect.emitResponse(response, { ...context, request: { ...request, stream: false } }));
  const completion = await clientAnswering(200, body, 'application/json').chat.completions.create(params);
  const call = completion.choices[0]?.message.tool_calls?.[0];
  assert.ok(call?.type === 'function');
  assert.equal(call.function.name, 'weather');
  assert.equal(completion.choices[0]?.message.refusal, null);
});

/** The SDK picks its error class by status (node_modules/openai/core/error.js `APIError.generate`). */
const sdkClassByCode: Partial<Record<ErrorCode, abstract new (...args: never[]) => Error>> = {
  invalid_request: OpenAI.BadRequestError,
  authentication: OpenAI.AuthenticationError,
  permission: OpenAI.PermissionDeniedError,
  not_found: OpenAI.NotFoundError,
  rate_limited: OpenAI.RateLimitError,
  internal: OpenAI.InternalServerError,
  overloaded: OpenAI.InternalServerError,
};

for (const code of Object.keys(errorTable) as ErrorCode[]) {
  test(`the SDK raises the right error for our ${code} body`, async () => {
    const { status, body } = openaiChatDialect.emitError(new InterlinguaError(code, `failure: ${code}`, { param: 'messages' }));
    const client = clientAnswering(status, JSON.stringify(body), 'application/json');
    await assert.rejects(client.chat.completions.create(params), (error: unknown) => {
      assert.ok(error instanceof (sdkClassByCode[code] ?? OpenAI.APIError), `${code}: ${String(error)}`);
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, errorTable[code].status);
      assert.equal(error.code, expectedOpenaiCode(code));
      assert.equal(error.param, 'messages');
      assert.match(error.message, new RegExp(`failure: ${code}`));
      return true;
    });
  });
}

test('the SDK raises our in-stream error frame as an APIError after the content before it', async () => {
  const encoder = openaiChatDialect.createStreamEncoder(context);
  const text = [
    encoder.encode({ type: 'response-start', id: 'chatcmpl-err', model: 'm' }),
    encoder.encode({ type: 'text-start', id: 't' }),
    encoder.encode({ type: 'text-delta', id: 't', delta: 'Partial' }),
    encoder.encode({ type: 'error', error: new InterlinguaError('overloaded', 'The upstream is overloaded.') }),
  ].join('');
  const client = clientAnswering(200, text, 'text/event-stream');
  const stream = await client.chat.completions.create({ ...params, stream: true });
  const received: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    })(),
    (error: unknown) => error instanceof OpenAI.APIError && error.message === 'The upstream is overloaded.' && error.type === 'server_error',
  );
  // The first chunk is the role chunk OpenAI opens every stream with (content "").
  assert.deepEqual(received, ['', 'Partial']);
});
