/**
 * A Gemini caller's `functionCallingConfig.allowedFunctionNames` with more than one name is the
 * interlingua's `allowed` list: ANY "will predict a function call from the set of function names
 * provided" (https://ai.google.dev/api/python/google/generativeai/protos/FunctionCallingConfig),
 * VALIDATED limits its calls the same way
 * (https://googleapis.github.io/js-genai/release_docs/enums/types.FunctionCallingConfigMode.html).
 * Claude then gets only the allowed tools, not `any` over every declared one, and a Gemini
 * upstream gets the caller's config back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const parameters = { type: 'object', properties: { q: { type: 'string' } } };

function geminiBody(functionCallingConfig: Record<string, unknown>) {
  return {
    contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
    tools: [{ functionDeclarations: ['f', 'g', 'h'].map((name) => ({ name, parameters })) }],
    toolConfig: { functionCallingConfig },
  };
}

const parsed = (functionCallingConfig: Record<string, unknown>) => geminiDialect.parseRequest(geminiBody(functionCallingConfig), { model: 'gemini-2.5-flash' });
const geminiJudged = (body: unknown) =>
  judgeRequest({ method: 'POST', url: '/v1beta/models/gemini-2.5-flash:generateContent', headers: { 'x-goog-api-key': 'k' }, body });

test('ANY with two names is a required choice over those names, with no vendor leftovers', () => {
  const { request } = parsed({ mode: 'ANY', allowedFunctionNames: ['f', 'g'] });
  assert.deepEqual(request.toolChoice, { type: 'required', allowed: ['f', 'g'] });
  assert.equal(JSON.stringify(request.vendor ?? {}).includes('allowedFunctionNames'), false);
});

test('AUTO and VALIDATED with names are an auto choice over those names', () => {
  assert.deepEqual(parsed({ mode: 'AUTO', allowedFunctionNames: ['f', 'g'] }).request.toolChoice, { type: 'auto', allowed: ['f', 'g'] });
  assert.deepEqual(parsed({ mode: 'VALIDATED', allowedFunctionNames: ['f', 'g'] }).request.toolChoice, { type: 'auto', allowed: ['f', 'g'] });
});

test('ANY with two names reaches Claude as `any` over the allowed tools only, with no "no equivalent" warning', () => {
  const emitted = anthropicDialect.emitRequest(parsed({ mode: 'ANY', allowedFunctionNames: ['f', 'g'] }).request, { model: 'claude-sonnet-4-20250514', defaultMaxOutputTokens: 1024 });
  const body = emitted.body as { tools: Array<{ name: string }>; tool_choice: unknown };
  assert.deepEqual(body.tool_choice, { type: 'any' });
  assert.deepEqual(body.tools.map((tool) => tool.name), ['f', 'g']);
  assert.equal(emitted.warnings.some((warning) => /no equivalent/.test(warning.message)), false);
  assert.equal(judgeRequest({ method: 'POST', url: '/v1/messages', headers: { 'anthropic-version': '2023-06-01' }, body: { ...body, model: 'claude-sonnet-4-20250514' } }), undefined);
});

test('Gemini → Gemini: ANY and VALIDATED with names come back as they were, accepted by the judge', () => {
  for (const config of [{ mode: 'ANY', allowedFunctionNames: ['f', 'g'] }, { mode: 'VALIDATED', allowedFunctionNames: ['g', 'h'] }, { mode: 'ANY', allowedFunctionNames: ['h'] }]) {
    const emitted = geminiDialect.emitRequest(parsed(config).request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 });
    const body = emitted.body as { toolConfig?: unknown };
    assert.deepEqual(body.toolConfig, { functionCallingConfig: config });
    assert.deepEqual(emitted.warnings, []);
    assert.equal(geminiJudged(emitted.body), undefined);
  }
});
