/**
 * Gemini built-in tools (googleSearch, codeExecution, …) beside function declarations: another
 * upstream gets the functions, and the report names the built-in tools left out (the parser's
 * `tools.googleSearch`), not a bare "tools … was left out" that reads as if every tool was lost.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';

const body = {
  contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
  tools: [{ googleSearch: {} }, { functionDeclarations: [{ name: 'lookup', parameters: { type: 'OBJECT', properties: { q: { type: 'STRING' } } } }] }, { codeExecution: {} }],
};

test('built-in tools are reported by name, and the function tools arrive without a bare "tools" warning', () => {
  const parsed = geminiDialect.parseRequest(body, { model: 'gemini-2.5-flash' });
  assert.deepEqual(parsed.warnings.map((warning) => warning.feature), ['tools.googleSearch', 'tools.codeExecution']);
  const ollama = ollamaDialect.emitRequest(parsed.request, { model: 'qwen3:8b', defaultMaxOutputTokens: 1024 });
  assert.deepEqual((ollama.body as { tools: Array<{ function: { name: string } }> }).tools.map((tool) => tool.function.name), ['lookup']);
  assert.equal(ollama.warnings.some((warning) => warning.feature === 'tools'), false);
  const claude = anthropicDialect.emitRequest(parsed.request, { model: 'claude-sonnet-4-20250514', defaultMaxOutputTokens: 1024 });
  assert.equal(claude.warnings.some((warning) => warning.feature === 'tools'), false);
});

test('back to Gemini the built-in tools go after the function declarations, unreported', () => {
  const parsed = geminiDialect.parseRequest(body, { model: 'gemini-2.5-flash' });
  const emitted = geminiDialect.emitRequest(parsed.request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 });
  const tools = (emitted.body as { tools: unknown[] }).tools;
  assert.deepEqual(tools.slice(1), [{ googleSearch: {} }, { codeExecution: {} }]);
  assert.deepEqual(emitted.warnings, []);
});

test('built-in tools kept under the former key still go back as tools, not as a body field', () => {
  const parsed = geminiDialect.parseRequest({ contents: body.contents }, { model: 'gemini-2.5-flash' });
  const request = { ...parsed.request, vendor: { gemini: { tools: [{ googleSearch: {} }] } } };
  const emitted = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 });
  assert.deepEqual((emitted.body as { tools: unknown[] }).tools, [{ googleSearch: {} }]);
});
