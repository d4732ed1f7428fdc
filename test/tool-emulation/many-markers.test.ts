/**
 * A reader over a format with as many markers as a large tool list makes (chatglm3 has two per
 * tool): built and read without a stack overflow, a call of the last tool still read as a call.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ToolDefinition } from '../../src/interlingua/tool.js';
import { toolFormats } from '../../src/tool-emulation/format-registry.js';
import { readWholeReply } from '../../src/tool-emulation/reply-reader.js';
import { summary } from './support.js';

const manyTools: ToolDefinition[] = Array.from({ length: 100_000 }, (_, index) => ({
  name: `tool_${index}`,
  parameters: { type: 'object', properties: { a: { type: 'integer' } } },
}));

test('chatglm3 with 100,000 tools (200,000 markers) reads a reply and its call', () => {
  assert.ok(toolFormats.chatglm3.markers(manyTools).length >= 200_000);
  const reply = 'Okay.\ntool_99999\n```python\ntool_call(a=1)\n```';
  assert.deepEqual(summary(readWholeReply(reply, toolFormats.chatglm3, manyTools)), ['Okay.', 'tool_99999({"a":1})']);
});
