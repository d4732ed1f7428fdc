/**
 * The OpenAI embeddings codec (`POST /v1/embeddings`) against the recorded traffic in
 * fixtures/openai-embeddings (dd-* from DataDog/dd-trace-py cassettes, pa-* from pydantic-ai,
 * response-float.json from vercel/ai): requests round-trip, vectors survive parse → emit in both
 * encodings, and bad bodies name the field at fault.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { decodeFloat32Base64, encodeFloat32Base64 } from '../../../src/dialects/openai-chat/embeddings.js';
import type { EmbeddingCodec, EmbeddingRequest } from '../../../src/interlingua/embedding.js';
import { readFixtureText } from '../../support/fixtures.js';
import { asJson, asList, assertFloat32Equal, decodeBase64Float32, fixtureJson, fixtureNames, isInterlinguaError, textRequest } from './helpers.js';

const codec: EmbeddingCodec = openaiChatDialect.embeddings ?? assert.fail('openai-chat has an embeddings codec');

const requestFixtures = fixtureNames('openai-embeddings', (name) => name.endsWith('.request.json'));
/** Answers with vectors (the 404 answer is an error body, tested below). */
const responseFixtures = fixtureNames('openai-embeddings', (name) => (name.endsWith('.response.json') || name === 'response-float.json') && !name.includes('error'));

test('there are fixtures to replay', () => {
  assert.equal(requestFixtures.length, 5);
  assert.equal(responseFixtures.length, 5);
});

for (const path of requestFixtures) {
  test(`emitRequest(parseRequest(x)) reproduces ${path}`, () => {
    const wire = fixtureJson(path);
    const { request, warnings } = codec.parseRequest(wire, {});
    assert.deepEqual(warnings, []);
    const emitted = codec.emitRequest(request, { model: String(wire['model']) });
    assert.deepEqual(emitted.warnings, []);
    // The caller's encoding goes upstream as it came (see embeddings.ts for why not always base64).
    assert.deepEqual(emitted.body, wire);
    assert.equal(request.encodingFormat, wire['encoding_format']);
  });
}

test('the four shapes of input: one string, strings, one token array, token arrays', () => {
  const cases: Array<{ input: unknown; inputs: EmbeddingRequest['inputs'] }> = [
    { input: 'hello world', inputs: [{ type: 'text', text: 'hello world' }] },
    { input: ['hello', 'world'], inputs: [{ type: 'text', text: 'hello' }, { type: 'text', text: 'world' }] },
    { input: [8134, 2308], inputs: [{ type: 'tokens', tokens: [8134, 2308] }] },
    // fixture dd-base64-token-arrays.request.json
    { input: [[8134], [2308]], inputs: [{ type: 'tokens', tokens: [8134] }, { type: 'tokens', tokens: [2308] }] },
  ];
  for (const { input, inputs } of cases) {
    const { request } = codec.parseRequest({ model: 'text-embedding-3-small', input }, {});
    assert.deepEqual(request.inputs, inputs);
    assert.deepEqual(asJson(codec.emitRequest(request, { model: 'm' }).body)['input'], input, JSON.stringify(input));
  }
});

test('dimensions, user and unknown fields are kept; the model may come from the route', () => {
  const { request } = codec.parseRequest({ input: ['a'], dimensions: 256, user: 'u-1', encoding_format: 'float', extra_body_field: { x: 1 } }, { model: 'from-route' });
  assert.equal(request.model, 'from-route');
  assert.equal(request.dimensions, 256);
  assert.equal(request.user, 'u-1');
  assert.equal(request.encodingFormat, 'float');
  assert.deepEqual(request.vendor, { 'openai-chat': { extra_body_field: { x: 1 } } });
  assert.deepEqual(codec.emitRequest(request, { model: 'upstream-name' }).body, {
    input: ['a'],
    model: 'upstream-name',
    encoding_format: 'float',
    dimensions: 256,
    user: 'u-1',
    extra_body_field: { x: 1 },
  });
});

test('an empty or malformed input is an invalid_request naming the field', () => {
  const cases: Array<{ body: unknown; param?: string; message: RegExp }> = [
    { body: { model: 'm', input: '' }, param: 'input', message: /'input'.*empty string/ },
    { body: { model: 'm', input: [] }, param: 'input', message: /'input'.*empty array/ },
    { body: { model: 'm', input: ['a', ''] }, param: 'input[1]', message: /'input\[1\]'.*empty string/ },
    { body: { model: 'm', input: [[1], []] }, param: 'input[1]', message: /'input\[1\]'/ },
    { body: { model: 'm', input: ['a', 3] }, param: 'input[1]', message: /'input\[1\]'/ },
    { body: { model: 'm', input: [1.5] }, param: 'input[0]', message: /'input\[0\]'/ },
    { body: { model: 'm', input: [{ text: 'a' }] }, param: 'input[0]', message: /'input\[0\]'/ },
    { body: { model: 'm', input: 42 }, param: 'input', message: /'input'/ },
    { body: { model: 'm' }, param: 'input', message: /Missing required field 'input'/ },
    { body: { input: 'a' }, param: 'model', message: /Missing required field 'model'/ },
    { body: { model: 'm', input: 'a', encoding_format: 'hex' }, param: 'encoding_format', message: /'encoding_format'/ },
    { body: { model: 'm', input: 'a', dimensions: 0 }, param: 'dimensions', message: /'dimensions'/ },
    { body: ['not', 'an', 'object'], message: /JSON object/ },
  ];
  for (const { body, param, message } of cases) {
    assert.throws(() => codec.parseRequest(body, {}), isInterlinguaError('invalid_request', param, message), JSON.stringify(body));
  }
});

test('emitRequest: a task type is reported lost, foreign vendor fields too, and no inputs or mixed inputs are refused', () => {
  const { warnings } = codec.emitRequest(textRequest(['a'], { taskType: 'RETRIEVAL_QUERY', vendor: { ollama: { keep_alive: '5m' } } }), { model: 'm' });
  assert.deepEqual(warnings.map((warning) => warning.feature), ['keep_alive', 'taskType']);
  assert.throws(() => codec.emitRequest(textRequest([]), { model: 'm' }), isInterlinguaError('invalid_request', 'input'));
  const mixed: EmbeddingRequest = { model: 'm', inputs: [{ type: 'text', text: 'a' }, { type: 'tokens', tokens: [1] }] };
  assert.throws(() => codec.emitRequest(mixed, { model: 'm' }), isInterlinguaError('invalid_request', 'input'));
});

for (const path of responseFixtures) {
  test(`parse → emit keeps the vectors and usage of ${path}`, () => {
    const wire = fixtureJson(path);
    const data = asList(wire['data']).map(asJson);
    const response = codec.parseResponse(wire);
    assert.equal(response.embeddings.length, data.length);
    const usage = asJson(wire['usage']);
    assert.deepEqual(response.usage, { inputTokens: usage['prompt_tokens'], totalTokens: usage['total_tokens'] });
    assert.equal(response.model, wire['model']);

    const base64 = typeof data[0]?.['embedding'] === 'string';
    data.forEach((item, index) => {
      const embedding = item['embedding'];
      // Base64 decodes to exactly the float32 values; numbers pass through untouched.
      if (typeof embedding === 'string') assert.deepEqual(response.embeddings[index], decodeBase64Float32(embedding));
      else assert.deepEqual(response.embeddings[index], embedding);
    });

    // Emitted in the format the fixture was recorded in, the body comes back whole.
    const request = textRequest(data.map(() => 'x'), base64 ? { encodingFormat: 'base64' } : {});
    assert.deepEqual(codec.emitResponse(response, { requestedModel: String(wire['model']), request }), wire);

    // In the other format, the same float32 values.
    const other = asJson(codec.emitResponse(response, { requestedModel: 'm', request: textRequest([], base64 ? {} : { encodingFormat: 'base64' }) }));
    asList(other['data']).map(asJson).forEach((item, index) => {
      const embedding = item['embedding'];
      const vector = typeof embedding === 'string' ? decodeBase64Float32(embedding) : (embedding as number[]);
      assertFloat32Equal(vector, response.embeddings[index] ?? [], `${path} data[${index}]`);
    });
  });
}

test('OpenAI prints float vectors as the shortest float32 decimals: base64 loses nothing (dd-float.response.json)', () => {
  const vector = asJson(asList(fixtureJson('openai-embeddings/dd-float.response.json')['data'])[0])['embedding'] as number[];
  const decoded = decodeFloat32Base64(encodeFloat32Base64(vector), 'test');
  assertFloat32Equal(decoded, vector);
  const shortest = (value: number) => {
    for (let digits = 1; digits <= 9; digits++) {
      const candidate = Number(value.toPrecision(digits));
      if (Math.fround(candidate) === value) return candidate;
    }
    return value;
  };
  assert.deepEqual(decoded.map(shortest), vector);
});

test('data is put in index order', () => {
  const response = codec.parseResponse({ object: 'list', data: [{ index: 1, embedding: [2] }, { index: 0, embedding: [1] }], model: 'm' });
  assert.deepEqual(response.embeddings, [[1], [2]]);
  assert.deepEqual(response.usage, {});
});

test('a malformed answer is an upstream_error', () => {
  const bodies: unknown[] = [
    { data: [{ index: 0, embedding: 'AAAA!' }] },
    { data: [{ index: 0, embedding: 'AAA=' }] },
    { data: [{ index: 0, embedding: 'AAAAAAA=' }] },
    { data: [{ index: 0, embedding: [1, 'x'] }] },
    { data: [{ index: 0, embedding: [1] }, { index: 0, embedding: [2] }] },
    { data: [{ index: 3, embedding: [1] }] },
    { object: 'list' },
    'not json',
    // NaN as float32 bytes
    { data: [{ index: 0, embedding: Buffer.from([0, 0, 0xc0, 0x7f]).toString('base64') }] },
  ];
  for (const body of bodies) assert.throws(() => codec.parseResponse(body), isInterlinguaError('upstream_error'), JSON.stringify(body));
});

test('unknown fields of the answer come back for an OpenAI caller', () => {
  const wire = {
    object: 'list',
    data: [{ object: 'embedding', index: 0, embedding: [0.5], extra: true }],
    model: 'm',
    usage: { prompt_tokens: 3, total_tokens: 3, cost: 0.1 },
    provider: 'x',
  };
  const response = codec.parseResponse(wire);
  assert.deepEqual(codec.emitResponse(response, { requestedModel: 'm', request: textRequest(['a']) }), wire);
});

test('error answers: the 404 fixture through parseError, and an error object in a 200 body', () => {
  const text = readFixtureText('openai-embeddings/pa-error-404-model-not-found.response.json');
  const error = openaiChatDialect.parseError(404, text, {});
  assert.equal(error.code, 'not_found');
  assert.match(error.message, /nonexistent/);
  assert.throws(() => codec.parseResponse(JSON.parse(text)), isInterlinguaError('invalid_request', undefined, /does not exist/));
});
