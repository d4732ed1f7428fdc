/**
 * A Converse caller's `stopReason` from another vendor's answer (src/dialects/bedrock/finish-reason.ts):
 * Anthropic's own words that Bedrock shares (`stop_sequence`, `model_context_window_exceeded`) pass
 * through, and an answer cut at a caller's stop sequence is `stop_sequence`, whole and streamed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { decodeBytes, encodedBytes } from '../../support/bedrock-streams.js';

const context = { requestedModel: 'smart', request: { model: 'smart', system: [], messages: [], sampling: {}, stream: false } };

function anthropicAnswer(stopReason: string, stopSequence: string | null) {
  return anthropicDialect.parseResponse({
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [{ type: 'text', text: 'One, two' }],
    stop_reason: stopReason,
    stop_sequence: stopSequence,
    usage: { input_tokens: 5, output_tokens: 3 },
  });
}

test('Anthropic’s stop_sequence and model_context_window_exceeded reach a Converse caller as Bedrock says them', () => {
  const stopped = bedrockDialect.emitResponse(anthropicAnswer('stop_sequence', 'END'), context) as { stopReason: string };
  assert.equal(stopped.stopReason, 'stop_sequence');
  const full = bedrockDialect.emitResponse(anthropicAnswer('model_context_window_exceeded', null), context) as { stopReason: string };
  assert.equal(full.stopReason, 'model_context_window_exceeded');
  const ended = bedrockDialect.emitResponse(anthropicAnswer('end_turn', null), context) as { stopReason: string };
  assert.equal(ended.stopReason, 'end_turn');
});

test('streamed, the messageStop says stop_sequence too', () => {
  const decoder = anthropicDialect.createStreamDecoder();
  const frames = [
    { event: 'message_start', data: JSON.stringify({ type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } } }) },
    { event: 'content_block_start', data: JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }) },
    { event: 'content_block_delta', data: JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'One, two' } }) },
    { event: 'content_block_stop', data: JSON.stringify({ type: 'content_block_stop', index: 0 }) },
    { event: 'message_delta', data: JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'stop_sequence', stop_sequence: 'END' }, usage: { output_tokens: 3 } }) },
    { event: 'message_stop', data: JSON.stringify({ type: 'message_stop' }) },
  ];
  const events = [...frames.flatMap((frame) => decoder.push(frame)), ...decoder.end()];
  const reencoded = decodeBytes(bedrockDialect, encodedBytes(bedrockDialect, events));
  const finish = reencoded.find((event) => event.type === 'finish');
  assert.equal(finish?.type === 'finish' ? finish.finishReason.raw : undefined, 'stop_sequence');
});

test('an upstream whose words are not Bedrock’s gets the derived reason', () => {
  const gemini = geminiDialect.parseResponse({ candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 } });
  assert.equal((bedrockDialect.emitResponse(gemini, context) as { stopReason: string }).stopReason, 'end_turn');
  const cut = geminiDialect.parseResponse({ candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'MAX_TOKENS' }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 } });
  assert.equal((bedrockDialect.emitResponse(cut, context) as { stopReason: string }).stopReason, 'max_tokens');
});
