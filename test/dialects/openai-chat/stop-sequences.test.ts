/**
 * OpenAI takes at most 4 stop sequences (quirks.ts, maxStopSequences); Anthropic and Gemini callers
 * may send more. The emitter sends what the upstream takes and names the rest in a warning; a
 * compatible vendor that takes more is configured with a larger limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenaiChatDialect, openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { Dialect } from '../../../src/interlingua/dialect.js';

const stops = ['###', 'END', 'STOP', '\n\n', 'Human:', 'User:'];

function emitStops(dialect: Dialect, stopSequences: string[]) {
  const request: ChatRequest = { model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Count.' }] }], sampling: { stopSequences }, stream: false };
  const { body, warnings } = dialect.emitRequest(request, { model: 'gpt-4o', defaultMaxOutputTokens: 1024 });
  return { stop: (body as Record<string, unknown>)['stop'], warnings };
}

test('OpenAI gets the first four stop sequences; the two left out are named', () => {
  const { stop, warnings } = emitStops(openaiChatDialect, stops);
  assert.deepEqual(stop, ['###', 'END', 'STOP', '\n\n']);
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]?.feature, 'stop_sequences');
  assert.equal(warnings[0]?.message, 'This upstream takes at most 4 stop sequences; 2 were left out: "Human:", "User:".');
});

test('four or fewer go out unchanged and unremarked', () => {
  assert.deepEqual(emitStops(openaiChatDialect, stops.slice(0, 4)), { stop: stops.slice(0, 4), warnings: [] });
});

test('a vendor configured with a larger limit gets them all', () => {
  assert.deepEqual(emitStops(createOpenaiChatDialect({ maxStopSequences: 16 }), stops), { stop: stops, warnings: [] });
});
