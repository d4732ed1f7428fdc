import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeWarningGroup, groupWarnings } from '../../src/core/warning-groups.js';
import type { Warning } from '../../src/interlingua/warning.js';

const dropped = (tool: string): Warning => ({ type: 'unsupported', feature: 'json_schema.$schema', message: 'Gemini schemas have no "$schema"; it was left out.', tool });

test('the same warning for many tools is one entry with a count and the names, first occurrence first', () => {
  const warnings: Warning[] = [
    { type: 'unsupported', feature: 'user', message: 'Gemini takes no end-user id; "user" was left out.' },
    dropped('Bash'),
    dropped('Read'),
    { type: 'compatibility', feature: 'tool.strict', message: 'strict dropped' },
    dropped('Bash'),
  ];
  assert.deepEqual(groupWarnings(warnings), [
    { type: 'unsupported', feature: 'user', message: 'Gemini takes no end-user id; "user" was left out.' },
    { type: 'unsupported', feature: 'json_schema.$schema', message: 'Gemini schemas have no "$schema"; it was left out.', count: 3, tools: ['Bash', 'Read'] },
    { type: 'compatibility', feature: 'tool.strict', message: 'strict dropped' },
  ]);
});

test('warnings that differ in type, feature or message stay apart', () => {
  const groups = groupWarnings([
    { type: 'unsupported', feature: 'top_k', message: 'a' },
    { type: 'compatibility', feature: 'top_k', message: 'a' },
    { type: 'unsupported', feature: 'top_k', message: 'b' },
    { type: 'unsupported', feature: 'seed', message: 'a' },
  ]);
  assert.equal(groups.length, 4);
  assert.ok(groups.every((group) => group.count === undefined && group.tools === undefined));
});

test('a group described in one line names its tools and how often it happened', () => {
  const [group] = groupWarnings([dropped('Bash'), dropped('Read')]);
  assert.ok(group !== undefined);
  assert.equal(describeWarningGroup(group), 'Gemini schemas have no "$schema"; it was left out. (2 times) Tools: Bash, Read.');
});
