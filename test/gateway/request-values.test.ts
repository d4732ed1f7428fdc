/**
 * Values no vendor takes (negative token counts, temperatures out of range, images that are not
 * base64) are refused with a 400 naming the caller's own field, before any upstream is asked.
 * OpenAI's own answer to such a request is recorded in
 * fixtures/openai-responses/pa-error-400-decimal-below-min.response.json.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dialectNames, modelFor, startHarness, type DialectName, type Harness } from './support/harness.js';
import { callerFor } from './support/callers.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import { badRequestMessage, chatRoutes, postRaw, upstreamRequestCount } from './support/dialect-errors.js';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness.close());
beforeEach(() => harness.reset());

/** The field each caller's SDK sends for the options the test sets. */
const sdkFields: Record<DialectName, { maxTokens: string; image: RegExp }> = {
  'openai-chat': { maxTokens: 'max_completion_tokens', image: /messages\[0\]\.content\[1\]\.image_url\.url/ },
  anthropic: { maxTokens: 'max_tokens', image: /messages\.0\.content\.1\.source\.data/ },
  gemini: { maxTokens: 'generationConfig.maxOutputTokens', image: /contents\[0\]\.parts\[1\]\.inlineData\.data/ },
  ollama: { maxTokens: 'options.num_predict', image: /messages\[0\]\.images\[0\]/ },
  'openai-responses': { maxTokens: 'max_output_tokens', image: /input\[0\]\.content\[1\]\.image_url/ },
};

function sdkError(dialect: DialectName, field: string | RegExp) {
  const caller = callerFor(dialect, harness.gatewayUrl);
  return (error: unknown) => {
    assert.ok(caller.isBadRequestError(error), String(error));
    const message = String((error as Error).message);
    if (typeof field === 'string') assert.ok(message.includes(field), message);
    else assert.match(message, field);
    return true;
  };
}

describe('through each official SDK', () => {
  for (const dialect of dialectNames) {
    test(`${dialect}: a negative token limit → 400 naming ${sdkFields[dialect].maxTokens}, upstream not called`, async () => {
      const caller = callerFor(dialect, harness.gatewayUrl);
      await assert.rejects(caller.turn({ model: modelFor('openai-chat'), prompt: 'hi', maxTokens: -5 }), sdkError(dialect, sdkFields[dialect].maxTokens));
      assert.equal(upstreamRequestCount(harness), 0);
    });

    test(`${dialect}: an image that is not base64 → 400 naming the image, upstream not called`, async () => {
      const caller = callerFor(dialect, harness.gatewayUrl);
      // Unpadded base64 is fine for Gemini (proto3 JSON bytes), nowhere else.
      const broken = ['iVBORw0KGgo!', 'iVBO Rw0K', 'iVBORw0KGgo==A=', 'iVBORw0KG', ...(dialect === 'gemini' ? [] : ['iVBORw0KGgo'])];
      for (const base64 of broken) {
        await assert.rejects(caller.turn({ model: modelFor('openai-chat'), prompt: 'hi', image: { base64, mediaType: 'image/png' } }), sdkError(dialect, sdkFields[dialect].image), base64);
      }
      assert.equal(upstreamRequestCount(harness), 0);
    });

    test(`${dialect}: a valid image and limit still go through`, async () => {
      harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
      const caller = callerFor(dialect, harness.gatewayUrl);
      const result = await caller.turn({ model: modelFor('openai-chat'), prompt: 'hi', maxTokens: 50, temperature: 0.5, image: { base64: 'iVBORw0KGgo=', mediaType: 'image/png' } });
      assert.equal(result.text, upstreamScenarios['openai-chat'].text.expected.text);
      assert.equal(upstreamRequestCount(harness), 1);
    });
  }
});

/** Sampling values out of range, as each dialect spells them, with the field its error must name. */
const outOfRange: Record<DialectName, Array<[Record<string, unknown>, string]>> = {
  'openai-chat': [
    [{ temperature: -1 }, 'temperature'],
    [{ temperature: 2.5 }, 'temperature'],
    [{ top_p: 1.5 }, 'top_p'],
    [{ n: 0 }, 'n'],
  ],
  anthropic: [
    [{ temperature: 1.5 }, 'temperature'],
    [{ top_p: -0.1 }, 'top_p'],
  ],
  gemini: [
    [{ generationConfig: { temperature: -0.5 } }, 'generationConfig.temperature'],
    [{ generationConfig: { topP: 2 } }, 'generationConfig.topP'],
    [{ generationConfig: { topK: -3 } }, 'generationConfig.topK'],
    [{ generationConfig: { maxOutputTokens: 1.5 } }, 'generationConfig.maxOutputTokens'],
    [{ generationConfig: { candidateCount: 0 } }, 'generationConfig.candidateCount'],
  ],
  ollama: [
    [{ options: { num_predict: -3 } }, 'options.num_predict'],
    [{ options: { temperature: -1 } }, 'options.temperature'],
    [{ options: { top_k: 2.5 } }, 'options.top_k'],
  ],
  'openai-responses': [
    [{ temperature: -1 }, 'temperature'],
    [{ top_p: 7 }, 'top_p'],
  ],
};

describe('sampling values out of range, in each dialect’s error shape', () => {
  for (const dialect of dialectNames) {
    test(`${dialect}: refused naming the field`, async () => {
      const route = chatRoutes[dialect];
      for (const [extra, field] of outOfRange[dialect]) {
        const answer = await postRaw(harness, route.path, JSON.stringify({ ...route.body(modelFor('openai-chat')), ...extra }));
        const message = badRequestMessage(dialect, answer);
        assert.ok(message.includes(`'${field}'`), `${JSON.stringify(extra)}: ${message}`);
        if (dialect === 'openai-chat' || dialect === 'openai-responses') assert.equal((answer.json['error'] as { param?: string }).param, field);
      }
      assert.equal(upstreamRequestCount(harness), 0);
    });
  }

  test('what the vendors document as valid passes: OpenAI temperature 2, Ollama num_predict -1 and -2', async () => {
    const accepted: Array<[DialectName, Record<string, unknown>]> = [
      ['openai-chat', { temperature: 2, top_p: 1 }],
      ['ollama', { options: { num_predict: -1 } }],
      ['ollama', { options: { num_predict: -2 } }],
      ['gemini', { generationConfig: { topK: 40, temperature: 1.5 } }],
    ];
    for (const [dialect, extra] of accepted) {
      harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
      const route = chatRoutes[dialect];
      const answer = await postRaw(harness, route.path, JSON.stringify({ ...route.body(modelFor('openai-chat')), ...extra }));
      assert.equal(answer.status, 200, `${dialect} ${JSON.stringify(extra)}: ${answer.text}`);
    }
    assert.equal(upstreamRequestCount(harness), accepted.length);
  });

  test('Gemini URL-safe, unpadded image data is taken and passed on in the standard form', async () => {
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
    const route = chatRoutes.gemini;
    const body = { contents: [{ role: 'user', parts: [{ text: 'hi' }, { inlineData: { mimeType: 'image/png', data: '-_8' } }] }] };
    const answer = await postRaw(harness, route.path, JSON.stringify(body));
    assert.equal(answer.status, 200, answer.text);
    const sent = JSON.stringify(harness.upstreams['openai-chat'].requests[0]?.body);
    assert.ok(sent.includes('data:image/png;base64,+/8='), sent);
  });
});
