import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiFunctionName } from '../../../src/dialects/gemini/function-names.js';
import { renameTools } from '../../../src/core/tool-names.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';

const valid = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

test('names Gemini takes stay; others become names it takes, distinct from the rest', () => {
  assert.equal(geminiFunctionName('mcp:files.read-file_2', new Set()), 'mcp:files.read-file_2');
  assert.equal(geminiFunctionName('2fa', new Set()), '_2fa');
  assert.equal(geminiFunctionName('look up', new Set()), 'look_up');
  const long = 'a'.repeat(100);
  const sent = geminiFunctionName(long, new Set([long]));
  assert.match(sent, valid);
  assert.notEqual(geminiFunctionName(`${'a'.repeat(99)}b`, new Set([sent])), sent);
  const clash = geminiFunctionName('look up', new Set(['look_up']));
  assert.match(clash, valid);
  assert.notEqual(clash, 'look_up');
});

test('renaming reaches every place a request names the tool, and says how to go back', () => {
  const request: ChatRequest = {
    model: 'm',
    system: [],
    sampling: {},
    stream: false,
    tools: [{ name: '2fa', parameters: { type: 'object' } }, { name: 'ok', parameters: { type: 'object' } }],
    toolChoice: { type: 'tool', name: '2fa' },
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'code?' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: '2fa', arguments: '{}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: '2fa', content: [{ type: 'text', text: '123' }] }] },
    ],
  };
  const { request: renamed, names } = renameTools(request, geminiFunctionName);
  assert.deepEqual([...names], [['_2fa', '2fa']]);
  assert.deepEqual(renamed.tools?.map((tool) => tool.name), ['_2fa', 'ok']);
  assert.deepEqual(renamed.toolChoice, { type: 'tool', name: '_2fa' });
  assert.deepEqual(JSON.stringify(renamed.messages).match(/"_?2fa"/g), ['"_2fa"', '"_2fa"']);
  assert.equal(renameTools({ ...request, tools: [{ name: 'ok', parameters: {} }] }, geminiFunctionName).names.size, 0);
});
