import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadChatHubProto } from '../../../src/grpc/proto-files.js';
import { chatReplyBytes } from '../../../src/grpc/chathub/reply-size.js';

test('a ChatReply is counted as protobuf encodes it, at each varint length edge, multi-byte text included', () => {
  const definition = loadChatHubProto()['aihub.ChatHub'] as unknown as Record<string, { responseSerialize(value: unknown): Buffer }>;
  const serialize = definition.Chat?.responseSerialize;
  assert.ok(serialize);
  for (const length of [1, 127, 128, 16_383, 16_384, 2_097_152]) {
    for (const text of ['y'.repeat(length), '回'.repeat(Math.ceil(length / 3))]) {
      assert.equal(chatReplyBytes(Buffer.byteLength(text)), serialize({ response: text }).length, `${Buffer.byteLength(text)} bytes of text`);
    }
  }
});
