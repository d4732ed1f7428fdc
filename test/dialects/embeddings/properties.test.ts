/**
 * Property tests (fast-check): every embeddings parser gives a value or an `InterlinguaError` on
 * any JSON, never a crash, and so does emitting what it parsed to every dialect; vectors survive
 * base64 and every emit → parse trip as the same float32 values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { decodeFloat32Base64, encodeFloat32Base64 } from '../../../src/dialects/openai-chat/embeddings.js';
import type { EmbeddingCodec, EmbeddingParseContext, EmbeddingResponse } from '../../../src/interlingua/embedding.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { assertVectorsFloat32Equal, textRequest } from './helpers.js';

const codecs: Array<[string, EmbeddingCodec]> = [
  ['openai-chat', openaiChatDialect.embeddings ?? assert.fail('openai-chat embeddings')],
  ['gemini', geminiDialect.embeddings ?? assert.fail('gemini embeddings')],
  ['ollama', ollamaDialect.embeddings ?? assert.fail('ollama embeddings')],
];

function onlyInterlinguaErrors(run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof InterlinguaError)) throw error;
  }
}

const contexts: EmbeddingParseContext[] = [{}, { model: 'm' }, { model: 'm', single: true }];
const text = fc.string({ maxLength: 8 });
/** Bodies close enough to each dialect's shape to get past the first checks. */
const field = fc.oneof(fc.jsonValue({ maxDepth: 2 }), text, fc.array(text, { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 3 }));
const part = fc.dictionary(fc.constantFrom('text', 'inlineData', 'thought'), field, { maxKeys: 2 });
const content = fc.oneof(fc.record({ parts: fc.oneof(fc.array(part, { maxLength: 3 }), part) }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 2 }));
const geminiRequest = fc.record(
  {
    model: fc.oneof(fc.constant('models/e'), field),
    content,
    taskType: field,
    task_type: field,
    title: field,
    outputDimensionality: fc.oneof(fc.integer({ min: -2, max: 4 }), field),
  },
  { requiredKeys: [] },
);
const bodyLike = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      model: fc.oneof(fc.constant('m'), field),
      input: fc.oneof(field, fc.array(fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: 3 }), { maxLength: 3 })),
      encoding_format: fc.oneof(fc.constantFrom('float', 'base64'), field),
      dimensions: fc.oneof(fc.integer({ min: -1, max: 4 }), field),
      user: field,
      keep_alive: field,
      options: field,
      truncate: field,
      requests: fc.oneof(fc.array(geminiRequest, { maxLength: 3 }), field),
      content,
    },
    { requiredKeys: [] },
  ),
  geminiRequest,
);

test('parseRequest on arbitrary JSON returns a request or throws an InterlinguaError; so does emitting it anywhere', () => {
  fc.assert(
    fc.property(bodyLike, fc.constantFrom(...contexts), (body, context) => {
      for (const [, codec] of codecs) {
        onlyInterlinguaErrors(() => {
          const { request } = codec.parseRequest(body, context);
          assert.ok(Array.isArray(request.inputs));
          for (const [, target] of codecs) onlyInterlinguaErrors(() => target.emitRequest(request, { model: 'upstream' }));
        });
      }
    }),
    { numRuns: 300 },
  );
});

const vectorsArbitrary = fc.array(fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { maxLength: 16 }), { minLength: 1, maxLength: 4 });
const responseLike = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      object: field,
      data: fc.oneof(fc.array(fc.record({ index: fc.oneof(fc.nat(4), field), embedding: fc.oneof(field, fc.base64String()) }, { requiredKeys: [] }), { maxLength: 3 }), field),
      embeddings: fc.oneof(fc.array(fc.oneof(fc.record({ values: field }), fc.array(fc.double()), field), { maxLength: 3 }), field),
      embedding: fc.oneof(fc.record({ values: fc.array(fc.double(), { maxLength: 3 }) }), field),
      usage: field,
      error: field,
      prompt_eval_count: field,
    },
    { requiredKeys: [] },
  ),
);

test('parseResponse on arbitrary JSON returns an answer or throws an InterlinguaError', () => {
  fc.assert(
    fc.property(responseLike, (body) => {
      for (const [, codec] of codecs) {
        onlyInterlinguaErrors(() => {
          const response = codec.parseResponse(body);
          for (const vector of response.embeddings) assert.ok(vector.every(Number.isFinite));
        });
      }
    }),
    { numRuns: 300 },
  );
});

test('base64 float32 round-trips every float32', () => {
  fc.assert(
    fc.property(fc.array(fc.float({ noNaN: true, noDefaultInfinity: true })), (vector) => {
      assert.deepEqual(decodeFloat32Base64(encodeFloat32Base64(vector), 'test'), vector);
    }),
  );
});

test('any answer, emitted by one codec and parsed back by it, keeps its vectors as float32 values', () => {
  fc.assert(
    fc.property(vectorsArbitrary, fc.constantFrom<'float' | 'base64' | undefined>('float', 'base64', undefined), (vectors, encodingFormat) => {
      const response: EmbeddingResponse = { model: 'x', embeddings: vectors, usage: { inputTokens: 1 } };
      const request = textRequest(vectors.map(() => 'a'), encodingFormat === undefined ? {} : { encodingFormat });
      for (const [, codec] of codecs) {
        const single = vectors.length === 1;
        const body = codec.emitResponse(response, { requestedModel: 'm', request, ...(single ? { single } : {}) });
        assertVectorsFloat32Equal(codec.parseResponse(JSON.parse(JSON.stringify(body)) as unknown).embeddings, vectors);
      }
    }),
  );
});

test('any texts, emitted by one codec and parsed back by it, are the same inputs', () => {
  const texts = fc.array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 4 });
  fc.assert(
    fc.property(texts, (inputs) => {
      const request = textRequest(inputs);
      for (const [, codec] of codecs) {
        const { body } = codec.emitRequest(request, { model: 'm' });
        assert.deepEqual(codec.parseRequest(JSON.parse(JSON.stringify(body)) as unknown, { model: 'm' }).request.inputs, request.inputs);
      }
    }),
  );
});
