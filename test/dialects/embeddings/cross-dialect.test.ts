/**
 * Embeddings across dialects: a caller's request parsed by its codec and emitted by another, and an
 * upstream's answer parsed by its codec and emitted for another caller. Vectors must arrive as the
 * same float32 values; what a target cannot take is a warning, or an error when it would change
 * the answer (token-id inputs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { EmbeddingCodec } from '../../../src/interlingua/embedding.js';
import { asJson, asList, assertVectorsFloat32Equal, decodeBase64Float32, fixtureJson, isInterlinguaError, textRequest } from './helpers.js';

const openai: EmbeddingCodec = openaiChatDialect.embeddings ?? assert.fail('openai-chat embeddings');
const gemini: EmbeddingCodec = geminiDialect.embeddings ?? assert.fail('gemini embeddings');
const ollama: EmbeddingCodec = ollamaDialect.embeddings ?? assert.fail('ollama embeddings');

const threeInputs = { model: 'text-embedding-3-small', input: ['first', 'second', 'third'], dimensions: 256, encoding_format: 'base64', user: 'u-7' };

test('an OpenAI request with three inputs, emitted as a Gemini batch', () => {
  const { request } = openai.parseRequest(threeInputs, {});
  const { body, warnings } = gemini.emitRequest(request, { model: 'gemini-embedding-001' });
  assert.deepEqual(body, {
    requests: ['first', 'second', 'third'].map((text) => ({
      model: 'models/gemini-embedding-001',
      content: { parts: [{ text }] },
      outputDimensionality: 256,
    })),
  });
  assert.deepEqual(warnings.map((warning) => warning.feature), ['user']);
  // And read back by the Gemini codec as a Gemini caller's request would be.
  const reread = gemini.parseRequest(body, { model: 'gemini-embedding-001' }).request;
  assert.deepEqual(reread.inputs, request.inputs);
  assert.equal(reread.dimensions, 256);
});

test('the same OpenAI request emitted for Ollama', () => {
  const { request } = openai.parseRequest(threeInputs, {});
  const { body, warnings } = ollama.emitRequest(request, { model: 'nomic-embed-text' });
  assert.deepEqual(body, { model: 'nomic-embed-text', input: ['first', 'second', 'third'], dimensions: 256 });
  assert.deepEqual(warnings.map((warning) => warning.feature), ['user']);
});

test('a one-string OpenAI request stays one string for Ollama only when Ollama spelled it so: otherwise a list', () => {
  const { request } = openai.parseRequest({ model: 'm', input: 'hello world' }, {});
  assert.deepEqual(asJson(ollama.emitRequest(request, { model: 'm' }).body)['input'], ['hello world']);
});

test('token-id inputs cannot be carried to Gemini or Ollama', () => {
  const { request } = openai.parseRequest(fixtureJson('openai-embeddings/dd-base64-token-arrays.request.json'), {});
  assert.throws(() => gemini.emitRequest(request, { model: 'e' }), isInterlinguaError('invalid_request', 'input[0]'));
  assert.throws(() => ollama.emitRequest(request, { model: 'e' }), isInterlinguaError('invalid_request', 'input[0]'));
});

test('a Gemini request with a task type and titles, emitted for OpenAI and Ollama, reports both lost', () => {
  const { request } = gemini.parseRequest(fixtureJson('gemini/pa-batchEmbedContents-documents.request.json'), { model: 'gemini-embedding-2-preview' });
  const withTitle = gemini.parseRequest(
    { requests: [{ model: 'models/e', content: { parts: [{ text: 'Doc' }] }, taskType: 'RETRIEVAL_DOCUMENT', title: 'A title' }] },
    { model: 'e' },
  ).request;
  assert.deepEqual(openai.emitRequest(request, { model: 'm' }).warnings.map((warning) => warning.feature), ['taskType']);
  assert.deepEqual(ollama.emitRequest(withTitle, { model: 'm' }).warnings.map((warning) => warning.feature), ['title', 'taskType']);
  // No encoding asked for: the Gemini caller gets numbers, so the upstream sends numbers.
  assert.deepEqual(openai.emitRequest(withTitle, { model: 'm' }).body, { input: ['Doc'], model: 'm' });
});

const geminiAnswer = fixtureJson('gemini/pa-batchEmbedContents-documents.response.json');
const geminiVectors = asList(geminiAnswer['embeddings']).map((item) => asJson(item)['values'] as number[]);

test('a Gemini batch answer, emitted to an OpenAI caller that asked for base64: vectors intact', () => {
  const response = gemini.parseResponse(geminiAnswer);
  const { request } = openai.parseRequest({ model: 'text-embedding-3-small', input: ['hello', 'world'], encoding_format: 'base64' }, {});
  const body = asJson(openai.emitResponse(response, { requestedModel: 'text-embedding-3-small', request }));
  assert.equal(body['object'], 'list');
  assert.equal(body['model'], 'text-embedding-3-small');
  // No usage from Gemini: OpenAI clients still get numbers.
  assert.deepEqual(body['usage'], { prompt_tokens: 0, total_tokens: 0 });
  const data = asList(body['data']).map(asJson);
  assert.deepEqual(data.map((item) => [item['object'], item['index'], typeof item['embedding']]), [['embedding', 0, 'string'], ['embedding', 1, 'string']]);
  assertVectorsFloat32Equal(data.map((item) => decodeBase64Float32(String(item['embedding']))), geminiVectors);
});

test('a Gemini answer to an OpenAI caller that asked for floats (or nothing): the numbers as Gemini sent them', () => {
  const response = gemini.parseResponse(geminiAnswer);
  for (const input of [{ encoding_format: 'float' }, {}]) {
    const { request } = openai.parseRequest({ model: 'm', input: ['hello', 'world'], ...input }, {});
    const data = asList(asJson(openai.emitResponse(response, { requestedModel: 'm', request }))['data']).map(asJson);
    assert.deepEqual(data.map((item) => item['embedding']), geminiVectors);
  }
});

test('an OpenAI base64 answer to Gemini and Ollama callers: the float32 values, with usage where the caller has a place', () => {
  const openaiAnswer = fixtureJson('openai-embeddings/pa-documents.response.json');
  const expected = asList(openaiAnswer['data']).map((item) => decodeBase64Float32(String(asJson(item)['embedding'])));
  const response = openai.parseResponse(openaiAnswer);
  const geminiBody = asJson(gemini.emitResponse(response, { requestedModel: 'e', request: textRequest(['hello', 'world']) }));
  assertVectorsFloat32Equal(asList(geminiBody['embeddings']).map((item) => asJson(item)['values'] as number[]), expected);
  assert.deepEqual(Object.keys(geminiBody), ['embeddings']);
  const ollamaBody = asJson(ollama.emitResponse(response, { requestedModel: 'all-minilm', request: textRequest(['hello', 'world']) }));
  assertVectorsFloat32Equal(ollamaBody['embeddings'] as number[][], expected);
  assert.equal(ollamaBody['prompt_eval_count'], 2);
});

test("an Ollama answer's prompt_eval_count is an OpenAI caller's prompt and total tokens", () => {
  const response = ollama.parseResponse(fixtureJson('ollama/embed-response-single.json'));
  const body = asJson(openai.emitResponse(response, { requestedModel: 'm', request: textRequest(['a']) }));
  assert.deepEqual(body['usage'], { prompt_tokens: 8, total_tokens: 8 });
});

test('a vendor answer field never leaks into another dialect', () => {
  const response = gemini.parseResponse({ embeddings: [{ values: [1], statistics: { tokenCount: 1 } }], metadata: { billableCharacterCount: 1 } });
  const body = asJson(openai.emitResponse(response, { requestedModel: 'm', request: textRequest(['a']) }));
  assert.deepEqual(body, { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [1] }], model: 'm', usage: { prompt_tokens: 0, total_tokens: 0 } });
  assert.deepEqual(ollama.emitResponse(response, { requestedModel: 'm', request: textRequest(['a']) }), { model: 'm', embeddings: [[1]] });
});
