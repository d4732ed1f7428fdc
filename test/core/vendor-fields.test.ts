import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foreignVendorWarnings } from '../../src/core/vendor-fields.js';
import { dialects } from '../../src/dialects/registry.js';
import { readFixtureJson } from '../support/fixtures.js';

test('foreign vendor fields are reported as left out, except spelling-only ones and the target’s own', () => {
  const warnings = foreignVendorWarnings({ gemini: { safetySettings: [], '@responseJsonSchema': true }, 'openai-chat': { store: true } }, 'openai-chat');
  assert.deepEqual(warnings.map((warning) => warning.feature), ['safetySettings']);
});

test('a Gemini responseJsonSchema reaches OpenAI as json_schema with no false "left out" warning', () => {
  // fixtures/gemini/fantasy-gemini25flash-simple_object.request.json: structured output via responseJsonSchema
  const body = readFixtureJson('gemini/fantasy-gemini25flash-simple_object.request.json');
  const parsed = dialects.gemini.parseRequest(body, { model: 'gemini-2.5-flash' });
  const emitted = dialects['openai-chat'].emitRequest(parsed.request, { model: 'gpt-4o', defaultMaxOutputTokens: 100 });
  const format = (emitted.body as { response_format?: { type: string } }).response_format;
  assert.equal(format?.type, 'json_schema');
  assert.deepEqual(emitted.warnings.filter((warning) => warning.feature.includes('responseJsonSchema')), []);
  const roundTrip = dialects.gemini.emitRequest(parsed.request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 100 });
  assert.ok('responseJsonSchema' in ((roundTrip.body as { generationConfig: object }).generationConfig), 'Gemini → Gemini keeps the spelling');
});
