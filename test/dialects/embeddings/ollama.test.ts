/**
 * The Ollama embeddings codec (`POST /api/embed`) against the doc examples in fixtures/ollama
 * (embed-request-*, embed-response-*; the legacy `/api/embeddings` ones are another API).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { EmbeddingCodec } from '../../../src/interlingua/embedding.js';
import { readFixtureText } from '../../support/fixtures.js';
import { asJson, fixtureJson, fixtureNames, isInterlinguaError, textRequest } from './helpers.js';

const codec: EmbeddingCodec = ollamaDialect.embeddings ?? assert.fail('ollama has an embeddings codec');

const requestFixtures = fixtureNames('ollama', (name) => name.startsWith('embed-request-'));
const responseFixtures = fixtureNames('ollama', (name) => name.startsWith('embed-response-'));

test('there are fixtures to replay', () => {
  assert.deepEqual(requestFixtures, ['ollama/embed-request-multi.json', 'ollama/embed-request-single.json']);
  assert.deepEqual(responseFixtures, ['ollama/embed-response-multi.json', 'ollama/embed-response-single.json']);
});

for (const path of requestFixtures) {
  test(`emitRequest(parseRequest(x)) reproduces ${path}`, () => {
    const wire = fixtureJson(path);
    const { request, warnings } = codec.parseRequest(wire, {});
    assert.deepEqual(warnings, []);
    assert.equal(request.model, 'all-minilm');
    const emitted = codec.emitRequest(request, { model: 'all-minilm' });
    assert.deepEqual(emitted, { body: wire, warnings: [] });
  });
}

test('truncate, options, keep_alive and unknown fields come back for Ollama and are reported lost elsewhere', () => {
  const wire = { model: 'nomic-embed-text', input: ['a', 'b'], truncate: false, options: { num_ctx: 8192 }, keep_alive: '10m', dimensions: 256, future: 1 };
  const { request } = codec.parseRequest(wire, {});
  assert.equal(request.dimensions, 256);
  assert.deepEqual(codec.emitRequest(request, { model: 'nomic-embed-text' }), { body: wire, warnings: [] });
  const openai = openaiChatDialect.embeddings?.emitRequest(request, { model: 'text-embedding-3-small' });
  assert.deepEqual(openai?.warnings.map((warning) => warning.feature), ['truncate', 'options', 'keep_alive', 'future']);
  // An Ollama caller gets numbers, so numbers are what the OpenAI upstream is asked for.
  assert.deepEqual(openai?.body, { input: ['a', 'b'], model: 'text-embedding-3-small', dimensions: 256 });
});

test('no input, or an empty string, is a model load with no inputs; it goes back as it came', () => {
  for (const wire of [{ model: 'm', input: '' }, { model: 'm', input: [] }, { model: 'm' }]) {
    const { request } = codec.parseRequest(wire, {});
    assert.deepEqual(request.inputs, []);
    const body = asJson(codec.emitRequest(request, { model: 'm' }).body);
    assert.deepEqual(body['input'], 'input' in wire && wire.input === '' ? '' : []);
  }
});

test('bad requests are invalid_request errors naming the field', () => {
  const cases: Array<{ body: unknown; param?: string; message: RegExp }> = [
    { body: { input: 'a' }, param: 'model', message: /'model'/ },
    { body: { model: '', input: 'a' }, param: 'model', message: /model name is required/ },
    { body: { model: 'm', input: 3 }, param: 'input', message: /string or an array of strings/ },
    { body: { model: 'm', input: ['a', 3] }, param: 'input', message: /'input'/ },
    { body: { model: 'm', input: 'a', keep_alive: true }, param: 'keep_alive', message: /duration/ },
    { body: { model: 'm', input: 'a', options: [] }, param: 'options', message: /JSON object/ },
    { body: { model: 'm', input: 'a', dimensions: 1.5 }, param: 'dimensions', message: /'dimensions'/ },
    { body: 'text', message: /the body/ },
  ];
  for (const { body, param, message } of cases) {
    assert.throws(() => codec.parseRequest(body, {}), isInterlinguaError('invalid_request', param, message), JSON.stringify(body));
  }
});

test('emitRequest: token inputs cannot be sent; a task type and a user are reported lost', () => {
  assert.throws(() => codec.emitRequest({ model: 'm', inputs: [{ type: 'tokens', tokens: [1] }] }, { model: 'm' }), isInterlinguaError('invalid_request', 'input[0]'));
  const { body, warnings } = codec.emitRequest(textRequest(['a'], { taskType: 'CLUSTERING', user: 'u', vendor: { gemini: { title: ['T'] } } }), { model: 'm' });
  assert.deepEqual(body, { model: 'm', input: ['a'] });
  assert.deepEqual(warnings.map((warning) => warning.feature), ['title', 'taskType', 'user']);
});

for (const path of responseFixtures) {
  test(`parse → emit gives back ${path} exactly, prompt_eval_count as input tokens`, () => {
    const wire = fixtureJson(path);
    const response = codec.parseResponse(wire);
    assert.deepEqual(response.embeddings, wire['embeddings']);
    assert.deepEqual(response.usage, wire['prompt_eval_count'] === undefined ? {} : { inputTokens: wire['prompt_eval_count'] });
    assert.deepEqual(codec.emitResponse(response, { requestedModel: 'all-minilm', request: textRequest(['x']) }), wire);
  });
}

test('an answer from another vendor has counts but no timings', () => {
  const body = codec.emitResponse({ model: 'x', embeddings: [[1, 2]], usage: { inputTokens: 4, totalTokens: 4 } }, { requestedModel: 'asked', request: textRequest(['a']) });
  assert.deepEqual(body, { model: 'asked', embeddings: [[1, 2]], prompt_eval_count: 4 });
});

test('error answers: {"error"} through parseError and in a 200 body; bodies that are not embeddings', () => {
  const text = readFixtureText('ollama/error-body.json');
  assert.equal(ollamaDialect.parseError(404, text, {}).code, 'not_found');
  assert.throws(() => codec.parseResponse(JSON.parse(text)), isInterlinguaError('upstream_error'));
  for (const body of [{}, { embeddings: [['x']] }, { embeddings: 'no' }, null, 'text']) {
    assert.throws(() => codec.parseResponse(body), isInterlinguaError('upstream_error'), JSON.stringify(body));
  }
});
