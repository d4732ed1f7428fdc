/**
 * The encoders for callers of Bedrock's APIs (serving them is a later step): events → the frames
 * Bedrock sends (one JSON `StreamFrame` per line) → event-stream bytes → decoded again, for a folded
 * answer equal to the original.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import { bedrockAnthropicDialect } from '../../../src/dialects/anthropic/bedrock-platform.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { decodeBytes, encodedBytes } from '../../support/bedrock-streams.js';
import { readFixtureText } from '../../support/fixtures.js';

/** What the caller's answer says; ids, the model's name (the caller's own) and zero cache counts are the encoder's to write. */
function withoutIds(events: StreamEvent[]) {
  const response = foldStream(events);
  return { content: response.content, finishReason: response.finishReason, inputTokens: response.usage.inputTokens, outputTokens: response.usage.outputTokens };
}

test('a recorded ConverseStream decoded, encoded for a Bedrock caller and decoded again folds to the same answer', () => {
  const recorded = decodeBytes(bedrockDialect, Buffer.from(readFixtureText('bedrock/pa-converse-stream-reasoning.eventstream.base64.txt').trim(), 'base64'));
  const again = decodeBytes(bedrockDialect, encodedBytes(bedrockDialect, recorded));
  assert.deepEqual(withoutIds(again), withoutIds(recorded));
  const reasoning = foldStream(again).content[0];
  assert.ok(reasoning?.type === 'reasoning' && reasoning.signature !== undefined, 'the Bedrock signature is carried to a Bedrock caller');
});

test('a recorded InvokeModelWithResponseStream decoded, encoded for a Bedrock caller and decoded again folds to the same answer', () => {
  const recorded = decodeBytes(bedrockAnthropicDialect, Buffer.from(readFixtureText('bedrock/fantasy-invoke-stream-claude3haiku-tool.i0.eventstream.base64.txt').trim(), 'base64'));
  const again = decodeBytes(bedrockAnthropicDialect, encodedBytes(bedrockAnthropicDialect, recorded));
  assert.deepEqual(withoutIds(again), withoutIds(recorded));
});

test('an error event is written as the exception message Bedrock sends mid-stream', () => {
  const events = decodeBytes(bedrockDialect, Buffer.from(readFixtureText('bedrock/stream-converse-modelStreamErrorException.eventstream.base64.txt').trim(), 'base64'));
  const again = decodeBytes(bedrockDialect, encodedBytes(bedrockDialect, events));
  const error = again.find((event) => event.type === 'error');
  assert.ok(error?.type === 'error');
  assert.equal(error.error.vendorType, 'ModelStreamErrorException');
});
