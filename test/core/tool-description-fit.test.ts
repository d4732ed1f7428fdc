import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitToolDescriptions, wholeDescriptionsHeading } from '../../src/core/tool-description-fit.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { ToolDefinition } from '../../src/interlingua/tool.js';
import type { Warning } from '../../src/interlingua/warning.js';

function request(tools: ToolDefinition[]): ChatRequest {
  return { model: 'm', system: [{ type: 'text', text: 'Be brief.' }], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], tools, sampling: {}, stream: false };
}

const tool = (name: string, description?: string): ToolDefinition => ({ name, parameters: { type: 'object' }, ...(description !== undefined ? { description } : {}) });

test('descriptions within the limit leave the request as it is', () => {
  const asked = request([tool('a', 'x'.repeat(100)), tool('b')]);
  const warnings: Warning[] = [];
  assert.equal(fitToolDescriptions(asked, 100, warnings), asked);
  assert.deepEqual(warnings, []);
});

test('a longer description is cut within the limit at a word, points on, and is whole in the system prompt', () => {
  const words = Array.from({ length: 400 }, (_, index) => `word${index}`).join(' ');
  const warnings: Warning[] = [];
  const fitted = fitToolDescriptions(request([tool('short', 'Short.'), tool('long_tool', words)]), 1024, warnings);
  const long = fitted.tools?.[1]?.description ?? '';
  assert.ok(long.length <= 1024, String(long.length));
  assert.ok(long.length > 900, 'most of the room is used');
  const [kept] = long.split(' … (continued');
  assert.ok(words.startsWith(`${kept} `), 'the cut falls between words');
  assert.match(long, / … \(continued in the system prompt under "## long_tool"\)$/);
  assert.equal(fitted.tools?.[0]?.description, 'Short.');
  assert.equal(fitted.system[0]?.text, 'Be brief.');
  assert.equal(fitted.system[1]?.text, `${wholeDescriptionsHeading}\n\n## long_tool\n\n${words}`);
  assert.deepEqual(
    warnings.map((warning) => [warning.feature, warning.tool]),
    [['tools.description', 'long_tool']],
  );
});

test('a description without spaces, or of characters outside the BMP, is cut within the limit and never in half a character', () => {
  for (const text of ['x'.repeat(5000), '📁'.repeat(3000), `a${'📁'.repeat(3000)}`]) {
    const description = fitToolDescriptions(request([tool('t', text)]), 1024, []).tools?.[0]?.description ?? '';
    assert.ok(description.length <= 1024);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(description), 'no lone high surrogate');
    assert.ok(text.startsWith(description.split(' … (continued')[0] ?? ''));
  }
});

test('several long descriptions go in one section, in the tools’ order', () => {
  const fitted = fitToolDescriptions(request([tool('one', 'a '.repeat(600)), tool('two', 'b '.repeat(600))]), 1024, []);
  const section = fitted.system.at(-1)?.text ?? '';
  assert.equal(fitted.system.length, 2);
  assert.ok(section.indexOf('## one') < section.indexOf('## two'));
});
