/**
 * emitRequest(parseRequest(x)) reproduces every `/api/chat` request fixture x (fixtures/ollama
 * chat-request-*, the docs/api.md examples; see MANIFEST.md), compared as whole JSON values so a
 * dropped or added field fails. The one documented rewrite: `stream` is always written, and an
 * absent `stream` means true (docs/api.md "Streaming can be disabled using "stream": false").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { chatRequestFixtures, readOllamaFixture } from './helpers.js';

function withExplicitStream(body: unknown): Record<string, unknown> {
  assert.ok(body !== null && typeof body === 'object' && !Array.isArray(body));
  const copy = structuredClone(body) as Record<string, unknown>;
  copy['stream'] ??= true;
  return copy;
}

function roundTrip(original: unknown) {
  const { request, warnings: parseWarnings } = ollamaDialect.parseRequest(original, {});
  const emitted = ollamaDialect.emitRequest(request, { model: request.model, defaultMaxOutputTokens: 4096 });
  return { request, parseWarnings, emitted };
}

test('there are chat request fixtures to replay', () => {
  assert.ok(chatRequestFixtures.length >= 6, `only ${chatRequestFixtures.length} request fixtures found`);
  assert.ok(chatRequestFixtures.includes('ollama/chat-request-history-tools.jsonc'));
});

for (const path of chatRequestFixtures) {
  test(`request round trip: ${path}`, () => {
    const original = readOllamaFixture(path);
    const { parseWarnings, emitted } = roundTrip(original);
    assert.deepEqual(parseWarnings, [], 'a documented request parses without loss');
    assert.deepEqual(emitted.warnings, [], 'and is emitted without loss');
    assert.deepEqual(emitted.body, withExplicitStream(original));
  });
}

test('the comparison notices a dropped field (guards the round trip itself)', () => {
  const original = readOllamaFixture('ollama/chat-request-history-tools.jsonc');
  const { request } = roundTrip(original);
  const emit = (changed: typeof request) => ollamaDialect.emitRequest(changed, { model: request.model, defaultMaxOutputTokens: 1 }).body;
  assert.notDeepEqual(emit({ ...request, tools: [] }), withExplicitStream(original));
  assert.notDeepEqual(emit({ ...request, messages: request.messages.slice(0, -1) }), withExplicitStream(original));
  assert.notDeepEqual(emit({ ...request, stream: true }), withExplicitStream(original));
});

test('a request without stream is a streaming request, and says so when emitted (fixtures/ollama/chat-request-stream.json)', () => {
  const original = readOllamaFixture('ollama/chat-request-stream.json');
  const { request, emitted } = roundTrip(original);
  assert.equal(request.stream, true);
  assert.equal(request.streamUsage, true);
  assert.equal((emitted.body as { stream?: unknown }).stream, true);
});

test('the history fixture pairs the tool result with its call and gives no made-up id back (fixtures/ollama/chat-request-history-tools.jsonc)', () => {
  const { request, emitted } = roundTrip(readOllamaFixture('ollama/chat-request-history-tools.jsonc'));
  const [, assistant, tool] = request.messages;
  assert.equal(assistant?.role, 'assistant');
  assert.equal(tool?.role, 'tool');
  const call = assistant?.role === 'assistant' ? assistant.content[0] : undefined;
  const result = tool?.role === 'tool' ? tool.content[0] : undefined;
  assert.equal(call?.type, 'tool-call');
  assert.ok(call?.type === 'tool-call' && result !== undefined);
  assert.equal(result.toolCallId, call.id);
  assert.equal(result.toolName, 'get_weather');
  assert.equal(call.arguments, '{"city":"Toronto"}');
  assert.doesNotMatch(JSON.stringify(emitted.body), /"id"|tool_call_id/);
});

test('a structured-output request keeps its schema and options (fixtures/ollama/chat-request-structured-outputs.json)', () => {
  const { request } = roundTrip(readOllamaFixture('ollama/chat-request-structured-outputs.json'));
  assert.equal(request.responseFormat?.type, 'json');
  assert.deepEqual(request.responseFormat?.type === 'json' ? request.responseFormat.schema?.['required'] : undefined, ['age', 'available']);
  assert.equal(request.sampling.temperature, 0);
});

test('an image request becomes a text part and a PNG image part (fixtures/ollama/chat-request-images.json)', () => {
  const { request } = roundTrip(readOllamaFixture('ollama/chat-request-images.json'));
  const [message] = request.messages;
  assert.equal(message?.role, 'user');
  assert.deepEqual(message?.content.map((part) => part.type), ['text', 'image']);
  const image = message?.content[1];
  assert.ok(image?.type === 'image' && image.source.kind === 'base64');
  assert.equal(image.source.mediaType, 'image/png');
  assert.match(image.source.data, /^iVBORw0KGgo/);
});
