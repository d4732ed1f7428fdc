import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitToolCount } from '../../src/core/tool-count-fit.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { Warning } from '../../src/interlingua/warning.js';

const request = (count: number, choice?: string): ChatRequest => ({
  model: 'm',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  tools: Array.from({ length: count }, (_, index) => ({ name: `tool_${index}`, parameters: { type: 'object' } })),
  ...(choice !== undefined ? { toolChoice: { type: 'tool' as const, name: choice } } : {}),
  sampling: {},
  stream: false,
});

test('tools within the limit are left as they are', () => {
  const asked = request(128);
  const warnings: Warning[] = [];
  assert.equal(fitToolCount(asked, 128, warnings), asked);
  assert.deepEqual(warnings, []);
});

test('past the limit the first go, in order, and the rest are named in a warning', () => {
  const warnings: Warning[] = [];
  const fitted = fitToolCount(request(130), 128, warnings);
  assert.equal(fitted.tools?.length, 128);
  assert.equal(fitted.tools?.at(-1)?.name, 'tool_127');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]?.message ?? '', /2 were left out: tool_128, tool_129\.$/);
});

test('the tool a tool choice names is kept, in its place', () => {
  const fitted = fitToolCount(request(130, 'tool_129'), 128, []);
  const names = fitted.tools?.map((tool) => tool.name) ?? [];
  assert.equal(names.length, 128);
  assert.equal(names.at(-1), 'tool_129');
  assert.ok(!names.includes('tool_127'));
});
