import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { StreamFrame } from '../../../src/interlingua/dialect.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { normalizeRequest } from './helpers.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const emitOptions = { model: 'gemini-3-pro-preview', defaultMaxOutputTokens: 1024 };

function onlyInterlinguaErrors(run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof InterlinguaError)) throw error;
  }
}

const text = fc.string({ maxLength: 12 });
const name = fc.constantFrom('f', 'g', 'weather');
const signature = fc.option(fc.base64String({ minLength: 4, maxLength: 12 }), { nil: undefined });
const withSignature = <T extends object>(part: T, sig: string | undefined) => (sig === undefined ? part : { ...part, thoughtSignature: sig });
/** Plain JSON objects, as a body parsed from the wire holds them. */
const object = fc
  .dictionary(fc.string({ maxLength: 6 }).filter((key) => key !== '__proto__'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
  .map((value) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>);

/** Gemini refuses a plain text part that is empty ("it has an empty text parameter"); one that carries a signature may be. */
const plainText = fc.string({ minLength: 1, maxLength: 12 });
const modelPart = fc.oneof(
  fc.tuple(text, signature).map(([value, sig]) => withSignature({ text: sig === undefined && value === '' ? '.' : value }, sig)),
  fc.tuple(text, signature).map(([value, sig]) => withSignature({ text: value, thought: true }, sig)),
  fc.tuple(name, object, fc.option(fc.string({ minLength: 1, maxLength: 6 }), { nil: undefined }), signature).map(([fn, args, id, sig]) =>
    withSignature({ functionCall: id === undefined ? { name: fn, args } : { name: fn, args, id } }, sig),
  ),
);
const userPart = fc.oneof(
  plainText.map((value) => ({ text: value })),
  // An image has at least one byte: empty data is refused as not base64.
  fc.base64String({ minLength: 4, maxLength: 12 }).map((data) => ({ inlineData: { mimeType: 'image/png', data } })),
);

type Part = Record<string, unknown>;

/**
 * The user turn after a model turn answers each of its calls, answers first: Gemini refuses a turn
 * whose function responses do not match the calls before it in number
 * (https://github.com/google-gemini/gemini-cli/issues/4217), or that follow no call at all.
 */
function answered(model: Part[], user: Part[], results: Record<string, unknown>[]): Part[] {
  const calls = model.map((part) => part['functionCall'] as Part | undefined).filter((call) => call !== undefined);
  const answers = calls.map((call, index) => ({ functionResponse: { ...(call['id'] === undefined ? {} : { id: call['id'] }), name: call['name'], response: results[index] ?? {} } }));
  return [...answers, ...user];
}

/** Alternating user / model contents with non-empty parts, each call answered: the shape of every real conversation. */
const geminiRequest = fc
  .array(fc.tuple(fc.array(userPart, { minLength: 1, maxLength: 4 }), fc.array(modelPart, { minLength: 1, maxLength: 4 }), fc.array(object, { minLength: 4, maxLength: 4 })), {
    minLength: 1,
    maxLength: 3,
  })
  .map((turns) => ({
    contents: turns.flatMap(([user, model], index) => {
      const previous = turns[index - 1];
      const userParts = previous === undefined ? user : answered(previous[1], user, previous[2]);
      return [{ role: 'user', parts: userParts }, { role: 'model', parts: model }];
    }),
  }));

test('parseRequest on arbitrary JSON returns a request or throws an InterlinguaError', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (body) => {
      onlyInterlinguaErrors(() => geminiDialect.parseRequest(body, { model: 'm' }));
    }),
  );
  const partLike = fc.dictionary(fc.constantFrom('text', 'thought', 'thoughtSignature', 'functionCall', 'functionResponse', 'inlineData', 'fileData', 'file_data', 'executableCode'), fc.jsonValue({ maxDepth: 2 }));
  const requestLike = fc.record(
    {
      contents: fc.oneof(fc.array(fc.record({ role: fc.constantFrom('user', 'model', 'function', 'system'), parts: fc.oneof(fc.array(partLike), partLike) }, { requiredKeys: [] })), fc.jsonValue()),
      system_instruction: fc.jsonValue({ maxDepth: 3 }),
      tools: fc.array(fc.dictionary(fc.constantFrom('functionDeclarations', 'googleSearch'), fc.jsonValue({ maxDepth: 4 }))),
      toolConfig: fc.jsonValue({ maxDepth: 3 }),
      generationConfig: fc.dictionary(fc.constantFrom('temperature', 'thinkingConfig', 'responseSchema', 'responseMimeType', 'stop_sequences'), fc.jsonValue({ maxDepth: 3 })),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(requestLike, (body) => {
      onlyInterlinguaErrors(() => {
        const { request } = geminiDialect.parseRequest(body, { model: 'm' });
        geminiDialect.emitRequest(request, emitOptions);
      });
    }),
  );
});

test('emitRequest(parseRequest(x)) gives back any well-formed conversation', () => {
  fc.assert(
    fc.property(geminiRequest, (generated) => {
      const body: unknown = JSON.parse(JSON.stringify(generated));
      const { request } = geminiDialect.parseRequest(body, { model: 'gemini-2.5-flash' });
      const emitted = geminiDialect.emitRequest(request, { ...emitOptions, model: 'gemini-2.5-flash' });
      assert.deepEqual(normalizeRequest(emitted.body), normalizeRequest(body));
      const refusal = judgeRequest({ method: 'POST', url: '/v1beta/models/gemini-2.5-flash:generateContent', headers: { 'x-goog-api-key': 'key' }, body: emitted.body });
      assert.equal(refusal, undefined, refusal?.message);
    }),
  );
});

const chunkPart = fc.oneof(
  fc.record({ text: fc.string({ maxLength: 5 }), thought: fc.boolean(), thoughtSignature: fc.string({ maxLength: 4 }) }, { requiredKeys: ['text'] }),
  fc.record({ thoughtSignature: fc.string({ maxLength: 4 }) }),
  fc.record({ functionCall: fc.record({ name: name, args: object, id: fc.string({ maxLength: 3 }), willContinue: fc.boolean(), partialArgs: fc.array(fc.record({ jsonPath: fc.constantFrom('$.a', '$.b[1]', '$["c"]', 'x', '$..'), stringValue: fc.string({ maxLength: 3 }), numberValue: fc.double(), willContinue: fc.boolean() }, { requiredKeys: [] }), { maxLength: 2 }) }, { requiredKeys: [] }) }),
  fc.record({ executableCode: object }),
);
const chunk = fc.record(
  {
    candidates: fc.array(fc.record({ content: fc.record({ role: fc.constant('model'), parts: fc.array(chunkPart, { maxLength: 3 }) }), finishReason: fc.constantFrom('STOP', 'MAX_TOKENS', 'SAFETY', 'OTHER'), index: fc.constantFrom(0, 1) }, { requiredKeys: ['content'] }), { maxLength: 2 }),
    usageMetadata: fc.record({ promptTokenCount: fc.nat(), candidatesTokenCount: fc.nat(), thoughtsTokenCount: fc.nat() }, { requiredKeys: [] }),
    promptFeedback: fc.record({ blockReason: fc.constantFrom('SAFETY', 'OTHER') }),
    error: fc.record({ code: fc.integer({ min: 100, max: 600 }), message: fc.string(), status: fc.constantFrom('UNAVAILABLE', 'INTERNAL', 'X') }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const frame: fc.Arbitrary<StreamFrame> = fc.oneof(
  chunk.map((value) => ({ data: JSON.stringify(value) })),
  fc.array(chunk, { maxLength: 2 }).map((value) => ({ data: JSON.stringify(value) })),
  fc.jsonValue().map((value) => ({ data: JSON.stringify(value) })),
  fc.string().map((data) => ({ data })),
);

test('the stream decoder returns well-formed events or throws an InterlinguaError, whatever the frames', () => {
  fc.assert(
    fc.property(fc.array(frame, { maxLength: 8 }), (frames) => {
      const decoder = geminiDialect.createStreamDecoder();
      const events = [];
      for (const next of frames) {
        try {
          events.push(...decoder.push(next));
        } catch (error) {
          assert.ok(error instanceof InterlinguaError);
        }
      }
      events.push(...decoder.end());
      assert.equal(events.filter((event) => event.type === 'finish' || event.type === 'error').length, 1);
      try {
        foldStream(events);
      } catch (error) {
        assert.ok(error instanceof InterlinguaError);
        assert.doesNotMatch(error.message, /not open/);
      }
      const encoder = geminiDialect.createStreamEncoder({ requestedModel: 'm', request: { model: 'm', system: [], messages: [], sampling: {}, stream: true } });
      for (const event of events) encoder.encode(event);
    }),
  );
});
