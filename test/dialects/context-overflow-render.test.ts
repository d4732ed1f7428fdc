/**
 * A context overflow from one vendor reaches a caller of another in that caller's vendor's shape and
 * words, with the upstream's counts: OpenAI's `context_length_exceeded` (HTTP and, for Responses,
 * in `response.failed`), Anthropic's "prompt is too long: N tokens > M maximum", Gemini's "The input
 * token count (N) exceeds the maximum number of tokens allowed (M).", Bedrock's ValidationException
 * "Input is too long for requested model.", Ollama's "the input length exceeds the context length".
 * The upstream bodies are those of context-overflow-parse.test.ts, with the same sources.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { BadRequestError } from '@anthropic-ai/sdk';
import { anthropicDialect } from '../../src/dialects/anthropic/index.js';
import { bedrockDialect } from '../../src/dialects/bedrock/index.js';
import { geminiDialect } from '../../src/dialects/gemini/index.js';
import { ollamaDialect } from '../../src/dialects/ollama/index.js';
import { openaiChatDialect } from '../../src/dialects/openai-chat/index.js';
import { openaiCompletionsDialect } from '../../src/dialects/openai-completions/index.js';
import { openaiResponsesDialect } from '../../src/dialects/openai-responses/index.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import { sdkClient } from './anthropic/support.js';
import { encodeEvents as encodeAnthropicEvents } from './anthropic/support.js';
import { asObject, assertValidResponsesStream, encodeEvents as encodeResponsesEvents } from './openai-responses/helpers.js';

const json = { 'content-type': 'application/json' };
/** The message an Anthropic caller is given. */
const anthropicMessage = (error: InterlinguaError) => (anthropicDialect.emitError(error).body as { error: { message: string } }).error.message;
/** boldsoftware/exe.dev#62 */
const fromAnthropic = () =>
  anthropicDialect.parseError(400, `{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 200251 tokens > 200000 maximum"},"request_id":"req_011CWdepJvA2D819tdYYq4h7"}`, json);
/** google-gemini/gemini-cli#4118 */
const fromGemini = () => geminiDialect.parseError(400, `{"error":{"code":400,"message":"The input token count (132478) exceeds the maximum number of tokens allowed (131072).","status":"INVALID_ARGUMENT"}}`, json);
/** evalstate/fast-agent#621 (DeepSeek) */
const fromDeepseek = () =>
  openaiChatDialect.parseError(
    400,
    `{"error":{"message":"This model's maximum context length is 131072 tokens. However, you requested 131134 tokens (122942 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.","type":"invalid_request_error","param":null,"code":"invalid_request_error"}}`,
    json,
  );
/** aws-samples/assessment-generator#2: no counts */
const fromBedrock = () =>
  bedrockDialect.parseError(400, '{"message":"Input is too long for requested model."}', { 'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/' });

test('OpenAI Chat callers: invalid_request_error, param messages, code context_length_exceeded, in OpenAI’s words', () => {
  assert.deepEqual(openaiChatDialect.emitError(fromAnthropic()), {
    status: 400,
    body: {
      error: {
        message: "This model's maximum context length is 200000 tokens. However, your messages resulted in 200251 tokens. Please reduce the length of the messages.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
    },
  });
  // The official SDK raises its BadRequestError with OpenAI's code word.
  const { status, body } = openaiChatDialect.emitError(fromGemini());
  const raised = OpenAI.APIError.generate(status, body as object, undefined, new Headers());
  assert.ok(raised instanceof OpenAI.BadRequestError);
  assert.equal(raised.code, 'context_length_exceeded');
  assert.equal(raised.param, 'messages');
  assert.match(raised.message, /maximum context length is 131072 tokens\. However, your messages resulted in 132478 tokens/);
});

test('OpenAI Chat callers: without counts, OpenAI’s sentence and what the upstream said', () => {
  const body = openaiChatDialect.emitError(fromBedrock()).body as { error: Record<string, unknown> };
  assert.equal(body.error['code'], 'context_length_exceeded');
  assert.equal(body.error['message'], 'Your input exceeds the context window of this model. Please adjust your input and try again. (Input is too long for requested model.)');
});

test('legacy Completions callers: the same code and words', () => {
  const { status, body } = openaiCompletionsDialect.emitError(fromAnthropic());
  assert.equal(status, 400);
  const error = (body as { error: Record<string, unknown> }).error;
  assert.equal(error['code'], 'context_length_exceeded');
  assert.equal(error['type'], 'invalid_request_error');
  assert.match(String(error['message']), /^This model's maximum context length is 200000 tokens/);
});

test('Responses callers: an HTTP error naming input, before the stream', () => {
  assert.deepEqual(openaiResponsesDialect.emitError(fromDeepseek()), {
    status: 400,
    body: {
      error: {
        message:
          "This model's maximum context length is 131072 tokens. However, you requested 131134 tokens (122942 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.",
        type: 'invalid_request_error',
        param: 'input',
        code: 'context_length_exceeded',
      },
    },
  });
});

test('Responses callers: after the stream started, an error event and response.failed with code context_length_exceeded (what Codex CLI reads)', () => {
  const text = encodeResponsesEvents([
    { type: 'response-start', id: 'resp_1', model: 'm' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Part' },
    { type: 'error', error: fromAnthropic() },
  ]);
  const wire = assertValidResponsesStream(text);
  const errorEvent = wire.at(-2);
  assert.equal(errorEvent?.type, 'error');
  assert.equal(errorEvent?.['code'], 'context_length_exceeded');
  assert.equal(wire.at(-1)?.type, 'response.failed');
  assert.deepEqual(asObject(wire.at(-1)?.['response'])['error'], {
    code: 'context_length_exceeded',
    message: "This model's maximum context length is 200000 tokens. However, your messages resulted in 200251 tokens. Please reduce the length of the messages.",
  });
});

test('Anthropic callers: invalid_request_error "prompt is too long: N tokens > M maximum", raised as BadRequestError', async () => {
  const { status, body } = anthropicDialect.emitError(fromGemini());
  assert.deepEqual({ status, body }, { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 132478 tokens > 131072 maximum' } } });
  const client = sdkClient(() => new Response(JSON.stringify(body), { status, headers: json }));
  await assert.rejects(client.messages.create({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }), (error: unknown) => {
    assert.ok(error instanceof BadRequestError);
    assert.match(error.message, /prompt is too long: 132478 tokens > 131072 maximum/);
    return true;
  });
});

test('Anthropic callers: output counted against the window is Anthropic’s max_tokens overflow; no counts, "prompt is too long: " and the upstream’s words', () => {
  assert.equal(
    anthropicMessage(fromDeepseek()),
    'input length and `max_tokens` exceed context limit: 122942 + 8192 > 131072, decrease input length or `max_tokens` and try again',
  );
  assert.equal(anthropicMessage(fromBedrock()), 'prompt is too long: Input is too long for requested model.');
});

test('Anthropic callers: mid-stream, the error event in the same words', () => {
  const text = encodeAnthropicEvents([{ type: 'response-start', id: 'msg_1', model: 'm' }, { type: 'error', error: fromGemini() }]);
  assert.match(text, /event: error\ndata: \{"type":"error","error":\{"type":"invalid_request_error","message":"prompt is too long: 132478 tokens > 131072 maximum"\}\}/);
});

test('Gemini callers: 400 INVALID_ARGUMENT in Gemini’s words', () => {
  assert.deepEqual(geminiDialect.emitError(fromAnthropic()), {
    status: 400,
    body: { error: { code: 400, message: 'The input token count (200251) exceeds the maximum number of tokens allowed (200000).', status: 'INVALID_ARGUMENT' } },
  });
  const bedrock = geminiDialect.emitError(fromBedrock()).body as { error: { message: string; status: string } };
  assert.equal(bedrock.error.status, 'INVALID_ARGUMENT');
  assert.equal(bedrock.error.message, 'The input token count exceeds the maximum number of tokens allowed. (Input is too long for requested model.)');
});

test('Bedrock callers: ValidationException "Input is too long for requested model.", the counts after it', () => {
  assert.deepEqual(bedrockDialect.emitError(fromAnthropic()), {
    status: 400,
    body: { message: 'Input is too long for requested model. (prompt is too long: 200251 tokens > 200000 maximum)', __type: 'ValidationException' },
    headers: { 'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
  });
});

test('Ollama callers: a 400 saying the input length exceeds the context length', () => {
  assert.deepEqual(ollamaDialect.emitError(fromGemini()), {
    status: 400,
    body: { error: 'the input length exceeds the context length: The input token count (132478) exceeds the maximum number of tokens allowed (131072).' },
  });
});

test('a caller of the upstream’s own dialect gets its words back as they were', () => {
  assert.equal(anthropicMessage(fromAnthropic()), 'prompt is too long: 200251 tokens > 200000 maximum');
  const deepseek = openaiChatDialect.emitError(fromDeepseek()).body as { error: Record<string, unknown> };
  assert.match(String(deepseek.error['message']), /131134 tokens \(122942 in the messages, 8192 in the completion\)/);
  assert.equal(deepseek.error['code'], 'context_length_exceeded');
});

test('a context_length_exceeded the gateway wrote itself keeps its message', () => {
  const own = new InterlinguaError('context_length_exceeded', 'The conversation is over the 8192-token window of this model.');
  assert.equal(anthropicMessage(own), own.message);
  assert.equal((openaiChatDialect.emitError(own).body as { error: { message: string } }).error.message, own.message);
});
