/**
 * The official `openai` SDK (node_modules/openai, v6) as the judge of what this dialect writes and
 * the source of what it reads: a tiny local HTTP server answers `POST /v1/responses` with what
 * `emitResponse`, the stream encoder and `emitError` produce, and keeps the bodies the SDK sends,
 * which `parseRequest` must take. `responses.create` (plain and streamed) and
 * `responses.stream(...).finalResponse()` (its accumulator checks the event order) must return
 * the right output and raise the right error classes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { InterlinguaError, errorTable, type ErrorCode } from '../../../src/interlingua/error.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { expectedOpenaiCode } from '../../support/openai-code-words.js';
import { judgeRequest, type VendorRefusal } from '../../support/vendor-rules/index.js';
import { contextFor, encodeEvents } from './helpers.js';

interface Answer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

let server: Server;
let client: OpenAI;
let answer: Answer = { status: 500, contentType: 'text/plain', body: 'not set' };
const received: unknown[] = [];
/** What OpenAI would have refused of what the official SDK sent: nothing, or the rules are wrong. */
const refusals: VendorRefusal[] = [];

before(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      assert.equal(request.method, 'POST');
      assert.equal(request.url, '/v1/responses');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      received.push(body);
      const refusal = judgeRequest({ method: request.method, url: request.url, headers: request.headers, body });
      if (refusal !== undefined) refusals.push(refusal);
      response.writeHead(answer.status, { 'content-type': answer.contentType, ...answer.headers });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new OpenAI({ apiKey: 'test-key', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.deepEqual(refusals.map((refusal) => `${refusal.rule}: ${refusal.message}`), [], 'every request the SDK sent passes the Responses rules');
});

function answerJson(status: number, body: unknown, headers?: Record<string, string>): void {
  answer = { status, contentType: 'application/json', body: JSON.stringify(body), ...(headers === undefined ? {} : { headers }) };
}

function answerStream(events: readonly StreamEvent[]): void {
  answer = { status: 200, contentType: 'text/event-stream', body: encodeEvents(events) };
}

/** The last body the SDK sent, through `parseRequest`: what the SDK writes, the dialect reads. */
function lastRequestParses() {
  const body = received.at(-1);
  return openaiResponsesDialect.parseRequest(body, {});
}

const fixture = (name: string): ChatResponse => openaiResponsesDialect.parseResponse(readFixtureJson(`openai-responses/${name}`));

test('responses.create reads our body; the SDK computes output_text (fixtures/openai-responses/fantasy-o4mini-summary-thinking.i1.response.json)', async () => {
  const response = fixture('fantasy-o4mini-summary-thinking.i1.response.json');
  answerJson(200, openaiResponsesDialect.emitResponse(response, contextFor({ stream: false })));
  const result = await client.responses.create({ model: 'caller-model', input: 'What is the weather in Florence?' });
  const text = response.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  assert.equal(result.output_text, text);
  assert.equal(result.status, 'completed');
  assert.equal(result.model, 'caller-model');
  const reasoning = result.output[0];
  assert.ok(reasoning?.type === 'reasoning');
  assert.match(reasoning.encrypted_content ?? '', /^gAAAAAB/);
  assert.equal(result.usage?.output_tokens_details.reasoning_tokens, 128);
  const { request } = lastRequestParses();
  assert.deepEqual(request.messages, [{ role: 'user', content: [{ type: 'text', text: 'What is the weather in Florence?' }] }]);
});

test('responses.stream(...).finalResponse() accumulates two parallel function calls from our events (fixtures/openai-responses/fantasy-gpt4o-tool.i0.response.json)', async () => {
  const single = fixture('fantasy-gpt4o-tool.i0.response.json');
  const response: ChatResponse = {
    ...single,
    content: [
      { type: 'tool-call', id: 'call_add', name: 'add', arguments: '{"a":2,"b":3}' },
      { type: 'tool-call', id: 'call_mul', name: 'multiply', arguments: '{"a":2,"b":3}' },
    ],
  };
  answerStream(responseToEvents(response));
  const stream = client.responses.stream({ model: 'caller-model', input: 'Add and multiply 2 and 3', tools: [{ type: 'function', name: 'add', parameters: { type: 'object', properties: {} }, strict: false }] });
  const snapshots: string[] = [];
  stream.on('response.function_call_arguments.delta', (event) => snapshots.push(event.snapshot));
  const final = await stream.finalResponse();
  assert.equal(final.status, 'completed');
  assert.deepEqual(
    final.output.map((item) => (item.type === 'function_call' ? [item.call_id, item.name, item.arguments, item.status] : [item.type])),
    [
      ['call_add', 'add', '{"a":2,"b":3}', 'completed'],
      ['call_mul', 'multiply', '{"a":2,"b":3}', 'completed'],
    ],
  );
  assert.deepEqual(snapshots, ['{"a":2,"b":3}', '{"a":2,"b":3}']);
  assert.equal(final.usage?.input_tokens, 58);
  const { request } = lastRequestParses();
  assert.equal(request.stream, true);
  assert.deepEqual(request.tools, [{ name: 'add', parameters: { type: 'object', properties: {} }, strict: false }]);
});

test('responses.stream(...).finalResponse() rebuilds reasoning and text; output_text matches (fixtures/openai-responses/pa-reasoning-item-replay.i0.response.json)', async () => {
  const response = fixture('pa-reasoning-item-replay.i0.response.json');
  answerStream(responseToEvents(response));
  const stream = client.responses.stream({ model: 'caller-model', input: 'How do I cross the street?', reasoning: { effort: 'high', summary: 'detailed' } });
  const final = await stream.finalResponse();
  const text = response.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  assert.equal(final.output_text, text);
  const reasoning = final.output[0];
  assert.ok(reasoning?.type === 'reasoning');
  const expected = response.content[0];
  assert.ok(expected?.type === 'reasoning');
  assert.equal(reasoning.summary[0]?.text, expected.text);
  assert.equal(reasoning.encrypted_content, expected.signature);
  const { request } = lastRequestParses();
  assert.deepEqual(request.reasoning, { enabled: true, effort: 'high', includeThoughts: true });
});

test('responses.create with stream: true yields our events in order, with increasing sequence numbers', async () => {
  answerStream(responseToEvents(fixture('fantasy-gpt4o-tool.i1.response.json')));
  const stream = await client.responses.create({ model: 'caller-model', input: 'hi', stream: true });
  const types: string[] = [];
  const sequence: number[] = [];
  let text = '';
  for await (const event of stream) {
    types.push(event.type);
    sequence.push(event.sequence_number);
    if (event.type === 'response.output_text.delta') text += event.delta;
  }
  assert.deepEqual(types, [
    'response.created',
    'response.in_progress',
    'response.output_item.added',
    'response.content_part.added',
    'response.output_text.delta',
    'response.output_text.done',
    'response.content_part.done',
    'response.output_item.done',
    'response.completed',
  ]);
  assert.deepEqual(sequence, types.map((_, index) => index));
  assert.equal(text, 'The current temperature in Florence, Italy is 40°C.');
});

test('an in-stream error makes the SDK raise an APIError after the text before it', async () => {
  answerStream([
    { type: 'response-start', id: 'resp_err', model: 'm' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Partial' },
    { type: 'error', error: new InterlinguaError('overloaded', 'The upstream is overloaded.') },
  ]);
  const stream = client.responses.stream({ model: 'caller-model', input: 'hi' });
  const deltas: string[] = [];
  stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
  await assert.rejects(stream.finalResponse(), (error: unknown) => error instanceof OpenAI.APIError && error.message === 'The upstream is overloaded.' && error.type === 'server_error');
  assert.deepEqual(deltas, ['Partial']);
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
    const { status, body } = openaiResponsesDialect.emitError(new InterlinguaError(code, `failure: ${code}`, { param: 'input' }));
    answerJson(status, body);
    await assert.rejects(client.responses.create({ model: 'caller-model', input: 'hi' }), (error: unknown) => {
      assert.ok(error instanceof (sdkClassByCode[code] ?? OpenAI.APIError), `${code}: ${String(error)}`);
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.status, errorTable[code].status);
      assert.equal(error.code, expectedOpenaiCode(code));
      assert.equal(error.param, 'input');
      assert.match(error.message, new RegExp(`failure: ${code}`));
      return true;
    });
  });
}

test('an OpenAI 429 passed through reaches the SDK as a RateLimitError with OpenAI’s own words (fixtures/openai-responses/error-429-insufficient-quota.json)', async () => {
  const upstream = JSON.stringify(readFixtureJson('openai-responses/error-429-insufficient-quota.json'));
  const parsed = openaiResponsesDialect.parseError(429, upstream, { 'Retry-After': '7' });
  assert.equal(parsed.retryAfterMs, 7000);
  const { status, body } = openaiResponsesDialect.emitError(parsed);
  answerJson(status, body);
  await assert.rejects(client.responses.create({ model: 'caller-model', input: 'hi' }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.RateLimitError);
    assert.equal(error.code, 'insufficient_quota');
    assert.equal(error.type, 'insufficient_quota');
    return true;
  });
});

test('a 400 for a bad field reaches the SDK as a BadRequestError naming it (fixtures/openai-responses/pa-error-400-decimal-below-min.request.json)', async () => {
  const bad = readFixtureJson('openai-responses/pa-error-400-decimal-below-min.request.json');
  const error = (() => {
    try {
      openaiResponsesDialect.parseRequest({ ...(bad as object), temperature: 'hot' }, {});
    } catch (caught) {
      return caught;
    }
    return undefined;
  })();
  assert.ok(error instanceof InterlinguaError);
  const { status, body } = openaiResponsesDialect.emitError(error);
  answerJson(status, body);
  await assert.rejects(client.responses.create({ model: 'caller-model', input: 'hi' }), (sdkError: unknown) => {
    assert.ok(sdkError instanceof OpenAI.BadRequestError);
    assert.equal(sdkError.param, 'temperature');
    return true;
  });
});

const weatherParameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
const answerSchema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };

test('everything the SDK can send in a conversation parses: instructions, images, calls, outputs, reasoning, json_schema', async () => {
  answerJson(200, openaiResponsesDialect.emitResponse(fixture('fantasy-gpt4o-tool.i1.response.json'), contextFor({ stream: false })));
  await client.responses.create({
    model: 'caller-model',
    instructions: 'Be brief.',
    input: [
      { role: 'developer', content: 'Use tools.' },
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'What is in this image, and the weather?' },
          { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' },
          { type: 'input_image', image_url: 'https://example.com/cat.jpg', detail: 'auto' },
        ],
      },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Look, then call.' }], encrypted_content: 'gAAAA' },
      { type: 'function_call', call_id: 'call_1', name: 'weather', arguments: '{"city":"Rome"}' },
      { type: 'function_call_output', call_id: 'call_1', output: '40 C' },
    ],
    // Strict schemas as OpenAI takes them: every property required, additionalProperties false.
    tools: [{ type: 'function', name: 'weather', parameters: weatherParameters, strict: true }],
    tool_choice: { type: 'function', name: 'weather' },
    text: { format: { type: 'json_schema', name: 'Answer', schema: answerSchema, strict: true } },
    max_output_tokens: 300,
    store: false,
  });
  const { request, warnings } = lastRequestParses();
  assert.deepEqual(warnings, []);
  assert.deepEqual(request.system.map((part) => part.text), ['Be brief.', 'Use tools.']);
  const [user, assistant, tool] = request.messages;
  assert.ok(user?.role === 'user');
  assert.deepEqual(user.content.map((part) => (part.type === 'image' ? [part.source.kind, part.detail] : [part.type])), [['text'], ['base64', 'low'], ['url', 'auto']]);
  assert.ok(assistant?.role === 'assistant');
  assert.deepEqual(assistant.content.map((part) => part.type), ['reasoning', 'tool-call']);
  const reasoning = assistant.content[0];
  assert.ok(reasoning?.type === 'reasoning');
  assert.equal(reasoning.signature, 'gAAAA');
  assert.equal(reasoning.signatureOrigin, 'openai-responses');
  assert.deepEqual(tool, { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'weather', content: [{ type: 'text', text: '40 C' }] }] });
  assert.deepEqual(request.toolChoice, { type: 'tool', name: 'weather' });
  assert.deepEqual(request.responseFormat, { type: 'json', name: 'Answer', schema: answerSchema, strict: true });
  assert.equal(request.sampling.maxOutputTokens, 300);
  assert.equal(request.vendor?.['openai-responses']?.['store'], false);
});
