/**
 * A tool result whose text is a JSON object goes to Gemini as that object
 * (`functionResponse.response`), but only within the nesting limit every JSON from outside is held
 * to (src/wire/json-text.ts): an object nested deeper would overflow the stack when the request is
 * serialized. Deeper text goes under `output` as plain text, as any text that is no object does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { maxJsonDepth } from '../../../src/wire/json-text.js';

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

function functionResponse(resultText: string): unknown {
  const request: ChatRequest = {
    model: 'gemini-2.5-flash',
    system: [],
    sampling: {},
    stream: false,
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Look it up.' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_a', name: 'lookup', arguments: '{}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_a', toolName: 'lookup', content: [{ type: 'text', text: resultText }] }] },
    ],
  };
  const { body } = geminiDialect.emitRequest(request, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 1024 });
  // The request is serialized whole before it is sent: this is where a too-deep object would overflow the stack.
  const sent = JSON.parse(JSON.stringify(body)) as { contents: Array<{ parts: Array<{ functionResponse?: { response: unknown } }> }> };
  return sent.contents.at(-1)?.parts.find((part) => part.functionResponse !== undefined)?.functionResponse?.response;
}

test('a JSON object within the nesting limit is sent as an object', () => {
  const text = nested(maxJsonDepth);
  assert.deepEqual(functionResponse(text), JSON.parse(text));
});

test('a JSON object nested past the limit is sent as plain text under output', () => {
  const text = nested(5_000);
  assert.deepEqual(functionResponse(text), { output: text });
});
