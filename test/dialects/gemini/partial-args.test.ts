/**
 * Vertex's streamed call arguments (`partialArgs`) rebuilt into one object: items in order as a
 * model writes them, and paths naming far indexes bounded so an upstream cannot make the
 * arguments (and the process) balloon.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxArraySlotsPerCall, PartialArgsCall } from '../../../src/dialects/gemini/partial-args.js';

test('items written in order, strings in pieces, nested paths', () => {
  const call = new PartialArgsCall('plan', undefined, undefined);
  call.apply([
    { jsonPath: '$.steps[0].title', stringValue: 'Boil ' },
    { jsonPath: '$.steps[0].title', stringValue: 'water' },
    { jsonPath: '$.steps[1].title', stringValue: 'Add pasta' },
    { jsonPath: '$.minutes', numberValue: 10 },
    { jsonPath: '$["salt?"]', boolValue: true },
  ]);
  assert.deepEqual(call.args, { steps: [{ title: 'Boil water' }, { title: 'Add pasta' }], minutes: 10, 'salt?': true });
});

test('paths naming far indexes open at most maxArraySlotsPerCall slots in all', () => {
  const call = new PartialArgsCall('f', undefined, undefined);
  // 45 bytes each; before the bound each wrote 10,000 slots (2,000 of them: 100 MB of arguments).
  call.apply(Array.from({ length: 2_000 }, (_, index) => ({ jsonPath: `$.k${index}[9999]`, numberValue: 1 })));
  const text = JSON.stringify(call.args);
  assert.ok(text.length < maxArraySlotsPerCall * 6 + 2_000 * 20, `arguments of ${text.length} characters`);
  // An array filled in order still takes its items up to the bound.
  const listed = new PartialArgsCall('f', undefined, undefined);
  listed.apply(Array.from({ length: 500 }, (_, index) => ({ jsonPath: `$.items[${index}]`, numberValue: index })));
  assert.equal((listed.args['items'] as unknown[]).length, 500);
});
