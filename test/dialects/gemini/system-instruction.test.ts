/**
 * A system text that is empty or blank carries nothing: it is left out of `systemInstruction`,
 * and the field with it when nothing is left.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';

const options = { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 };

const request = (system: string[]): ChatRequest => ({
  model: 'm',
  system: system.map((text) => ({ type: 'text', text })),
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  sampling: {},
  stream: false,
});

test('empty and blank system texts are left out of systemInstruction', () => {
  const kept = geminiDialect.emitRequest(request(['', 'Be brief.', ' \n ']), options);
  assert.deepEqual((kept.body as { systemInstruction?: unknown }).systemInstruction, { parts: [{ text: 'Be brief.' }] });
  assert.deepEqual(kept.warnings, []);
  const none = geminiDialect.emitRequest(request(['', '  ']), options);
  assert.equal('systemInstruction' in (none.body as object), false);
});
