/** The workers' limiter and the primary's counters, joined by an in-memory stand-in for the cluster IPC channel. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { ClusterLimiter } from '../../src/limits/cluster-limiter.js';
import { ClusterLimitsHost } from '../../src/limits/cluster-limits-host.js';
import { MemoryLimiter } from '../../src/limits/memory-limiter.js';
import type { LimitsBatch } from '../../src/limits/cluster-limits-protocol.js';

/** A worker's end of the channel, answered by `host` asynchronously as IPC would be. */
function workerOn(host: ClusterLimitsHost, sent: LimitsBatch[] = []): ClusterLimiter {
  const inbox = new EventEmitter();
  return new ClusterLimiter({
    send: (message: LimitsBatch) => {
      sent.push(message);
      void host.answerAll(message).then((replies) => setImmediate(() => inbox.emit('message', replies)));
    },
    on: (event, listener) => inbox.on(event, listener),
    off: (event, listener) => inbox.off(event, listener),
  });
}

test('two workers share one requests-per-minute window; the questions of one turn travel as one message', async () => {
  const host = new ClusterLimitsHost(new MemoryLimiter(() => 1_000_000));
  const sent: LimitsBatch[] = [];
  const workers = [workerOn(host, sent), workerOn(host, sent)];
  const admissions = await Promise.all(Array.from({ length: 10 }, (_, index) => (workers[index % 2] as ClusterLimiter).admitRequest('k', 4)));
  assert.equal(admissions.filter((admission) => admission.allowed).length, 4);
  assert.deepEqual(admissions.at(-1), { allowed: false, retryAfterMs: 60_000 });
  assert.deepEqual(sent.map((batch) => batch.requests.length), [5, 5], 'one batch per worker');
});

test('tokens added by one worker close the minute for the other', async () => {
  const host = new ClusterLimitsHost(new MemoryLimiter(() => 1_000_000));
  const [a, b] = [workerOn(host), workerOn(host)];
  assert.deepEqual(await b.admitTokens('k', 100), { allowed: true });
  await a.addTokens('k', 100);
  assert.equal((await b.admitTokens('k', 100)).allowed, false);
});

test('a budget is read from the records once, by the first worker to ask, and spend from every worker adds to it', async () => {
  const host = new ClusterLimitsHost(new MemoryLimiter(() => 1_000_000));
  const [a, b] = [workerOn(host), workerOn(host)];
  let reads = 0;
  const recorded = async () => {
    reads++;
    return 2.5;
  };
  assert.equal(await a.spent('k', 0, recorded), 2.5);
  await a.addSpend('k', 0, 1);
  await b.addSpend('k', 0, 0.5);
  assert.equal(await b.spent('k', 0, recorded), 4);
  assert.equal(reads, 1, 'the second worker took the primary\'s ledger');
});
