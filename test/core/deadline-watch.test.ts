/** One coarse timer for many deadlines: a passed one is called once, a withdrawn one never. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { tickMs, watchDeadline } from '../../src/core/deadline-watch.js';

test('a passed deadline is called once, a withdrawn or distant one is not', async () => {
  const called: string[] = [];
  watchDeadline(Date.now() + 10, () => called.push('late'));
  const withdrawn = watchDeadline(Date.now() + 10, () => called.push('withdrawn'));
  const distant = watchDeadline(Date.now() + 60_000, () => called.push('distant'));
  withdrawn();
  await sleep(10 + 3 * tickMs);
  assert.deepEqual(called, ['late']);
  distant();
});
