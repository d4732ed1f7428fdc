/**
 * The Responses API's image `detail: "original"` is carried as the other detail words are: kept
 * for a Responses upstream, sent as "high" to Chat Completions (which has no "original"), and
 * reported as left out where there is no detail setting at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dialects } from '../../../src/dialects/registry.js';

const { request } = dialects['openai-responses'].parseRequest(
  { model: 'gpt-5', input: [{ role: 'user', content: [{ type: 'input_text', text: 'What is this?' }, { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'original' }] }] },
  {},
);
const options = { model: 'm', defaultMaxOutputTokens: 100 };

test('a Responses upstream gets "original" back', () => {
  const body = dialects['openai-responses'].emitRequest(request, options).body as { input: Array<{ content: Array<{ detail?: string }> }> };
  assert.equal(body.input[0]?.content[1]?.detail, 'original');
});

test('Chat Completions gets "high", with a warning', () => {
  const emitted = dialects['openai-chat'].emitRequest(request, options);
  const body = emitted.body as { messages: Array<{ content: Array<{ image_url?: { detail?: string } }> }> };
  assert.equal(body.messages[0]?.content[1]?.image_url?.detail, 'high');
  assert.ok(emitted.warnings.some((warning) => warning.feature === 'image.detail'));
});

test('Anthropic and Gemini say it was left out', () => {
  for (const dialect of ['anthropic', 'gemini'] as const) {
    assert.ok(dialects[dialect].emitRequest(request, options).warnings.some((warning) => warning.feature === 'image.detail'), dialect);
  }
});
