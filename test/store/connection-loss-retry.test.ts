/**
 * Writes sent again on a connection ended under the gateway (connection-loss-retry.ts), without a
 * database: what the loop does with a write's failures, and with a caller already answered.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeAgainOnConnectionLoss } from '../../src/store/connection-loss-retry.js';

/** What node-postgres raises for a query on a connection the server closed. */
const lost = () => new Error('Connection terminated unexpectedly');

test('a write whose connection was ended is sent again, and told which try it is', async () => {
  const attempts: number[] = [];
  const answer = await writeAgainOnConnectionLoss(async (attempt) => {
    attempts.push(attempt);
    if (attempt < 3) throw lost();
    return 'stored';
  });
  assert.equal(answer, 'stored');
  assert.deepEqual(attempts, [1, 2, 3]);
});

test('a write refused for another reason is not sent again', async () => {
  let attempts = 0;
  const refused = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
  await assert.rejects(
    writeAgainOnConnectionLoss(async () => {
      attempts++;
      throw refused;
    }),
    refused,
  );
  assert.equal(attempts, 1);
});

test('a write whose caller was answered at its deadline is not sent again after its connection was ended', async () => {
  const deadline = new AbortController();
  let attempts = 0;
  await assert.rejects(
    writeAgainOnConnectionLoss(async () => {
      attempts++;
      // The caller is told the write failed while it waits on a connection that is then ended.
      deadline.abort();
      throw lost();
    }, deadline.signal),
    /Connection terminated unexpectedly/,
  );
  assert.equal(attempts, 1, 'what the caller heard failed is not done later');
});
