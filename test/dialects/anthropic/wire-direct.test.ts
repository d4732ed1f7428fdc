/**
 * The direct reads of wire-direct.ts against the zod schemas they stand in for: on any value, a
 * direct read either gives up (the schema then reads it and names what is wrong) or gives what the
 * schema gives; on the shapes Anthropic sends (the recorded streams' frames), it never gives up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  contentBlockStartSchema,
  messageDeltaSchema,
  messageStartSchema,
  redactedThinkingBlockSchema,
  responseSchema,
  textBlockSchema,
  thinkingBlockSchema,
  toolUseBlockSchema,
  streamThinkingSchema,
  streamToolUseSchema,
  usageSchema,
} from '../../../src/dialects/anthropic/wire-schema.js';
import {
  directBlockStart,
  directMessageDelta,
  directMessageStart,
  directRedactedThinking,
  directResponse,
  directStreamThinking,
  directText,
  directThinking,
  directToolUse,
  directUsage,
} from '../../../src/dialects/anthropic/wire-direct.js';
import { fixtureNames, readFixtureJson, readFixtureSseFrames } from '../../support/fixtures.js';

const count = fc.oneof(fc.nat(), fc.constant(null), fc.constant(undefined), fc.integer(), fc.double(), fc.constant(2 ** 53), fc.string());
const text = fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined), fc.nat(), fc.boolean());

/** Drops `undefined` values, as JSON.parse never makes them. */
function json<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

const nearUsage = fc.oneof(
  fc.record(
    {
      input_tokens: count,
      output_tokens: count,
      cache_creation_input_tokens: count,
      cache_read_input_tokens: count,
      cache_creation: fc.oneof(fc.constant(null), fc.record({ ephemeral_5m_input_tokens: count, ephemeral_1h_input_tokens: count }, { requiredKeys: [] }), fc.anything()),
      service_tier: fc.string(),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

const runs = { numRuns: 2000 };

test('directUsage gives up or reads what usageSchema reads', () => {
  fc.assert(
    fc.property(nearUsage, (generated) => {
      const value = json(generated);
      const direct = directUsage(value);
      const schema = usageSchema.safeParse(value);
      if (direct !== undefined) assert.deepEqual(direct, schema.success ? schema.data : 'schema refused');
    }),
    runs,
  );
});

test('directMessageStart and directMessageDelta give up or read what their schemas read', () => {
  const nearStart = fc.record({ type: fc.constant('message_start'), message: fc.oneof(fc.record({ id: text, model: text, usage: fc.oneof(nearUsage, fc.constant(null)), role: fc.string() }, { requiredKeys: [] }), fc.anything()) }, { requiredKeys: [] });
  const nearDelta = fc.record({ type: fc.constant('message_delta'), delta: fc.oneof(fc.record({ stop_reason: text, stop_sequence: text }, { requiredKeys: [] }), fc.anything()), usage: fc.oneof(nearUsage, fc.constant(null)) }, { requiredKeys: [] });
  fc.assert(
    fc.property(nearStart, (generated) => {
      const value = json(generated);
      const direct = directMessageStart(value);
      if (direct === undefined) return;
      const schema = messageStartSchema.safeParse(value);
      assert.ok(schema.success, 'the schema refuses what was read directly');
      assert.deepEqual(direct, { id: schema.data.message.id, model: schema.data.message.model, usage: schema.data.message.usage });
    }),
    runs,
  );
  fc.assert(
    fc.property(nearDelta, (generated) => {
      const value = json(generated);
      const direct = directMessageDelta(value);
      if (direct === undefined) return;
      const schema = messageDeltaSchema.safeParse(value);
      assert.ok(schema.success, 'the schema refuses what was read directly');
      assert.deepEqual(direct.delta, schema.data.delta);
      assert.deepEqual(direct.usage, schema.data.usage);
    }),
    runs,
  );
});

test('directBlockStart and the block readers give up or read what their schemas read', () => {
  const block = fc.record({ type: fc.oneof(fc.constantFrom('text', 'thinking', 'tool_use'), text), text, thinking: text, signature: text, id: text, name: text, input: fc.anything() }, { requiredKeys: [] });
  const nearStart = fc.record({ type: fc.constant('content_block_start'), index: count, content_block: fc.oneof(block, fc.anything()) }, { requiredKeys: [] });
  fc.assert(
    fc.property(nearStart, (generated) => {
      const value = json(generated);
      const direct = directBlockStart(value);
      if (direct === undefined) return;
      const schema = contentBlockStartSchema.safeParse(value);
      assert.ok(schema.success, 'the schema refuses what was read directly');
      assert.deepEqual(direct, { index: schema.data.index, content_block: schema.data.content_block });
      const thinking = directStreamThinking(direct.content_block);
      if (thinking !== undefined) assert.deepEqual(thinking, streamThinkingSchema.parse(direct.content_block));
      const call = directToolUse(direct.content_block);
      if (call !== undefined) assert.deepEqual(call, streamToolUseSchema.parse(direct.content_block));
    }),
    runs,
  );
});

test('every frame of the recorded streams is read directly', () => {
  let read = 0;
  for (const name of fixtureNames('anthropic').filter((file) => file.endsWith('.sse'))) {
    for (const frame of readFixtureSseFrames(`anthropic/${name}`)) {
      if (frame.event === 'ping' || frame.event === 'error') continue;
      const data = JSON.parse(frame.data) as Record<string, unknown>;
      const where = `${name}: ${frame.data.slice(0, 80)}`;
      switch (data['type']) {
        case 'message_start':
          assert.notEqual(directMessageStart(data), undefined, where);
          read += 1;
          break;
        case 'message_delta':
          assert.notEqual(directMessageDelta(data), undefined, where);
          read += 1;
          break;
        case 'content_block_start': {
          const start = directBlockStart(data);
          assert.notEqual(start, undefined, where);
          if (start?.content_block.type === 'thinking') assert.notEqual(directStreamThinking(start.content_block), undefined, where);
          if (start?.content_block.type === 'tool_use') assert.notEqual(directToolUse(start.content_block), undefined, where);
          read += 1;
          break;
        }
        default:
      }
    }
  }
  assert.ok(read >= 30, `only ${read} frames read`);
});

test('an object with an own "__proto__" key, which zod leaves out of its copy, goes to the schema', () => {
  assert.equal(directUsage(JSON.parse('{"input_tokens":1,"__proto__":0}')), undefined);
  assert.equal(directUsage(JSON.parse('{"input_tokens":1,"cache_creation":{"__proto__":{}}}')), undefined);
  assert.equal(directMessageDelta(JSON.parse('{"delta":{"stop_reason":"end_turn","__proto__":1}}')), undefined);
  assert.equal(directBlockStart(JSON.parse('{"index":0,"content_block":{"type":"text","text":"","__proto__":{}}}')), undefined);
});

test('directResponse and the whole-block readers give up or read what their schemas read', () => {
  const block = fc.oneof(
    fc.record({ type: fc.oneof(fc.constantFrom('text', 'thinking', 'redacted_thinking', 'tool_use', 'server_tool_use'), text), text, thinking: text, signature: text, data: text, id: text, name: text, input: fc.anything() }, { requiredKeys: [] }),
    fc.anything(),
  );
  const nearResponse = fc.oneof(
    fc.record(
      { id: text, type: fc.oneof(fc.constant('message'), text), role: fc.oneof(fc.constant('assistant'), text), model: text, content: fc.oneof(fc.array(block, { maxLength: 4 }), fc.anything()), stop_reason: text, stop_sequence: text, usage: nearUsage, container: fc.anything() },
      { requiredKeys: [] },
    ),
    fc.anything(),
  );
  const readers = [
    [directText, textBlockSchema],
    [directThinking, thinkingBlockSchema],
    [directRedactedThinking, redactedThinkingBlockSchema],
    [directToolUse, toolUseBlockSchema],
  ] as const;
  fc.assert(
    fc.property(nearResponse, (generated) => {
      const value = json(generated);
      const direct = directResponse(value);
      if (direct === undefined) return;
      const schema = responseSchema.safeParse(value);
      assert.ok(schema.success, 'the schema refuses what was read directly');
      assert.deepEqual(direct, schema.data);
      for (const content of direct.content) {
        for (const [reader, blockSchema] of readers) {
          const read = reader({ ...content, type: blockSchema.shape.type.value });
          if (read !== undefined) assert.deepEqual(read, blockSchema.parse(read));
        }
      }
    }),
    runs,
  );
});

test('every recorded Anthropic message is read directly', () => {
  let read = 0;
  for (const name of fixtureNames('anthropic').filter((file) => file.endsWith('.response.json'))) {
    const body = readFixtureJson(`anthropic/${name}`) as Record<string, unknown>;
    if (body['type'] !== 'message') continue;
    const message = directResponse(body);
    assert.notEqual(message, undefined, name);
    for (const block of message?.content ?? []) {
      const reader = { text: directText, thinking: directThinking, redacted_thinking: directRedactedThinking, tool_use: directToolUse }[block.type];
      if (reader !== undefined) assert.notEqual(reader(block), undefined, `${name}: ${block.type}`);
    }
    read += 1;
  }
  assert.ok(read >= 10, `only ${read} messages read`);
});
