/** One warning per key in a list, whichever path pushed the earlier ones. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWarningOnce, sameFeature, sameFeatureAndMessage, sameTypeAndFeature } from '../../src/core/warning-once.js';
import type { Warning } from '../../src/interlingua/warning.js';

const warning = (feature: string, message = 'm', type: Warning['type'] = 'unsupported'): Warning => ({ type, feature, message });

test('a warning already in the list, pushed by any path, is not added again', () => {
  const warnings: Warning[] = [warning('a')];
  addWarningOnce(warnings, warning('a', 'other'), sameFeature);
  addWarningOnce(warnings, warning('b'), sameFeature);
  warnings.push(warning('c'));
  addWarningOnce(warnings, warning('c', 'again'), sameFeature);
  addWarningOnce(warnings, warning('b', 'again'), sameFeature);
  assert.deepEqual(
    warnings.map((entry) => entry.feature),
    ['a', 'b', 'c'],
  );
  // Each kind of sameness keeps its own keys over the same list.
  addWarningOnce(warnings, warning('a', 'other'), sameFeatureAndMessage);
  addWarningOnce(warnings, warning('a', 'm', 'compatibility'), sameTypeAndFeature);
  addWarningOnce(warnings, warning('a', 'm', 'unsupported'), sameTypeAndFeature);
  assert.deepEqual(
    warnings.map((entry) => `${entry.type}:${entry.feature}:${entry.message}`),
    ['unsupported:a:m', 'unsupported:b:m', 'unsupported:c:m', 'unsupported:a:other', 'compatibility:a:m'],
  );
});

test('40,000 distinct warnings are each added once', () => {
  const warnings: Warning[] = [];
  for (let round = 0; round < 2; round++) for (let index = 0; index < 40_000; index++) addWarningOnce(warnings, warning(`file.${index}`), sameFeature);
  assert.equal(warnings.length, 40_000);
});
