/**
 * Gemini takes at most 512 function declarations ("tools[0].function_declarations: [FIELD_INVALID]
 * At most 512 function declarations can be specified.", https://github.com/google-gemini/gemini-cli/issues/19083):
 * the first go, the one a tool choice names among them, and the rest are named in a warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { ToolDefinition } from '../../../src/interlingua/tool.js';
import { geminiDialect } from '../../../src/dialects/gemini/index.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const tools: ToolDefinition[] = Array.from({ length: 600 }, (_, index) => ({ name: `mcp__srv__tool_${index}`, description: `tool ${index}`, parameters: { type: 'object', properties: { q: { type: 'string' } } } }));
const base: ChatRequest = { model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }], sampling: {}, stream: false, tools };
const emit = (request: Partial<ChatRequest>) => geminiDialect.emitRequest({ ...base, ...request }, { model: 'gemini-2.5-flash', defaultMaxOutputTokens: 4096 });
const judged = (body: unknown) => judgeRequest({ method: 'POST', url: '/v1beta/models/gemini-2.5-flash:generateContent', headers: { 'x-goog-api-key': 'key' }, body });

function declarations(body: unknown): Array<{ name: string }> {
  const [first] = (body as { tools: Array<{ functionDeclarations: Array<{ name: string }> }> }).tools;
  return first?.functionDeclarations ?? [];
}

test('600 tools: the first 512 are declared, the rest named in one warning, and Gemini takes the request', () => {
  const { body, warnings } = emit({});
  const declared = declarations(body);
  assert.equal(declared.length, 512);
  assert.equal(declared[0]?.name, 'mcp__srv__tool_0');
  assert.equal(declared.at(-1)?.name, 'mcp__srv__tool_511');
  const count = warnings.filter((warning) => warning.feature === 'tools.count');
  assert.equal(count.length, 1);
  assert.match(count[0]?.message ?? '', /at most 512 tools; 88 were left out: mcp__srv__tool_512, /);
  assert.equal(judged(body)?.message, undefined);
});

test('a tool choice naming a tool past the 512th keeps that tool, and the config names a declared function', () => {
  const { body } = emit({ toolChoice: { type: 'tool', name: 'mcp__srv__tool_599' } });
  const names = declarations(body).map((declaration) => declaration.name);
  assert.equal(names.length, 512);
  assert.ok(names.includes('mcp__srv__tool_599'));
  assert.deepEqual((body as { toolConfig: unknown }).toolConfig, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['mcp__srv__tool_599'] } });
  assert.equal(judged(body)?.message, undefined);
});

test('512 tools go as they are, with no warning', () => {
  const { body, warnings } = emit({ tools: tools.slice(0, 512) });
  assert.equal(declarations(body).length, 512);
  assert.ok(!warnings.some((warning) => warning.feature === 'tools.count'));
});
