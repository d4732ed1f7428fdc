/**
 * The Gemini embeddings codec (`:embedContent`, `:batchEmbedContents`) against fixtures/gemini:
 * requests in the shape of Google's REST samples (doc-format-request-*, written here; see
 * test/fixtures/README.md) and pydantic-ai recordings (pa-*). Upstream the batch form
 * is always emitted, so a `:embedContent` body comes back as the one request of a batch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { EmbeddingCodec } from '../../../src/interlingua/embedding.js';
import { readFixtureText } from '../../support/fixtures.js';
import { asJson, asList, fixtureJson, fixtureNames, isInterlinguaError, readTrailingCommaJson, textRequest } from './helpers.js';

const codec: EmbeddingCodec = geminiDialect.embeddings ?? assert.fail('gemini has an embeddings codec');

/** `models/x` → `x`, as the gateway's route reads it from the URL path. */
function pathModel(body: Record<string, unknown>): string {
  const first = asJson(asList(body['requests'])[0]);
  return String(first['model']).replace(/^models\//, '');
}

const batchFixtures = fixtureNames('gemini', (name) => /^pa-.*(batchEmbedContents|embed).*\.request\.json$/.test(name));

test('there are fixtures to replay', () => {
  assert.deepEqual(batchFixtures, [
    'gemini/pa-batchEmbedContents-documents.request.json',
    'gemini/pa-batchEmbedContents-query.request.json',
    'gemini/pa-error-404-embed-model-not-found.request.json',
  ]);
});

for (const path of batchFixtures) {
  test(`emitRequest(parseRequest(x)) reproduces ${path}`, () => {
    const wire = fixtureJson(path);
    const model = pathModel(wire);
    const { request, warnings } = codec.parseRequest(wire, { model });
    assert.deepEqual(warnings, []);
    assert.equal(request.model, model);
    assert.ok(request.taskType?.startsWith('RETRIEVAL_'));
    const emitted = codec.emitRequest(request, { model });
    assert.deepEqual(emitted.warnings, []);
    assert.deepEqual(emitted.body, wire);
  });
}

test(":batchEmbedContents in the style of Google's sample (trailing commas removed) round-trips, the model read from its requests", () => {
  const wire = readTrailingCommaJson('gemini/doc-format-request-batchEmbedContents-trailing-commas.json5');
  const { request } = codec.parseRequest(wire, {});
  assert.equal(request.model, 'gemini-embedding-001');
  assert.deepEqual(
    request.inputs.map((input) => (input.type === 'text' ? input.text : '')),
    ['Why do tides rise twice a day?', 'Which planet has the longest day?', 'How far away is the Moon?'],
  );
  assert.deepEqual(codec.emitRequest(request, { model: request.model }).body, wire);
});

test(':embedContent as in the API reference comes back as the one request of a batch', () => {
  const wire = fixtureJson('gemini/doc-format-request-embedContent.json');
  const { request } = codec.parseRequest(wire, { model: 'gemini-embedding-001', single: true });
  assert.deepEqual(request.inputs, [{ type: 'text', text: 'Why do tides rise twice a day?' }]);
  assert.deepEqual(codec.emitRequest(request, { model: 'gemini-embedding-001' }).body, { requests: [wire] });
});

test('snake_case fields, a single part object, and the model from the route', () => {
  const { request } = codec.parseRequest(
    { content: { parts: { text: 'hi' } }, task_type: 'SEMANTIC_SIMILARITY', output_dimensionality: 768 },
    { model: 'gemini-embedding-001', single: true },
  );
  assert.deepEqual(request, { model: 'gemini-embedding-001', inputs: [{ type: 'text', text: 'hi' }], taskType: 'SEMANTIC_SIMILARITY', dimensions: 768 });
  assert.deepEqual(codec.emitRequest(request, { model: 'gemini-embedding-001' }).body, {
    requests: [{ model: 'models/gemini-embedding-001', content: { parts: [{ text: 'hi' }] }, taskType: 'SEMANTIC_SIMILARITY', outputDimensionality: 768 }],
  });
});

test('per-request titles, roles, differing settings, several parts and unknown fields survive a Gemini → Gemini trip', () => {
  const wire = {
    requests: [
      { model: 'models/e', content: { role: 'user', parts: [{ text: 'Doc one' }] }, taskType: 'RETRIEVAL_DOCUMENT', title: 'One', outputDimensionality: 256 },
      { model: 'models/e', content: { parts: [{ text: 'Part A' }, { text: 'Part B' }] }, taskType: 'RETRIEVAL_QUERY', someFutureField: 1 },
      { model: 'models/e', content: { parts: [{ text: 'Three', partMetadata: { k: 'v' } }] }, taskType: 'RETRIEVAL_DOCUMENT', outputDimensionality: 256 },
    ],
    futureTopLevel: true,
  };
  const { request } = codec.parseRequest(wire, { model: 'e' });
  assert.deepEqual(
    request.inputs.map((input) => (input.type === 'text' ? input.text : '')),
    ['Doc one', 'Part A\nPart B', 'Three'],
  );
  assert.equal(request.taskType, 'RETRIEVAL_DOCUMENT');
  assert.equal(request.dimensions, 256);
  const same = codec.emitRequest(request, { model: 'e' });
  assert.deepEqual(same.body, wire);
  assert.deepEqual(same.warnings, []);
  // Elsewhere the Gemini-only parts are reported lost; the role is spelling only and is not.
  const openai = openaiChatDialect.embeddings?.emitRequest(request, { model: 'm' });
  assert.deepEqual(openai?.warnings.map((warning) => warning.feature), ['bodyExtras', 'title', 'content', 'requestExtras', 'taskType']);
});

test('a new input text replaces the kept content', () => {
  const { request } = codec.parseRequest({ requests: [{ model: 'models/e', content: { parts: [{ text: 'A' }, { text: 'B' }] } }] }, {});
  const edited = { ...request, inputs: [{ type: 'text' as const, text: 'C' }] };
  assert.deepEqual(asJson(codec.emitRequest(edited, { model: 'e' }).body)['requests'], [{ model: 'models/e', content: { parts: [{ text: 'C' }] } }]);
});

test('bad requests are invalid_request errors naming the field', () => {
  const batch = (body: unknown) => ({ body, context: {} });
  const single = (body: unknown) => ({ body, context: { model: 'e', single: true } });
  const cases: Array<{ body: unknown; context: { model?: string; single?: boolean }; param?: string; message: RegExp }> = [
    { ...batch({ requests: [] }), param: 'requests', message: /at least one request/ },
    { ...batch({}), param: 'requests', message: /requests/ },
    { ...batch({ requests: [{ model: 'models/e', content: { parts: [{ inlineData: { mimeType: 'image/png', data: 'AA==' } }] } }] }), param: 'requests[0].content.parts[0].text', message: /only text/ },
    { ...batch({ requests: [{ model: 'models/e', content: { parts: [] } }] }), param: 'requests[0].content.parts', message: /at least one part/ },
    { ...batch({ requests: [{ model: 'models/e' }] }), param: 'requests[0].content', message: /content/ },
    { ...batch({ requests: [{ model: 'models/e', content: { parts: [{ text: 'a' }] }, outputDimensionality: -1 }] }), param: 'requests[0].outputDimensionality', message: /outputDimensionality/ },
    { ...batch({ requests: [{ content: { parts: [{ text: 'a' }] } }] }), message: /No model/ },
    { ...single({ content: 'text' }), param: 'content', message: /content/ },
    { ...single('text'), message: /Invalid Gemini embeddings request/ },
  ];
  for (const { body, context, param, message } of cases) {
    assert.throws(() => codec.parseRequest(body, context), isInterlinguaError('invalid_request', param, message), JSON.stringify(body));
  }
});

test('emitRequest: token inputs cannot be sent, nor no inputs; user is reported lost; the model is named models/…', () => {
  assert.throws(() => codec.emitRequest({ model: 'm', inputs: [{ type: 'tokens', tokens: [1, 2] }] }, { model: 'e' }), isInterlinguaError('invalid_request', 'input[0]', /token ids/));
  assert.throws(() => codec.emitRequest(textRequest([]), { model: 'e' }), isInterlinguaError('invalid_request'));
  const { body, warnings } = codec.emitRequest(textRequest(['a'], { user: 'u' }), { model: 'tunedModels/mine' });
  assert.deepEqual(warnings.map((warning) => warning.feature), ['user']);
  assert.equal(asJson(asList(asJson(body)['requests'])[0])['model'], 'tunedModels/mine');
});

const responseFixtures = ['gemini/pa-batchEmbedContents-documents.response.json', 'gemini/pa-batchEmbedContents-query.response.json'];

for (const path of responseFixtures) {
  test(`parse → emit gives back ${path} exactly, with no usage`, () => {
    const wire = fixtureJson(path);
    const response = codec.parseResponse(wire);
    const values = asList(wire['embeddings']).map((item) => asJson(item)['values']);
    assert.deepEqual(response.embeddings, values);
    assert.ok(response.embeddings.every((vector) => vector.length === 3072));
    // Gemini reports no token usage for embeddings.
    assert.deepEqual(response.usage, {});
    const request = textRequest(values.map(() => 'x'));
    assert.deepEqual(codec.emitResponse(response, { requestedModel: 'gemini-embedding-2-preview', request }), wire);
  });
}

test('an :embedContent caller gets {embedding}; the single form is read too', () => {
  const wire = fixtureJson('gemini/pa-batchEmbedContents-query.response.json');
  const response = codec.parseResponse(wire);
  const single = asJson(codec.emitResponse(response, { requestedModel: 'e', request: textRequest(['x']), single: true }));
  assert.deepEqual(single, { embedding: asList(wire['embeddings'])[0] });
  assert.deepEqual(codec.parseResponse(single).embeddings, response.embeddings);
  const two = codec.parseResponse(fixtureJson('gemini/pa-batchEmbedContents-documents.response.json'));
  assert.throws(() => codec.emitResponse(two, { requestedModel: 'e', request: textRequest(['x']), single: true }), isInterlinguaError('upstream_error'));
});

test('unknown fields of the answer (Vertex statistics) come back for a Gemini caller; usageMetadata, should it come, is read', () => {
  const wire = { embeddings: [{ values: [0.25, -1], statistics: { tokenCount: 3 } }], metadata: { billableCharacterCount: 9 }, usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 } };
  const response = codec.parseResponse(wire);
  assert.deepEqual(response.usage, { inputTokens: 3, totalTokens: 3 });
  assert.deepEqual(codec.emitResponse(response, { requestedModel: 'e', request: textRequest(['a']) }), wire);
});

test('error answers: the 404 fixture through parseError, and bodies that are not embeddings', () => {
  const text = readFixtureText('gemini/pa-error-404-embed-model-not-found.response.json');
  const error = geminiDialect.parseError(404, text, {});
  assert.equal(error.code, 'not_found');
  assert.match(error.message, /not supported for embedContent/);
  for (const body of [JSON.parse(text) as unknown, {}, { embeddings: [{ values: ['x'] }] }, { embeddings: [{}] }, null, [1]]) {
    assert.throws(() => codec.parseResponse(body), isInterlinguaError('upstream_error'), JSON.stringify(body));
  }
});
