/**
 * Gemini's `responseMimeType: text/x.enum` with an enum response schema ("outputs an enum value as
 * defined in the response schema", https://firebase.google.com/docs/ai-logic/generate-structured-output)
 * reaches other upstreams as JSON output whose schema is a string with that enum, with a
 * compatibility warning saying the value comes back in quotes; a Gemini upstream gets it as it came.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const generationConfig = { responseMimeType: 'text/x.enum', responseSchema: { type: 'STRING', enum: ['Percussion', 'String', 'Woodwind'] } };
const body = { contents: [{ role: 'user', parts: [{ text: 'What family is the oboe in?' }] }], generationConfig };
const parsed = () => geminiDialect.parseRequest(body, { model: 'gemini-2.5-flash' }).request;

test('another upstream gets a JSON-schema string enum and a compatibility warning, not "no equivalent"', () => {
  const request = parsed();
  assert.deepEqual(request.responseFormat, { type: 'json', schema: { type: 'string', enum: ['Percussion', 'String', 'Woodwind'] } });
  const emitted = ollamaDialect.emitRequest(request, { model: 'qwen3:8b', defaultMaxOutputTokens: 1024 });
  assert.deepEqual((emitted.body as { format?: unknown }).format, { type: 'string', enum: ['Percussion', 'String', 'Woodwind'] });
  assert.equal(emitted.warnings.some((warning) => /no equivalent/.test(warning.message)), false);
  assert.deepEqual(emitted.warnings.filter((warning) => warning.feature === 'response_format.enum').map((warning) => warning.type), ['compatibility']);
});

test('Gemini → Gemini: text/x.enum and its schema come back as they were, unreported', () => {
  const emitted = geminiDialect.emitRequest(parsed(), { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 });
  assert.deepEqual((emitted.body as { generationConfig?: unknown }).generationConfig, generationConfig);
  assert.deepEqual(emitted.warnings, []);
  assert.equal(judgeRequest({ method: 'POST', url: '/v1beta/models/gemini-2.5-flash:generateContent', headers: { 'x-goog-api-key': 'k' }, body: emitted.body }), undefined);
});
