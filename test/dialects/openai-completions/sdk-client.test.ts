/**
 * The official `openai` SDK (node_modules/openai, v6) as the judge of this dialect: its
 * `client.completions.create`, plain and streamed, talks to a tiny local node:http server that
 * does what the gateway does with a completions caller: parseRequest on the body the SDK sent,
 * then emitResponse, the stream encoder or emitError for the answer. The SDK parses SSE `data:`
 * frames into `Completion` chunks, stops at `[DONE]`, raises `APIError` from an `{"error"}` frame,
 * and picks its error class by status (node_modules/openai/core/streaming.js, core/error.js).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { openaiCompletionsDialect } from '../../../src/dialects/openai-completions/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { judgeRequest, type VendorRefusal } from '../../support/vendor-rules/index.js';
import { expectedOpenaiCode } from '../../support/openai-code-words.js';

/** What the server answers a parsed request with: a whole answer, a stream of events, or an error. */
type Answer = { kind: 'response'; response: ChatResponse } | { kind: 'events'; events: StreamEvent[] } | { kind: 'error'; error: InterlinguaError };

const sent: Array<{ url: string; body: unknown; request?: ChatRequest }> = [];
let nextAnswer: Answer | undefined;
/** What OpenAI would have refused of what the official SDK sent: nothing, or the rules are wrong. */
const refusals: VendorRefusal[] = [];

async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const record: (typeof sent)[number] = { url: incoming.url ?? '', body };
  sent.push(record);
  const refusal = judgeRequest({ method: incoming.method ?? '', url: incoming.url ?? '', headers: incoming.headers, body });
  if (refusal !== undefined) refusals.push(refusal);
  const writeError = (error: InterlinguaError) => {
    const { status, body: errorBody } = openaiCompletionsDialect.emitError(error);
    outgoing.writeHead(status, { 'content-type': 'application/json' });
    outgoing.end(JSON.stringify(errorBody));
  };
  let request: ChatRequest;
  try {
    request = openaiCompletionsDialect.parseRequest(body, {}).request;
  } catch (error) {
    if (error instanceof InterlinguaError) return writeError(error);
    throw error;
  }
  record.request = request;
  const answer = nextAnswer;
  if (answer === undefined) return writeError(new InterlinguaError('internal', 'no answer queued'));
  const context = { requestedModel: request.model, request };
  switch (answer.kind) {
    case 'error':
      return writeError(answer.error);
    case 'response':
      outgoing.writeHead(200, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify(openaiCompletionsDialect.emitResponse(answer.response, context)));
      return;
    case 'events': {
      outgoing.writeHead(200, { 'content-type': 'text/event-stream' });
      const encoder = openaiCompletionsDialect.createStreamEncoder(context);
      for (const event of answer.events) {
        const text = encoder.encode(event);
        if (text !== '') await new Promise<void>((resolve) => outgoing.write(text, () => resolve()));
      }
      outgoing.end();
      return;
    }
    default: {
      const unhandled: never = answer;
      throw new Error(`unhandled answer ${JSON.stringify(unhandled)}`);
    }
  }
}

const server = createServer((incoming, outgoing) => void handle(incoming, outgoing));
let client: OpenAI;

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new OpenAI({ apiKey: 'test-key', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.deepEqual(refusals.map((refusal) => `${refusal.rule}: ${refusal.message}`), [], 'every request the SDK sent passes the Completions rules');
});
beforeEach(() => {
  sent.length = 0;
  nextAnswer = undefined;
});

const answer: ChatResponse = {
  id: 'cmpl-sdk',
  model: 'upstream',
  created: 1_700_000_000,
  content: [{ type: 'text', text: ' This is indeed a test.' }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: 5, outputTokens: 6, totalTokens: 11 },
};

/** What the SDK sent, parsed by the dialect, must come back out of its emitter unchanged. */
function assertSentBodyRoundTrips(): ChatRequest {
  const [first] = sent;
  assert.equal(first?.url, '/v1/completions');
  assert.ok(first.request !== undefined, 'the SDK body parsed');
  const body = first.body as Record<string, unknown>;
  const emitted = openaiCompletionsDialect.emitRequest(first.request, { model: String(body['model']), defaultMaxOutputTokens: 1 });
  assert.deepEqual(emitted.body, body);
  return first.request;
}

test('completions.create: the SDK reads our text_completion body; the body it sent parses and round-trips', async () => {
  nextAnswer = { kind: 'response', response: answer };
  const completion = await client.completions.create({
    model: 'gpt-3.5-turbo-instruct',
    prompt: 'Say this is a test',
    max_tokens: 7,
    temperature: 0,
    stop: ['\n'],
    echo: false,
    logprobs: 1,
    suffix: '.',
    seed: 1,
    user: 'u-1',
  });
  assert.equal(completion.object, 'text_completion');
  assert.equal(completion.id, 'cmpl-sdk');
  assert.equal(completion.model, 'gpt-3.5-turbo-instruct');
  assert.equal(completion.choices[0]?.text, ' This is indeed a test.');
  assert.equal(completion.choices[0]?.finish_reason, 'stop');
  assert.equal(completion.choices[0]?.logprobs, null);
  assert.deepEqual(completion.usage, { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 });

  const request = assertSentBodyRoundTrips();
  assert.deepEqual(request.messages, [{ role: 'user', content: [{ type: 'text', text: 'Say this is a test' }] }]);
  assert.deepEqual(request.sampling, { temperature: 0, maxOutputTokens: 7, stopSequences: ['\n'], seed: 1 });
});

test('completions.create streamed: the SDK iterates our chunks to the text, then the usage chunk', async () => {
  nextAnswer = {
    kind: 'events',
    events: [
      { type: 'response-start', id: 'cmpl-stream', model: 'upstream', created: 1_700_000_000 },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hello' },
      { type: 'text-delta', id: 't', delta: ', world' },
      { type: 'text-end', id: 't' },
      { type: 'finish', finishReason: { unified: 'length', raw: 'length' }, usage: { inputTokens: 2, outputTokens: 3 } },
    ],
  };
  const stream = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Greet', stream: true, stream_options: { include_usage: true } });
  let text = '';
  const finishReasons: string[] = [];
  let usage: OpenAI.CompletionUsage | undefined;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    assert.equal(chunk.id, 'cmpl-stream');
    assert.equal(chunk.object, 'text_completion');
    const [choice] = chunk.choices;
    if (choice !== undefined) {
      text += choice.text;
      if (choice.finish_reason != null) finishReasons.push(choice.finish_reason);
    }
    if (chunk.usage != null) usage = chunk.usage;
  }
  assert.equal(text, 'Hello, world');
  assert.deepEqual(finishReasons, ['length']);
  assert.deepEqual(usage, { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
  assert.equal(chunks, 4, 'two text chunks, the finish chunk, the usage chunk');

  const request = assertSentBodyRoundTrips();
  assert.equal(request.stream, true);
  assert.equal(request.streamUsage, true);
});

test('the SDK raises BadRequestError naming prompt for several prompts', async () => {
  await assert.rejects(client.completions.create({ model: 'm', prompt: ['one', 'two'] }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.BadRequestError, String(error));
    assert.equal(error.status, 400);
    assert.equal(error.param, 'prompt');
    assert.equal(error.type, 'invalid_request_error');
    assert.match(error.message, /only one prompt per request/);
    return true;
  });
});

test('the SDK raises the class its status calls for from our error bodies', async () => {
  const cases: Array<[InterlinguaError, abstract new (...args: never[]) => Error]> = [
    [new InterlinguaError('authentication', 'Bad key.'), OpenAI.AuthenticationError],
    [new InterlinguaError('rate_limited', 'Slow down.'), OpenAI.RateLimitError],
    [new InterlinguaError('not_found', 'No such model.'), OpenAI.NotFoundError],
    [new InterlinguaError('upstream_error', 'Upstream broke.'), OpenAI.InternalServerError],
  ];
  for (const [error, errorClass] of cases) {
    nextAnswer = { kind: 'error', error };
    await assert.rejects(client.completions.create({ model: 'm', prompt: 'x' }), (raised: unknown) => {
      assert.ok(raised instanceof errorClass, `${error.code}: ${String(raised)}`);
      assert.ok(raised instanceof OpenAI.APIError && raised.status === error.status && raised.code === expectedOpenaiCode(error.code));
      return true;
    });
  }
});

test('the SDK raises our in-stream error frame as an APIError after the text before it', async () => {
  nextAnswer = {
    kind: 'events',
    events: [
      { type: 'response-start', id: 'cmpl-err', model: 'm' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Partial' },
      { type: 'error', error: new InterlinguaError('stream_interrupted', 'The upstream stream ended before it finished.') },
    ],
  };
  const stream = await client.completions.create({ model: 'm', prompt: 'x', stream: true });
  const received: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.text ?? '');
    })(),
    (error: unknown) => error instanceof OpenAI.APIError && error.message === 'The upstream stream ended before it finished.' && error.type === 'server_error',
  );
  assert.deepEqual(received, ['Partial']);
});

test('a whole answer replayed as a stream reads the same through the SDK', async () => {
  nextAnswer = { kind: 'events', events: responseToEvents(answer) };
  const stream = await client.completions.create({ model: 'm', prompt: 'x', stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
  assert.equal(text, ' This is indeed a test.');
});
