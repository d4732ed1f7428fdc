/**
 * `Cancellation.drained`: a streaming writer waits for drain many times over one request, and
 * each wait must leave no listener behind, on the writable or on the cancellation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { Cancellation } from '../../src/gateway/cancellation.js';

test('each wait for drain removes both of its listeners, however it ends', async () => {
  const cancellation = new Cancellation();
  const writable = new EventEmitter();
  for (let wait = 0; wait < 50; wait++) {
    const drained = cancellation.drained(writable);
    writable.emit('drain');
    await drained;
  }
  assert.deepEqual([writable.listenerCount('drain'), cancellation.listenerCount('abort')], [0, 0]);

  const cut = cancellation.drained(writable);
  cancellation.abort();
  await cut;
  assert.deepEqual([writable.listenerCount('drain'), cancellation.listenerCount('abort')], [0, 0]);
  // Once cancelled, nothing waits.
  await cancellation.drained(writable);
  assert.equal(writable.listenerCount('drain'), 0);
});
