import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiToolNames } from '../../../src/dialects/gemini/function-names.js';
import { fitToolNames } from '../../../src/core/tool-name-fit.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';

const valid = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

function requestWith(names: string[]): ChatRequest {
  return { model: 'm', system: [], sampling: {}, stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: names.map((name) => ({ name, parameters: { type: 'object' } })) };
}

function sentNames(names: string[]): string[] {
  return fitToolNames(requestWith(names), geminiToolNames).request.tools?.map((tool) => tool.name) ?? [];
}

test('names Gemini takes stay; others become names it takes, distinct from the rest', () => {
  assert.deepEqual(sentNames(['mcp:files.read-file_2']), ['mcp:files.read-file_2']);
  assert.deepEqual(sentNames(['2fa']), ['_2fa']);
  assert.deepEqual(sentNames(['look up']), ['look_up']);
  const long = sentNames(['a'.repeat(100), `${'a'.repeat(99)}b`]);
  for (const name of long) assert.match(name, valid);
  assert.notEqual(long[0], long[1]);
  const clash = sentNames(['look up', 'look_up']);
  assert.match(clash[0] ?? '', valid);
  assert.notEqual(clash[0], 'look_up');
});

test('renaming reaches every place a request names the tool, and the answer gets the caller\'s names back', () => {
  const request: ChatRequest = {
    ...requestWith(['2fa', 'ok']),
    toolChoice: { type: 'tool', name: '2fa' },
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'code?' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: '2fa', arguments: '{}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: '2fa', content: [{ type: 'text', text: '123' }] }] },
    ],
  };
  const fitted = fitToolNames(request, geminiToolNames);
  assert.deepEqual(fitted.request.tools?.map((tool) => tool.name), ['_2fa', 'ok']);
  assert.deepEqual(fitted.request.toolChoice, { type: 'tool', name: '_2fa' });
  assert.deepEqual(JSON.stringify(fitted.request.messages).match(/"_?2fa"/g), ['"_2fa"', '"_2fa"']);
  assert.deepEqual(fitted.warnings.map((warning) => [warning.feature, warning.tool]), [['tool_name', '2fa']]);
  const answer = fitted.restore?.events([{ type: 'tool-call-start', id: 'c2', name: '_2fa' }]);
  assert.deepEqual(answer, [{ type: 'tool-call-start', id: 'c2', name: '2fa' }]);
  assert.equal(fitToolNames(requestWith(['ok']), geminiToolNames).restore, undefined);
});
