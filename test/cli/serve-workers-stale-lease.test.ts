/**
 * The primary of `serve --workers N` recalls leases of a key near its limit before refusing
 * (src/limits/cluster-limits-host.ts). A worker stopped while holding one (SIGSTOP, a blocked
 * event loop) answers no recall: one ask waits out the deadline, and after that the worker is
 * stale, so the key's later asks on the other workers are decided at once, its room still spent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { ClusterLimitsHost } from '../../src/limits/cluster-limits-host.js';
import { MemoryLimiter } from '../../src/limits/memory-limiter.js';
import { workerOn, type TestWorker } from '../limits/support/cluster-channel.js';

const deadlineMs = 300;

async function flood(worker: TestWorker, rpm: number, count: number): Promise<number> {
  const admissions = await Promise.all(Array.from({ length: count }, () => worker.limiter.admitRequest('k', rpm)));
  return admissions.filter((admission) => admission.allowed).length;
}

test('a worker that missed a recall deadline is not recalled again: later asks are decided at once', async () => {
  const host = new ClusterLimitsHost(new MemoryLimiter(), Date.now, deadlineMs);
  const [a, b] = [workerOn(host), workerOn(host)] as [TestWorker, TestWorker];
  assert.equal(await flood(a, 20, 1), 1, 'admitted, with slots lent to A');
  a.mute();
  // The deadline's timer does not hold a process open; this one does while the test waits on it.
  const alive = setTimeout(() => undefined, 10_000);
  assert.equal(await flood(b, 20, 25), 17, 'one wait for A, then all but what A admitted or still holds');
  const started = performance.now();
  for (let ask = 0; ask < 5; ask++) assert.equal(await flood(b, 20, 1), 0, 'A\'s parked room stays spent');
  const elapsedMs = performance.now() - started;
  clearTimeout(alive);
  assert.ok(elapsedMs < deadlineMs, `five asks took ${Math.round(elapsedMs)} ms; each waited for A again`);
});
