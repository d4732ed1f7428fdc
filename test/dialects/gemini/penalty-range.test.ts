/**
 * Presence and frequency penalties outside Gemini's range, from a caller whose dialect sets none
 * (Ollama's options), are fitted with a warning instead of being sent to be refused. Range: "This
 * maximum value for frequencyPenalty is up to, but not including, 2.0. Its minimum value is -2.0."
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/nodejs/latest/vertexai/generationconfig).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

// Gemini 2.0 takes penalties; 2.5 and 3 refuse any but 0 (the model rules in the judges, and the catalog).
const judged = (body: unknown) =>
  judgeRequest({ method: 'POST', url: '/v1beta/models/gemini-2.0-flash:generateContent', headers: { 'x-goog-api-key': 'k' }, body });

function fromOllama(options: Record<string, number>) {
  const { request } = ollamaDialect.parseRequest({ model: 'gemini-2.0-flash', messages: [{ role: 'user', content: 'hi' }], stream: false, options }, {});
  return geminiDialect.emitRequest(request, { model: 'gemini-2.0-flash', defaultMaxOutputTokens: 1024 });
}

const configOf = (body: unknown) => (body as { generationConfig?: Record<string, unknown> }).generationConfig ?? {};

test('out-of-range penalties are fitted into [-2, 2) with a warning each, and the judge accepts them', () => {
  const emitted = fromOllama({ presence_penalty: 2.5, frequency_penalty: -3 });
  assert.equal(configOf(emitted.body)['presencePenalty'], 1.99);
  assert.equal(configOf(emitted.body)['frequencyPenalty'], -2);
  assert.deepEqual(
    emitted.warnings.map((warning) => [warning.type, warning.feature]),
    [['compatibility', 'presence_penalty'], ['compatibility', 'frequency_penalty']],
  );
  assert.equal(judged(emitted.body), undefined);
});

test('penalties within the range pass unchanged and unreported', () => {
  const emitted = fromOllama({ presence_penalty: 1.5, frequency_penalty: -2 });
  assert.equal(configOf(emitted.body)['presencePenalty'], 1.5);
  assert.equal(configOf(emitted.body)['frequencyPenalty'], -2);
  assert.deepEqual(emitted.warnings, []);
});

test('the Gemini judge refuses a penalty of 2 or more, or below -2', () => {
  const body = (generationConfig: Record<string, number>) => ({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig });
  assert.match(judged(body({ presencePenalty: 2 }))?.message ?? '', /presence_penalty/);
  assert.match(judged(body({ frequencyPenalty: -2.5 }))?.message ?? '', /frequency_penalty/);
  assert.equal(judged(body({ presencePenalty: 1.99, frequencyPenalty: -2 })), undefined);
});
