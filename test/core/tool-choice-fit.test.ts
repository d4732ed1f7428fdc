import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitToolControls } from '../../src/core/tool-choice-fit.js';

const sent = (...names: string[]) => ({ names: new Set(names), any: names.length > 0 });

test('a choice naming a tool that is sent, and the parallel setting, pass unchanged', () => {
  const fitted = fitToolControls({ toolChoice: { type: 'tool', name: 'Bash' }, parallelToolCalls: false }, sent('Bash', 'Read'));
  assert.deepEqual(fitted, { toolChoice: { type: 'tool', name: 'Bash' }, parallelToolCalls: false, warnings: [] });
});

test('a choice naming a tool that is not sent becomes auto while other tools are sent, with a warning naming it', () => {
  const fitted = fitToolControls({ toolChoice: { type: 'tool', name: 'web_search' }, parallelToolCalls: false }, sent('Bash'));
  assert.deepEqual(fitted.toolChoice, { type: 'auto' });
  assert.equal(fitted.parallelToolCalls, false);
  assert.deepEqual(fitted.warnings.map((warning) => [warning.type, warning.feature, warning.tool]), [['compatibility', 'tool_choice.tool', 'web_search']]);
});

test('with no tools sent, a forcing choice is left out with a warning; auto, none and the parallel setting quietly', () => {
  const named = fitToolControls({ toolChoice: { type: 'tool', name: 'web_search' }, parallelToolCalls: false }, sent());
  assert.deepEqual([named.toolChoice, named.parallelToolCalls], [undefined, undefined]);
  assert.deepEqual(named.warnings.map((warning) => [warning.type, warning.feature, warning.tool]), [['unsupported', 'tool_choice.tool', 'web_search']]);
  const required = fitToolControls({ toolChoice: { type: 'required' } }, sent());
  assert.equal(required.toolChoice, undefined);
  assert.deepEqual(required.warnings.map((warning) => warning.feature), ['tool_choice.required']);
  for (const type of ['auto', 'none'] as const) {
    assert.deepEqual(fitToolControls({ toolChoice: { type }, parallelToolCalls: true }, sent()), { toolChoice: undefined, parallelToolCalls: undefined, warnings: [] });
  }
});

test('tools the choice cannot name (a vendor built-in) still count as tools sent', () => {
  const fitted = fitToolControls({ toolChoice: { type: 'required' } }, { names: new Set(), any: true });
  assert.deepEqual(fitted, { toolChoice: { type: 'required' }, parallelToolCalls: undefined, warnings: [] });
});
