/** The workers' limiter and the primary's counters, joined by an in-memory stand-in for the cluster IPC channel. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterLimiter } from '../../src/limits/cluster-limiter.js';
import { ClusterLimitsHost } from '../../src/limits/cluster-limits-host.js';
import { MemoryLimiter } from '../../src/limits/memory-limiter.js';
import { settle, workerOn } from './support/cluster-channel.js';

test('two workers share one requests-per-minute window; the questions of one turn travel as one message', async () => {
  const clock = () => 1_000_000;
  const host = new ClusterLimitsHost(new MemoryLimiter(clock), clock);
  const workers = [workerOn(host, clock), workerOn(host, clock)];
  const admissions = await Promise.all(Array.from({ length: 10 }, (_, index) => (workers[index % 2]?.limiter as ClusterLimiter).admitRequest('k', 4)));
  assert.equal(admissions.filter((admission) => admission.allowed).length, 4);
  assert.deepEqual(admissions.at(-1), { allowed: false, retryAfterMs: 60_000 });
  for (const worker of workers) {
    assert.equal(worker.sent.length, 1, 'one message per worker');
    assert.deepEqual(worker.sent[0]?.requests.map((request) => request.op === 'lease-requests' && request.need), [5], 'its five requests asked together');
  }
});

test('tokens a worker reports close the minute for the other, whose lease is called in', async () => {
  const clock = () => 1_000_000;
  const host = new ClusterLimitsHost(new MemoryLimiter(clock), clock);
  const [a, b] = [workerOn(host, clock), workerOn(host, clock)];
  assert.deepEqual(await b.limiter.admitTokens('k', 100), { allowed: true });
  await a.limiter.addTokens('k', 100);
  await settle();
  assert.equal((await b.limiter.admitTokens('k', 100)).allowed, false);
});

test('a budget is read from the records once, by the first worker to ask, and spend from every worker adds to it', async () => {
  const clock = () => 1_000_000;
  const host = new ClusterLimitsHost(new MemoryLimiter(clock), clock);
  const [a, b] = [workerOn(host, clock).limiter, workerOn(host, clock).limiter];
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
