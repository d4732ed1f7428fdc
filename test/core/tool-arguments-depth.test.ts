/**
 * Tool-call arguments nesting past the limit of all JSON from outside are carried as text, not
 * as a value whose next walk (emit, stringify) overflows the stack and fails the request.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseToolArguments } from '../../src/core/tool-arguments.js';
import { anthropicDialect } from '../../src/dialects/anthropic/index.js';

const deep = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

test('arguments nested 100,000 levels deep are sent as raw text, with a warning', () => {
  const parsed = parseToolArguments(deep, 'nest');
  assert.deepEqual(parsed.value, { _raw_arguments: deep });
  assert.match(parsed.warnings[0]?.message ?? '', /nest deeper than 128 levels/);
  assert.deepEqual(parseToolArguments('{"a":[[1]]}', 'flat').value, { a: [[1]] });
});

test('a history holding such a call is emitted for Anthropic, and its body serializes', () => {
  const { body } = anthropicDialect.emitRequest(
    {
      model: 'm',
      system: [],
      sampling: {},
      stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'nest', arguments: deep }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'nest', content: [{ type: 'text', text: 'ok' }] }] },
      ],
    },
    { model: 'claude-sonnet-4-20250514', defaultMaxOutputTokens: 1024 },
  );
  assert.ok(JSON.stringify(body).length > deep.length);
});
