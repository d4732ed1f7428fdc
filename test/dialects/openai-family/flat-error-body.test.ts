/**
 * Mistral's error bodies carry their fields at the top level, `{"object":"error",…}`
 * (src/dialects/openai-family/error-codec.ts): read as OpenAI's own, so a caller of any dialect
 * gets Mistral's words and type, not the raw JSON of the body.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';

test('a Mistral refusal is read for its message, type and code', () => {
  const body = JSON.stringify({ object: 'error', message: "Unexpected role 'user' after role 'tool'", type: 'invalid_request_message_order', param: null, code: '3230' });
  const error = openaiChatDialect.parseError(400, body, {});
  assert.equal(error.message, "Unexpected role 'user' after role 'tool'");
  assert.equal(error.code, 'invalid_request');
  assert.equal(error.vendorType, 'invalid_request_message_order');
  assert.deepEqual(anthropicDialect.emitError(error).body, { type: 'error', error: { type: 'invalid_request_error', message: "Unexpected role 'user' after role 'tool'" } });
});

test('its validation failure, whose message is an object, is given as that object’s JSON', () => {
  const detail = { detail: [{ type: 'extra_forbidden', loc: ['body', 'foo'], msg: 'Extra inputs are not permitted', input: 1 }] };
  const error = openaiChatDialect.parseError(422, JSON.stringify({ object: 'error', message: detail, type: 'invalid_request_error', param: null, code: null }), {});
  assert.equal(error.message, JSON.stringify(detail));
  assert.equal(error.vendorType, 'invalid_request_error');
});

test('a body that only looks like one (no "object": "error") is still the upstream’s raw answer', () => {
  const error = openaiChatDialect.parseError(400, JSON.stringify({ message: 'no', type: 'x' }), {});
  assert.match(error.message, /^The upstream answered HTTP 400: /);
});
