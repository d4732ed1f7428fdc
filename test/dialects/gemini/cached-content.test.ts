/**
 * A Gemini caller's `cachedContent` names content stored at Google
 * (https://ai.google.dev/api/caching): only a Gemini upstream can resolve it, so it goes back to
 * Gemini as written and is reported as left out by every other upstream.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';

const wire = { contents: [{ role: 'user', parts: [{ text: 'What does chapter 3 say?' }] }], cachedContent: 'cachedContents/abc123' };
const options = { model: 'upstream-model', defaultMaxOutputTokens: 100 };

test('cachedContent goes back to Gemini and is reported as left out elsewhere', () => {
  const { request } = geminiDialect.parseRequest(wire, { model: 'gemini-2.5-flash' });
  assert.equal((geminiDialect.emitRequest(request, options).body as Record<string, unknown>)['cachedContent'], 'cachedContents/abc123');
  for (const target of [anthropicDialect, openaiChatDialect]) {
    const { body, warnings } = target.emitRequest(request, options);
    assert.equal((body as Record<string, unknown>)['cachedContent'], undefined);
    assert.ok(warnings.some((warning) => warning.type === 'unsupported' && warning.feature === 'cachedContent'), target.name);
  }
});
