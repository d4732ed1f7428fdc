/**
 * Property tests (fast-check): parseRequest takes any input and gives a value or an
 * `InterlinguaError`, never another exception; what it accepts comes back out of the emitter
 * unchanged; the response and stream parsers never crash; and an arbitrary answer survives
 * encode → decode → fold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldStream } from '../../../src/core/fold-stream.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { openaiCompletionsDialect } from '../../../src/dialects/openai-completions/index.js';
import { modelledRequestFields } from '../../../src/dialects/openai-completions/request-schema.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { chatRequest, decodeFrames, sseFrames } from './helpers.js';

const runs = { numRuns: 300 };

function valueOrInterlinguaError<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof InterlinguaError) return undefined;
    throw error;
  }
}

/**
 * Accepted requests are emitted verbatim to the same dialect, but for the emitter's documented
 * rewrites: a streaming request always asks for usage; `stream_options` only goes with a stream;
 * a null modelled field means "unset" and is not written (unmodelled ones travel as they came);
 * `prompt: null` is an empty prompt; a presence or frequency penalty beyond OpenAI's -2 to 2 goes as
 * the nearest bound, with a warning (openai-family/penalty-fit.ts).
 */
function checkRequest(body: unknown): void {
  const parsed = valueOrInterlinguaError(() => openaiCompletionsDialect.parseRequest(body, {}));
  if (parsed === undefined) return;
  const wire = body as Record<string, unknown>;
  const { body: emitted, warnings } = openaiCompletionsDialect.emitRequest(parsed.request, { model: parsed.request.model, defaultMaxOutputTokens: 1 });
  const penalties = new Set(['presence_penalty', 'frequency_penalty']);
  const fitted = Object.entries(wire).filter(([key, value]) => penalties.has(key) && typeof value === 'number' && Math.abs(value) > 2).map(([key]) => key);
  assert.deepEqual(warnings.map((warning) => warning.feature).sort(), fitted.sort());
  const expected: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wire)) {
    if (key === 'prompt') expected[key] = value ?? '';
    else if (fitted.includes(key)) expected[key] = Math.min(2, Math.max(-2, value as number));
    else if (value !== null || !modelledRequestFields.has(key)) expected[key] = value;
  }
  if (expected['stream'] === false) delete expected['stream'];
  if (expected['stream'] === true) {
    const options = expected['stream_options'];
    const others = typeof options === 'object' && options !== null ? Object.entries(options).filter(([key, value]) => key !== 'include_usage' && value !== undefined) : [];
    expected['stream_options'] = { ...Object.fromEntries(others), include_usage: true };
  } else delete expected['stream_options'];
  assert.deepEqual(emitted, expected);
}

test('parseRequest on arbitrary JSON gives a value or an InterlinguaError', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (body) => {
      valueOrInterlinguaError(() => openaiCompletionsDialect.parseRequest(body, {}));
    }),
    runs,
  );
});

test('parseRequest on near-valid requests gives a value or an InterlinguaError, and what it accepts round-trips', () => {
  /** Mostly `good`, sometimes anything at all. */
  const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 19, arbitrary: good }, { weight: 1, arbitrary: fc.jsonValue() });
  const request = fc.record(
    {
      model: mostly(fc.string({ minLength: 1 })),
      prompt: mostly(fc.oneof(fc.string(), fc.array(fc.string(), { minLength: 1, maxLength: 2 }), fc.constant(null), fc.array(fc.nat(), { maxLength: 3 }))),
      max_tokens: mostly(fc.oneof(fc.nat(), fc.constant(null))),
      temperature: mostly(fc.double({ min: 0, max: 2, noNaN: true })),
      top_p: mostly(fc.double({ min: 0, max: 1, noNaN: true })),
      n: mostly(fc.integer({ min: 1, max: 4 })),
      stream: mostly(fc.boolean()),
      stream_options: mostly(fc.record({ include_usage: fc.boolean() })),
      stop: mostly(fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 4 }))),
      presence_penalty: mostly(fc.double({ min: -2, max: 2, noNaN: true })),
      frequency_penalty: mostly(fc.double({ min: -2, max: 2, noNaN: true })),
      seed: mostly(fc.integer()),
      user: mostly(fc.string()),
      suffix: mostly(fc.string()),
      echo: mostly(fc.boolean()),
      logprobs: mostly(fc.integer({ min: 0, max: 5 })),
      best_of: mostly(fc.integer({ min: 1, max: 5 })),
      logit_bias: mostly(fc.dictionary(fc.stringMatching(/^\d{1,5}$/), fc.integer({ min: -100, max: 100 }))),
    },
    { requiredKeys: [] },
  );
  // Through JSON, as a body arrives: fast-check's dictionaries have no prototype, parsed JSON does.
  fc.assert(fc.property(request, (body) => checkRequest(JSON.parse(JSON.stringify(body)) as unknown)), runs);
});

test('parseResponse and the stream decoder on arbitrary input give a value or an InterlinguaError', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (body) => {
      valueOrInterlinguaError(() => openaiCompletionsDialect.parseResponse(body));
      const decoder = openaiCompletionsDialect.createStreamDecoder();
      valueOrInterlinguaError(() => [...decoder.push({ data: JSON.stringify(body) }), ...decoder.end()]);
    }),
    runs,
  );
  fc.assert(
    fc.property(fc.string(), (text) => {
      valueOrInterlinguaError(() => openaiCompletionsDialect.createStreamDecoder().push({ data: text }));
    }),
    runs,
  );
});

test('an arbitrary text answer survives encode → decode → fold', () => {
  const answer = fc.record({
    text: fc.string({ unit: 'grapheme', maxLength: 200 }),
    finish: fc.constantFrom<ChatResponse['finishReason']>(
      { unified: 'stop', raw: 'stop' },
      { unified: 'length', raw: 'length' },
      { unified: 'content-filter', raw: 'content_filter' },
    ),
    inputTokens: fc.nat(),
    outputTokens: fc.nat(),
  });
  fc.assert(
    fc.property(answer, ({ text, finish, inputTokens, outputTokens }) => {
      const response: ChatResponse = {
        id: 'cmpl-p',
        model: 'm',
        created: 1,
        content: text === '' ? [] : [{ type: 'text', text }],
        finishReason: finish,
        usage: { inputTokens, outputTokens },
      };
      const encoder = openaiCompletionsDialect.createStreamEncoder({ requestedModel: 'm', request: chatRequest({ stream: true, streamUsage: true }) });
      const wire = responseToEvents(response).map((event) => encoder.encode(event)).join('');
      const folded = foldStream(decodeFrames(sseFrames(wire)));
      assert.deepEqual(folded.content, response.content);
      assert.deepEqual(folded.finishReason, finish);
      assert.equal(folded.usage.inputTokens, inputTokens);
      assert.equal(folded.usage.outputTokens, outputTokens);
    }),
    runs,
  );
});
