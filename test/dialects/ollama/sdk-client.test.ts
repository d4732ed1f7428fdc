/**
 * The official `ollama` client (node_modules/ollama, v0.6) as the judge of what this dialect
 * writes: a local node:http server (test/support/test-upstream.ts) answers `/api/chat` with the
 * encoder's NDJSON, emitResponse's body and emitError's body, and records what the client sends,
 * which parseRequest must read. The client parses NDJSON line by line, throws a plain Error on an
 * `{"error"}` line and raises `ResponseError(message, status_code)` for a non-2xx JSON answer
 * (node_modules/ollama/src/utils.ts `parseJSON`, `AbortableAsyncIterator`, `checkOk`).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ollama, type Message } from 'ollama';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { InterlinguaError, errorTable, type ErrorCode } from '../../../src/interlingua/error.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { chatRequest, readOllamaFixture } from './helpers.js';

const server = new TestUpstream();
let client: Ollama;
const context = { requestedModel: 'caller-model', request: chatRequest() };

before(async () => {
  await server.start();
  client = new Ollama({ host: server.baseUrl });
});
after(async () => server.stop());
beforeEach(() => server.reset());

function encode(events: readonly StreamEvent[]): string {
  const encoder = ollamaDialect.createStreamEncoder(context);
  return events.map((event) => encoder.encode(event)).join('');
}

/** What the client sent, read back by this dialect as a caller's request. */
function sentRequest() {
  assert.equal(server.requests.length, 1);
  const [sent] = server.requests;
  assert.equal(sent?.url, '/api/chat');
  assert.equal(sent?.method, 'POST');
  return ollamaDialect.parseRequest(sent?.body, {});
}

const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

test('a streamed answer: the client iterates our lines to text, thinking and calls; its request parses', async () => {
  const response = ollamaDialect.parseResponse(readOllamaFixture('ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json'));
  const events = responseToEvents({ ...response, content: [...response.content, { type: 'text', text: 'Reading both files.' }] });
  server.enqueue({ kind: 'stream', text: encode(events), contentType: 'application/x-ndjson' });

  const messages: Message[] = [
    { role: 'system', content: 'You refactor Java.' },
    { role: 'user', content: 'What is in this picture?', images: [new Uint8Array(png)] },
  ];
  const stream = await client.chat({
    model: 'qwen3.5:35b',
    messages,
    stream: true,
    think: 'high',
    keep_alive: '5m',
    format: { type: 'object', properties: { answer: { type: 'string' } } },
    options: { temperature: 0.2, num_ctx: 8192, stop: ['END'] },
    tools: [{ type: 'function', function: { name: 'read_file_content', description: 'Reads a file', parameters: { type: 'object', properties: { file_name: { type: 'string' } } } } }],
  });
  let content = '';
  let thinking = '';
  const calls: Array<{ name: string; arguments: unknown }> = [];
  let final: { done: boolean; done_reason: string; eval_count: number; prompt_eval_count: number } | undefined;
  for await (const part of stream) {
    assert.equal(part.model, 'caller-model');
    content += part.message.content;
    thinking += part.message.thinking ?? '';
    for (const call of part.message.tool_calls ?? []) calls.push({ name: call.function.name, arguments: call.function.arguments });
    if (part.done) final = part;
  }
  assert.equal(content, 'Reading both files.');
  assert.match(thinking, /^The user wants me to read two Java files/);
  assert.deepEqual(calls.map((call) => call.name), ['read_file_content', 'read_file_content']);
  assert.deepEqual(calls[1]?.arguments, { file_name: 'com.chabicht.code-intelligence/src/com/chabicht/code_intelligence/apiclient/OpenAiApiClient.java' });
  assert.equal(final?.done_reason, 'stop');
  assert.equal(final?.eval_count, 213);
  assert.equal(final?.prompt_eval_count, 557);

  const { request, warnings } = sentRequest();
  assert.deepEqual(warnings, []);
  assert.equal(request.stream, true);
  assert.deepEqual(request.system, [{ type: 'text', text: 'You refactor Java.' }]);
  const image = request.messages[0]?.role === 'user' ? request.messages[0].content[1] : undefined;
  assert.ok(image?.type === 'image' && image.source.kind === 'base64');
  assert.equal(image.source.mediaType, 'image/png');
  assert.equal(image.source.data, png.toString('base64'));
  assert.deepEqual(request.reasoning, { enabled: true, effort: 'high', includeThoughts: true });
  assert.deepEqual(request.sampling, { temperature: 0.2, stopSequences: ['END'] });
  assert.deepEqual(request.vendor, { ollama: { keep_alive: '5m', 'options.num_ctx': 8192 } });
  assert.equal(request.responseFormat?.type === 'json' ? request.responseFormat.schema?.['type'] : undefined, 'object');
  assert.equal(request.tools?.[0]?.name, 'read_file_content');
});

test('a non-streamed answer: the client returns our body as its message; a tool-call history it sends parses', async () => {
  const response = ollamaDialect.parseResponse(readOllamaFixture('ollama/chat-response-tools-nonstream.json'));
  server.enqueue({ kind: 'json', body: ollamaDialect.emitResponse(response, { ...context, request: chatRequest({ stream: false }) }) });
  const answer = await client.chat({
    model: 'llama3.2',
    messages: [
      { role: 'user', content: 'what is the weather in Toronto?' },
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Toronto' } } }] },
      { role: 'tool', content: '11 degrees celsius', tool_name: 'get_weather' },
    ],
  });
  assert.equal(answer.done, true);
  assert.equal(answer.model, 'caller-model');
  assert.equal(answer.done_reason, 'stop');
  assert.equal(answer.eval_count, 33);
  assert.equal(answer.total_duration, 885095291);
  assert.deepEqual(answer.message.tool_calls, [{ function: { name: 'get_current_weather', arguments: { format: 'celsius', location: 'Paris, FR' }, index: 0 } }]);

  const { request } = sentRequest();
  // The client sends stream: false itself when the caller gives none (node_modules/ollama/src/browser.ts processStreamableRequest).
  assert.equal(request.stream, false);
  const call = request.messages[1]?.role === 'assistant' ? request.messages[1].content[0] : undefined;
  const result = request.messages[2]?.role === 'tool' ? request.messages[2].content[0] : undefined;
  assert.ok(call?.type === 'tool-call' && result !== undefined);
  assert.equal(result.toolCallId, call.id);
});

for (const code of Object.keys(errorTable) as ErrorCode[]) {
  test(`the client raises ResponseError with the status for our ${code} body`, async () => {
    const { status, body } = ollamaDialect.emitError(new InterlinguaError(code, `failure: ${code}`));
    server.enqueue({ kind: 'json', status, body });
    await assert.rejects(client.chat({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'ResponseError');
      assert.equal((error as Error & { status_code?: number }).status_code, errorTable[code].status);
      assert.equal(error.message, `failure: ${code}`);
      return true;
    });
  });
}

test('the client throws our in-stream error line after the content before it', async () => {
  server.enqueue({
    kind: 'stream',
    contentType: 'application/x-ndjson',
    text: encode([
      { type: 'response-start', id: 'r', model: 'm' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Partial' },
      { type: 'error', error: new InterlinguaError('stream_interrupted', 'The upstream stream ended before it finished.') },
    ]),
  });
  const received: string[] = [];
  const stream = await client.chat({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
  await assert.rejects(
    (async () => {
      for await (const part of stream) received.push(part.message.content);
    })(),
    (error: unknown) => error instanceof Error && error.message === 'The upstream stream ended before it finished.',
  );
  assert.deepEqual(received, ['Partial']);
});
