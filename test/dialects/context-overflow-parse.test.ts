/**
 * A prompt over the model's context window, as each vendor words it, is read as
 * `context_length_exceeded` (not a plain `invalid_request`), with the counts the vendor gives.
 * The bodies are the vendors' own as users reported them in public issues (each cited beside it);
 * none is a redistributable capture, so they are written here rather than copied under
 * test/fixtures/recorded. Beside each overflow, an ordinary refusal of the same type stays what it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicDialect } from '../../src/dialects/anthropic/index.js';
import { bedrockAnthropicDialect } from '../../src/dialects/anthropic/bedrock-platform.js';
import { vertexAnthropicDialect } from '../../src/dialects/anthropic/vertex-platform.js';
import { bedrockDialect } from '../../src/dialects/bedrock/index.js';
import { geminiDialect } from '../../src/dialects/gemini/index.js';
import { vertexGeminiDialect } from '../../src/dialects/gemini/vertex-platform.js';
import { ollamaDialect } from '../../src/dialects/ollama/index.js';
import { openaiChatDialect } from '../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../src/dialects/openai-responses/index.js';
import { InterlinguaError, type ContextOverflow } from '../../src/interlingua/error.js';
import type { Dialect, StreamFrame } from '../../src/interlingua/dialect.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';

const json = { 'content-type': 'application/json' };
const bedrockValidation = { 'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/' };

interface HttpCase {
  name: string;
  dialect: Dialect;
  status: number;
  body: string;
  headers?: Record<string, string>;
  overflow: ContextOverflow;
  param?: string;
}

const httpCases: HttpCase[] = [
  {
    name: 'OpenAI Chat: context_length_exceeded with the counts (chathub-dev/chathub#126)',
    dialect: openaiChatDialect,
    status: 400,
    body: `{"error":{"message":"This model's maximum context length is 4097 tokens. However, your messages resulted in 4294 tokens. Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}`,
    overflow: { limitTokens: 4097, inputTokens: 4294 },
    param: 'messages',
  },
  {
    name: 'DeepSeek (OpenAI format): the same words under code invalid_request_error, output counted (evalstate/fast-agent#621)',
    dialect: openaiChatDialect,
    status: 400,
    body: `{"error":{"message":"This model's maximum context length is 131072 tokens. However, you requested 131134 tokens (122942 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.","type":"invalid_request_error","param":null,"code":"invalid_request_error"}}`,
    overflow: { limitTokens: 131072, inputTokens: 122942, outputTokens: 8192 },
  },
  {
    name: "llama.cpp's server (OpenAI format): exceed_context_size_error with n_prompt_tokens and n_ctx",
    dialect: openaiChatDialect,
    status: 400,
    body: `{"error":{"code":400,"message":"request (4476 tokens) exceeds the available context size (4096 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":4476,"n_ctx":4096}}`,
    overflow: { limitTokens: 4096, inputTokens: 4476 },
  },
  {
    name: 'OpenAI Responses: context_length_exceeded naming input (dyad-sh/dyad#1672)',
    dialect: openaiResponsesDialect,
    status: 400,
    body: `{"error":{"type":"invalid_request_error","code":"context_length_exceeded","message":"Your input exceeds the context window of this model. Please adjust your input and try again.","param":"input"}}`,
    overflow: {},
    param: 'input',
  },
  {
    name: 'Anthropic: prompt is too long (boldsoftware/exe.dev#62)',
    dialect: anthropicDialect,
    status: 400,
    body: `{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 200251 tokens > 200000 maximum"},"request_id":"req_011CWdepJvA2D819tdYYq4h7"}`,
    overflow: { inputTokens: 200251, limitTokens: 200000 },
  },
  {
    name: 'Anthropic: input and max_tokens over the window (continuedev/continue#6080)',
    dialect: anthropicDialect,
    status: 400,
    body: '{"type":"error","error":{"type":"invalid_request_error","message":"input length and `max_tokens` exceed context limit: 199759 + 8192 > 200000, decrease input length or `max_tokens` and try again"}}',
    overflow: { inputTokens: 199759, outputTokens: 8192, limitTokens: 200000 },
  },
  {
    // Vertex relays Claude's own refusals in Anthropic's body (src/dialects/anthropic/vertex-platform.ts).
    name: "Claude on Vertex: Anthropic's body, the counts kept when the error is renamed for the platform",
    dialect: vertexAnthropicDialect,
    status: 400,
    body: `{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 200251 tokens > 200000 maximum"}}`,
    overflow: { inputTokens: 200251, limitTokens: 200000 },
  },
  {
    name: 'Gemini: the input token count, array-wrapped as a stream answers (google-gemini/gemini-cli#6678)',
    dialect: geminiDialect,
    status: 400,
    body: `[{"error":{"code":400,"message":"The input token count (1200293) exceeds the maximum number of tokens allowed (1048576).","errors":[{"message":"The input token count (1200293) exceeds the maximum number of tokens allowed (1048576).","domain":"global","reason":"badRequest"}],"status":"INVALID_ARGUMENT"}}]`,
    overflow: { inputTokens: 1200293, limitTokens: 1048576 },
  },
  {
    name: 'Gemini: the same, plain (google-gemini/gemini-cli#4118)',
    dialect: geminiDialect,
    status: 400,
    body: `{"error":{"code":400,"message":"The input token count (132478) exceeds the maximum number of tokens allowed (131072).","status":"INVALID_ARGUMENT"}}`,
    overflow: { inputTokens: 132478, limitTokens: 131072 },
  },
  {
    // The message as google-gemini/gemini-cli#19727 quotes it, in Google's error body.
    name: "Vertex Gemini: Vertex's own words for it",
    dialect: vertexGeminiDialect,
    status: 400,
    body: `{"error":{"code":400,"message":"Unable to submit request because the input token count is 1251952 but model only supports up to 1048576. Reduce the input token count and try again. You can also use the CountTokens API to calculate prompt token count and billable characters. Learn more: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/models","status":"INVALID_ARGUMENT"}}`,
    overflow: { inputTokens: 1251952, limitTokens: 1048576 },
  },
  {
    name: 'Bedrock Converse: ValidationException "Input is too long for requested model." (aws-samples/assessment-generator#2)',
    dialect: bedrockDialect,
    status: 400,
    body: '{"message":"Input is too long for requested model."}',
    headers: bedrockValidation,
    overflow: {},
  },
  {
    name: "Bedrock Converse: Claude's own words passed on (daisuke-awaji/moca#254)",
    dialect: bedrockDialect,
    status: 400,
    body: '{"message":"The model returned the following errors: prompt is too long: 200049 tokens > 200000 maximum"}',
    headers: bedrockValidation,
    overflow: { inputTokens: 200049, limitTokens: 200000 },
  },
  {
    name: 'Bedrock InvokeModel (Claude): "The model returned the following errors: Input is too long…" (continuedev/continue#6005)',
    dialect: bedrockAnthropicDialect,
    status: 400,
    body: '{"message":"The model returned the following errors: Input is too long for requested model."}',
    headers: bedrockValidation,
    overflow: {},
  },
  {
    name: 'Ollama: the input length exceeds the context length (nano-step/nano-brain#208)',
    dialect: ollamaDialect,
    status: 400,
    body: '{"error":"the input length exceeds the context length"}',
    overflow: {},
  },
  {
    name: "Ollama: llama.cpp's exceed_context_size_error passed on as its text, counts read",
    dialect: ollamaDialect,
    status: 400,
    body: JSON.stringify({
      error: '{"error":{"code":400,"message":"request (2622 tokens) exceeds the available context size (512 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":2622,"n_ctx":512}}',
    }),
    overflow: { inputTokens: 2622, limitTokens: 512 },
  },
];

for (const { name, dialect, status, body, headers, overflow, param } of httpCases) {
  test(`parseError: ${name} → context_length_exceeded`, () => {
    const error = dialect.parseError(status, body, headers ?? json);
    assert.ok(error instanceof InterlinguaError);
    assert.equal(error.code, 'context_length_exceeded');
    assert.equal(error.status, 400);
    assert.equal(error.retryable, false, 'no retry of the same deployment');
    assert.deepEqual(error.contextOverflow, overflow);
    if (param !== undefined) assert.equal(error.param, param);
  });
}

const ordinaryRefusals: Array<{ name: string; dialect: Dialect; body: string; headers?: Record<string, string> }> = [
  { name: 'OpenAI unsupported parameter', dialect: openaiChatDialect, body: `{"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}}` },
  { name: 'Anthropic malformed messages', dialect: anthropicDialect, body: '{"type":"error","error":{"type":"invalid_request_error","message":"messages: at least one message is required"}}' },
  { name: 'Gemini missing thought signature', dialect: geminiDialect, body: '{"error":{"code":400,"message":"Function call is missing a thought_signature in functionCall parts.","status":"INVALID_ARGUMENT"}}' },
  {
    name: 'Bedrock turn order (BerriAI/litellm#6975)',
    dialect: bedrockDialect,
    body: '{"message":"messages.32.content: Conversation blocks and tool result blocks cannot be provided in the same turn."}',
    headers: bedrockValidation,
  },
  { name: 'Ollama bad base64', dialect: ollamaDialect, body: '{"error":"illegal base64 data at input byte 0"}' },
];

for (const { name, dialect, body, headers } of ordinaryRefusals) {
  test(`parseError: ${name} stays invalid_request`, () => {
    const error = dialect.parseError(400, body, headers ?? json);
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.contextOverflow, undefined);
  });
}

test('an OpenAI rate limit whose words mention tokens is not an overflow', () => {
  const body = `{"error":{"message":"Request too large for gpt-4o on tokens per min (TPM): Limit 30000, Requested 42000.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}`;
  assert.equal(openaiChatDialect.parseError(429, body, json).code, 'rate_limited');
});

function streamErrors(dialect: Dialect, frames: StreamFrame[]): InterlinguaError[] {
  const decoder = dialect.createStreamDecoder();
  const events: StreamEvent[] = [];
  for (const frame of frames) events.push(...decoder.push(frame));
  return events.flatMap((event) => (event.type === 'error' ? [event.error] : []));
}

test('in a Responses stream: the error event and response.failed with context_length_exceeded (dyad-sh/dyad#1672; codex-rs context_window_error_is_fatal)', () => {
  const errorEvent = streamErrors(openaiResponsesDialect, [
    {
      event: 'error',
      data: `{"type":"error","sequence_number":2,"error":{"type":"invalid_request_error","code":"context_length_exceeded","message":"Your input exceeds the context window of this model. Please adjust your input and try again.","param":"input"}}`,
    },
  ]);
  assert.equal(errorEvent[0]?.code, 'context_length_exceeded');
  const failed = streamErrors(openaiResponsesDialect, [
    {
      event: 'response.failed',
      data: `{"type":"response.failed","sequence_number":3,"response":{"id":"resp_5c66275b97b9baef1ed95550adb3b7ec13b17aafd1d2f11b","object":"response","created_at":1759510079,"status":"failed","background":false,"error":{"code":"context_length_exceeded","message":"Your input exceeds the context window of this model. Please adjust your input and try again."},"usage":null,"user":null,"metadata":{}}}`,
    },
  ]);
  assert.equal(failed.at(-1)?.code, 'context_length_exceeded');
});

test("in an Anthropic stream: an error event saying the prompt is too long", () => {
  const [error] = streamErrors(anthropicDialect, [
    { event: 'error', data: '{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}' },
  ]);
  assert.equal(error?.code, 'context_length_exceeded');
  assert.deepEqual(error?.contextOverflow, { inputTokens: 210000, limitTokens: 200000 });
});

test('in a Gemini stream: a chunk carrying the overflow error (google-gemini/gemini-cli#12469)', () => {
  const [error] = streamErrors(geminiDialect, [
    { data: '{"error":{"code":400,"message":"The input token count (154364) exceeds the maximum number of tokens allowed (131072).","status":"INVALID_ARGUMENT"}}' },
  ]);
  assert.equal(error?.code, 'context_length_exceeded');
  assert.deepEqual(error?.contextOverflow, { inputTokens: 154364, limitTokens: 131072 });
});

test('in a ConverseStream: a validationException after the start (aws-samples/bedrock-chat#95)', () => {
  const errors = streamErrors(bedrockDialect, [
    { event: 'messageStart', data: '{"role":"assistant"}' },
    { event: 'validationException', data: '{"message":"Input is too long for requested model."}', exception: true },
  ]);
  assert.equal(errors[0]?.code, 'context_length_exceeded');
  assert.equal(errors[0]?.vendorType, 'ValidationException');
});

test('in an Ollama stream: an error line saying the input is over the context length', () => {
  const [error] = streamErrors(ollamaDialect, [{ data: '{"error":"the input length exceeds the context length"}' }]);
  assert.equal(error?.code, 'context_length_exceeded');
});
