/**
 * The official clients as judges. A local node:http server stands in for the gateway: it parses
 * what each client sends with the caller's codec and answers with that codec's `emitResponse`.
 * The clients must read the vectors back exactly (float32-exactly where base64 carried them), and
 * what they send must parse and re-emit to the same body.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
import { Ollama } from 'ollama';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { Dialect } from '../../../src/interlingua/dialect.js';
import type { EmbeddingParseContext, EmbeddingRequest, EmbeddingResponse } from '../../../src/interlingua/embedding.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { asJson, asList, assertVectorsFloat32Equal, decodeBase64Float32, fixtureJson } from './helpers.js';

/** Real 3072-dim vectors (gemini-embedding-2-preview, fixture pa-batchEmbedContents-documents.response.json). */
const recordedVectors = asList(fixtureJson('gemini/pa-batchEmbedContents-documents.response.json')['embeddings']).map(
  (item) => asJson(item)['values'] as number[],
);

/** The answer to n inputs: the recorded vectors in turn. */
function vectorsFor(count: number): number[][] {
  return Array.from({ length: count }, (_, index) => recordedVectors[index % recordedVectors.length] ?? []);
}

interface Received {
  url: string;
  body: unknown;
  dialect: Dialect;
  context: EmbeddingParseContext;
  request?: EmbeddingRequest;
}

let server: Server;
let baseUrl = '';
const received: Received[] = [];

/** Which codec serves a URL, and the route facts it would give the codec. */
function route(url: string): { dialect: Dialect; context: EmbeddingParseContext } | undefined {
  if (url.startsWith('/v1/embeddings')) return { dialect: openaiChatDialect, context: {} };
  if (url.startsWith('/api/embed')) return { dialect: ollamaDialect, context: {} };
  const gemini = /^\/v1beta\/models\/([^:/?]+):(embedContent|batchEmbedContents)/.exec(url);
  if (gemini?.[1] !== undefined) return { dialect: geminiDialect, context: { model: gemini[1], single: gemini[2] === 'embedContent' } };
  return undefined;
}

before(async () => {
  server = createServer((incoming, outgoing) => {
    let text = '';
    incoming.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    incoming.on('end', () => {
      const url = incoming.url ?? '';
      const served = route(url);
      if (served === undefined) {
        outgoing.writeHead(404).end();
        return;
      }
      const { dialect, context } = served;
      const body = JSON.parse(text) as unknown;
      const entry: Received = { url, body, dialect, context };
      received.push(entry);
      try {
        const codec = dialect.embeddings ?? assert.fail(`${dialect.name} has no embeddings codec`);
        const { request } = codec.parseRequest(body, context);
        entry.request = request;
        const answer: EmbeddingResponse = { model: 'upstream', embeddings: vectorsFor(request.inputs.length), usage: { inputTokens: 5, totalTokens: 5 } };
        const emitted = codec.emitResponse(answer, { requestedModel: request.model, request, ...(context.single === true ? { single: true } : {}) });
        outgoing.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(emitted));
      } catch (error) {
        const failure = error instanceof InterlinguaError ? error : new InterlinguaError('internal', String(error));
        const { status, body: errorBody } = dialect.emitError(failure);
        outgoing.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(errorBody));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
});

/** The one request the server got; it parsed, and the codec emits it back to the same body. */
function onlyRequest(): Received & { request: EmbeddingRequest } {
  assert.equal(received.length, 1);
  const entry = received[0] ?? assert.fail('no request');
  const request = entry.request ?? assert.fail(`the client's body did not parse: ${JSON.stringify(entry.body)}`);
  return { ...entry, request };
}

function assertReEmits(entry: Received & { request: EmbeddingRequest }, model: string, expected: unknown = entry.body): void {
  const codec = entry.dialect.embeddings ?? assert.fail('codec');
  assert.deepEqual(codec.emitRequest(entry.request, { model }).body, expected);
}

function openaiClient(): OpenAI {
  return new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: 'test-key', maxRetries: 0 });
}

test('openai embeddings.create with the default encoding: the SDK asks for base64 and decodes the float32 values', async () => {
  const response = await openaiClient().embeddings.create({ model: 'text-embedding-3-small', input: ['hello', 'world', 'again'] });
  const entry = onlyRequest();
  assert.deepEqual(entry.body, { model: 'text-embedding-3-small', input: ['hello', 'world', 'again'], encoding_format: 'base64' });
  assert.equal(entry.request.encodingFormat, 'base64');
  assertReEmits(entry, 'text-embedding-3-small');
  const vectors = response.data.map((item) => item.embedding);
  // Exactly the float32 values: the SDK's Float32Array → Array.from gives them as doubles.
  assert.deepEqual(vectors, vectorsFor(3).map((vector) => vector.map(Math.fround)));
  assert.deepEqual(response.usage, { prompt_tokens: 5, total_tokens: 5 });
  assert.equal(response.model, 'text-embedding-3-small');
});

test('openai embeddings.create with encoding_format float: the numbers exactly', async () => {
  const response = await openaiClient().embeddings.create({ model: 'text-embedding-3-small', input: 'hello world', encoding_format: 'float', dimensions: 3072, user: 'u' });
  const entry = onlyRequest();
  assert.equal(entry.request.encodingFormat, 'float');
  assert.equal(entry.request.dimensions, 3072);
  assertReEmits(entry, 'text-embedding-3-small');
  assert.deepEqual(response.data.map((item) => item.embedding), vectorsFor(1));
});

test('openai embeddings.create with encoding_format base64 given: the SDK hands the string over, and it decodes to the vectors', async () => {
  const response = await openaiClient().embeddings.create({ model: 'text-embedding-3-small', input: [[8134], [2308]], encoding_format: 'base64' });
  const entry = onlyRequest();
  assert.deepEqual(entry.request.inputs, [{ type: 'tokens', tokens: [8134] }, { type: 'tokens', tokens: [2308] }]);
  assertReEmits(entry, 'text-embedding-3-small');
  const embeddings = response.data.map((item) => item.embedding as unknown);
  assert.ok(embeddings.every((embedding) => typeof embedding === 'string'));
  assertVectorsFloat32Equal(embeddings.map((embedding) => decodeBase64Float32(String(embedding))), vectorsFor(2));
});

test('openai: an empty input is a 400 the SDK raises as BadRequestError naming the param', async () => {
  await assert.rejects(openaiClient().embeddings.create({ model: 'text-embedding-3-small', input: '' }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(error.status, 400);
    assert.equal(error.param, 'input');
    assert.match(error.message, /empty string/);
    return true;
  });
});

test('@google/genai models.embedContent calls :batchEmbedContents, one request per content; the values come back exactly', async () => {
  const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl } });
  const response = await ai.models.embedContent({
    model: 'gemini-embedding-001',
    contents: ['What is the meaning of life?', 'How does the brain work?'],
    config: { taskType: 'RETRIEVAL_DOCUMENT', title: 'Notes', outputDimensionality: 3072 },
  });
  const entry = onlyRequest();
  assert.equal(entry.url, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
  // What the SDK sends: each content with role "user", the config copied into every request.
  assert.deepEqual(asJson(asList(asJson(entry.body)['requests'])[0]), {
    content: { role: 'user', parts: [{ text: 'What is the meaning of life?' }] },
    taskType: 'RETRIEVAL_DOCUMENT',
    title: 'Notes',
    outputDimensionality: 3072,
    model: 'models/gemini-embedding-001',
  });
  assert.equal(entry.request.model, 'gemini-embedding-001');
  assert.equal(entry.request.taskType, 'RETRIEVAL_DOCUMENT');
  assert.equal(entry.request.dimensions, 3072);
  assert.equal(entry.request.inputs.length, 2);
  assertReEmits(entry, 'gemini-embedding-001');
  assert.deepEqual(response.embeddings?.map((embedding) => embedding.values), vectorsFor(2));
});

test('@google/genai with gemini-embedding-2: the SDK folds a list of strings into one content of several parts, one vector', async () => {
  const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl } });
  const response = await ai.models.embedContent({ model: 'gemini-embedding-2-preview', contents: ['hello', 'world'] });
  const entry = onlyRequest();
  assert.equal(entry.url, '/v1beta/models/gemini-embedding-2-preview:batchEmbedContents');
  assertReEmits(entry, 'gemini-embedding-2-preview');
  assert.deepEqual(entry.request.inputs, [{ type: 'text', text: 'hello\nworld' }]);
  assert.deepEqual(response.embeddings?.map((embedding) => embedding.values), vectorsFor(1));
});

test('an :embedContent caller (REST) gets {embedding}', async () => {
  const answer = await fetch(`${baseUrl}/v1beta/models/gemini-embedding-001:embedContent`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fixtureJson('gemini/doc-format-request-embedContent.json')),
  });
  const body = asJson(await answer.json());
  assert.deepEqual(body, { embedding: { values: vectorsFor(1)[0] } });
});

test('ollama embed: the vectors exactly; what the client sends round-trips', async () => {
  const client = new Ollama({ host: baseUrl });
  const response = await client.embed({ model: 'all-minilm', input: ['Why is the sky blue?', 'Why is the grass green?'], truncate: false, keep_alive: '5m', dimensions: 3072 });
  const entry = onlyRequest();
  assert.deepEqual(entry.body, { model: 'all-minilm', input: ['Why is the sky blue?', 'Why is the grass green?'], truncate: false, keep_alive: '5m', dimensions: 3072 });
  assertReEmits(entry, 'all-minilm');
  assert.deepEqual(response.embeddings, vectorsFor(2));
  assert.equal(response.prompt_eval_count, 5);
  assert.equal(response.model, 'all-minilm');

  received.length = 0;
  const single = await client.embed({ model: 'all-minilm', input: 'Why is the sky blue?' });
  assertReEmits(onlyRequest(), 'all-minilm');
  assert.deepEqual(single.embeddings, vectorsFor(1));
});

test('ollama embed: a bad body is an error the client raises with the status', async () => {
  await assert.rejects(new Ollama({ host: baseUrl }).embed({ model: '', input: 'x' }), (error: unknown) => {
    assert.equal((error as { status_code?: number }).status_code, 400);
    assert.match(String((error as Error).message), /model name is required/);
    return true;
  });
});
