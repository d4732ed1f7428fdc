/**
 * The cloud platforms' dialects over the shared codecs: Claude on Vertex (its body, its signatures,
 * Google's and Anthropic's errors) and Azure OpenAI's content-filter errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vertexAnthropicDialect } from '../../../src/dialects/anthropic/vertex-platform.js';
import { bedrockAnthropicDialect } from '../../../src/dialects/anthropic/bedrock-platform.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { azureOpenaiDialect } from '../../../src/dialects/openai-chat/azure-platform.js';
import { azureOpenaiResponsesDialect } from '../../../src/dialects/openai-responses/azure-platform.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import { SseParser } from '../../../src/wire/sse-parser.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';

const options = { model: 'claude-3-7-sonnet@20250219', defaultMaxOutputTokens: 1024 };

const withThinking = (origin: string): ChatRequest => ({
  model: 'm',
  system: [],
  sampling: {},
  stream: false,
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    { role: 'assistant', content: [{ type: 'reasoning', text: 'greeting', signature: 'sig', signatureOrigin: origin }, { type: 'text', text: 'Hello' }] },
    { role: 'user', content: [{ type: 'text', text: 'Again' }] },
  ],
});
const blocks = (body: unknown) => ((body as { messages: Array<{ content: Array<{ type: string }> }> }).messages[1]?.content ?? []).map((block) => block.type);

test('vertex-anthropic writes Anthropic’s body with anthropic_version vertex-2023-10-16 and without model, as recorded', () => {
  // test/fixtures/recorded/vertex/fantasy-anthropic-rawPredict-claude37-tool.i0.request.json
  const recorded = readFixtureJson('vertex/fantasy-anthropic-rawPredict-claude37-tool.i0.request.json') as Record<string, unknown>;
  // The model is in the path on Vertex, so it comes with the parse context, as a route gives it.
  const parsed = vertexAnthropicDialect.parseRequest(recorded, { model: 'claude-3-7-sonnet@20250219' });
  const emitted = vertexAnthropicDialect.emitRequest(parsed.request, options).body as Record<string, unknown>;
  assert.equal(emitted['anthropic_version'], 'vertex-2023-10-16');
  assert.equal(emitted['model'], undefined);
  assert.deepEqual(emitted['messages'], recorded['messages']);
  assert.deepEqual(emitted['tools'], recorded['tools']);
});

test('thinking signed on Vertex goes back only to Vertex; Anthropic’s and Bedrock’s are left out there with a warning', () => {
  assert.deepEqual(blocks(vertexAnthropicDialect.emitRequest(withThinking('vertex-anthropic'), options).body), ['thinking', 'text']);
  for (const origin of ['anthropic', 'bedrock-anthropic']) {
    const emitted = vertexAnthropicDialect.emitRequest(withThinking(origin), options);
    assert.deepEqual(blocks(emitted.body), ['text'], origin);
    assert.ok(emitted.warnings.some((warning) => warning.feature === 'reasoning'), origin);
  }
  assert.deepEqual(blocks(anthropicDialect.emitRequest(withThinking('vertex-anthropic'), options).body), ['text']);
  assert.deepEqual(blocks(bedrockAnthropicDialect.emitRequest(withThinking('vertex-anthropic'), options).body), ['text']);
  const parsed = vertexAnthropicDialect.parseResponse({
    id: 'msg_vrtx_1',
    type: 'message',
    role: 'assistant',
    model: 'claude',
    content: [{ type: 'thinking', thinking: 't', signature: 's' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1 },
  });
  assert.equal(parsed.content[0]?.type === 'reasoning' ? parsed.content[0].signatureOrigin : undefined, 'vertex-anthropic');
});

test('a recorded streamRawPredict stream folds to the text and tool call it carried', () => {
  // test/fixtures/recorded/vertex/fantasy-anthropic-streamRawPredict-claude37-tool.i0.response.sse
  const decoder = vertexAnthropicDialect.createStreamDecoder();
  const events: StreamEvent[] = [];
  for (const frame of new SseParser().push(readFixtureText('vertex/fantasy-anthropic-streamRawPredict-claude37-tool.i0.response.sse'))) events.push(...decoder.push(frame));
  events.push(...decoder.end());
  const response = foldStream(events);
  assert.deepEqual(
    response.content.map((part) => part.type),
    ['text', 'tool-call'],
  );
  assert.equal(response.finishReason.unified, 'tool-calls');
});

test('vertex-anthropic reads Google’s front-end errors and Claude’s own', () => {
  // test/fixtures/recorded/vertex/error-429-resource-exhausted.as-pasted.json, as pasted (array-wrapped) and bare.
  const pasted = readFixtureJson('vertex/error-429-resource-exhausted.as-pasted.json') as unknown[];
  for (const body of [JSON.stringify(pasted), JSON.stringify(pasted[0])]) {
    const error = vertexAnthropicDialect.parseError(429, body, { 'Retry-After': '3' });
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.vendorType, 'RESOURCE_EXHAUSTED');
    assert.equal(error.retryAfterMs, 3000);
    assert.match(error.message, /^Resource exhausted/);
    assert.equal(error.upstream?.dialect, 'vertex-anthropic');
  }
  const claude = vertexAnthropicDialect.parseError(400, JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } }), {});
  assert.equal(claude.code, 'invalid_request');
  assert.equal(claude.vendorType, 'invalid_request_error');
  assert.equal(claude.upstream?.dialect, 'vertex-anthropic');
  // Google's error body with a 4xx the error table gives another status keeps the upstream's own.
  const aborted = vertexAnthropicDialect.parseError(409, JSON.stringify({ error: { code: 409, message: 'The operation was aborted.', status: 'ABORTED' } }), {});
  assert.equal(aborted.status, 409);
  assert.equal(aborted.retryable, true);
});

test('Azure’s content-filter 400 names the filters that fired; other Azure errors read as OpenAI’s', () => {
  // test/fixtures/recorded/azure-openai/mirascope-content-filter-400.response.json
  const body = readFixtureText('azure-openai/mirascope-content-filter-400.response.json');
  for (const dialect of [azureOpenaiDialect, azureOpenaiResponsesDialect]) {
    const error = dialect.parseError(400, body, {});
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.retryable, false);
    assert.equal(error.vendorType, 'content_filter');
    assert.equal(error.param, 'prompt');
    assert.match(error.message, /^Azure OpenAI's content filter refused the prompt \(self_harm \(medium\)\)\. The response was filtered/);
    assert.equal(error.upstream?.dialect, dialect.name);
  }
  const limited = azureOpenaiDialect.parseError(429, readFixtureText('azure-openai/error-429-token-rate-limit.from-python-repr.json'), { 'retry-after': '86400' });
  assert.equal(limited.code, 'rate_limited');
  assert.match(limited.message, /^Requests to the ChatCompletions_Create Operation/);
  assert.equal(openaiChatDialect.parseError(400, body, {}).vendorType, undefined, 'the plain OpenAI dialect knows nothing of Azure’s filter');
});
