import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { SseParser } from '../../../src/wire/sse-parser.js';
import { readFixtureSseFrames } from '../../support/fixtures.js';

test('an OpenAI → OpenAI stream keeps system_fingerprint and service_tier in every chunk', () => {
  // fixtures/openai-chat/fantasy-gpt4o-simple_streaming.response.sse: every chunk carries both fields
  const frames = readFixtureSseFrames('openai-chat/fantasy-gpt4o-simple_streaming.response.sse');
  const first = JSON.parse(frames[0]?.data ?? '{}') as { system_fingerprint: string; service_tier: string };
  assert.ok(first.system_fingerprint && first.service_tier);
  const request = openaiChatDialect.parseRequest({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] }, {}).request;
  const decoder = openaiChatDialect.createStreamDecoder();
  const encoder = openaiChatDialect.createStreamEncoder({ requestedModel: 'gpt-4o', request });
  let wire = '';
  for (const frame of frames) for (const event of decoder.push(frame)) wire += encoder.encode(event);
  for (const event of decoder.end()) wire += encoder.encode(event);
  const parser = new SseParser();
  const chunks = [...parser.push(wire), ...parser.end()].filter((frame) => frame.data !== '[DONE]').map((frame) => JSON.parse(frame.data) as Record<string, unknown>);
  assert.ok(chunks.length > 2);
  for (const chunk of chunks) {
    assert.equal(chunk.system_fingerprint, first.system_fingerprint);
    assert.equal(chunk.service_tier, first.service_tier);
  }
});
