import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploymentStats } from '../../src/usage/deployment-stats.js';
import { attemptOutcome } from '../../src/usage/usage-attempts.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';

function record(fields: Partial<UsageRecord>): UsageRecord {
  return { id: 'req', createdAt: 1000, model: 'm', caller: 'openai-chat', stream: false, status: 200, inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0, cost: 0, latencyMs: 5, ...fields };
}

test('whose fault a status is: 429, 5xx and timeouts are the upstream\'s, other 4xx the caller\'s, 499 neither', () => {
  assert.deepEqual([200, 400, 403, 404, 429, 499, 500, 502, 504].map(attemptOutcome), ['ok', 'caller-error', 'caller-error', 'caller-error', 'upstream-failure', 'cancelled', 'upstream-failure', 'upstream-failure', 'upstream-failure']);
});

test('each attempt counts at its own deployment; latency percentiles come from the answered ones', () => {
  const records = [
    record({ deployment: 'b/x', attempts: [{ deployment: 'a/x', status: 429, errorCode: 'rate_limited', ms: 9000 }, { deployment: 'b/x', status: 200, ms: 100 }] }),
    record({ deployment: 'b/x', status: 400, attempts: [{ deployment: 'b/x', status: 400, errorCode: 'invalid_request', ms: 10 }], createdAt: 3000 }),
    ...[10, 20, 30, 40, 50, 60, 70, 80, 90].map((ms) => record({ deployment: 'b/x', stream: true, ttftMs: ms, attempts: [{ deployment: 'b/x', status: 200, ms }] })),
    // Recorded before attempts were: one attempt at the deployment it names.
    record({ deployment: 'c/y', status: 503, latencyMs: 40 }),
    // Refused before any deployment was tried.
    record({ status: 401 }),
  ];
  const [a, b, c, ...rest] = deploymentStats(records);
  assert.equal(rest.length, 0, 'a request that tried no deployment counts at none');
  assert.deepEqual(a, { name: 'a/x', attempts: 1, succeeded: 0, callerErrors: 0, upstreamFailures: 1, cancelled: 0, lastAttemptAt: 1000 });
  assert.equal(b?.attempts, 11);
  assert.equal(b?.succeeded, 10);
  assert.equal(b?.callerErrors, 1);
  assert.equal(b?.upstreamFailures, 0);
  assert.equal(b?.lastAttemptAt, 3000);
  assert.equal(b?.latencyP50Ms, 50, 'nearest rank of 10 answered attempts');
  assert.equal(b?.latencyP95Ms, 100);
  assert.equal(b?.ttftP50Ms, 50);
  assert.equal(b?.ttftP95Ms, 90);
  assert.equal(c?.upstreamFailures, 1);
  assert.equal(c?.latencyP50Ms, undefined, 'a failure says nothing of how fast the upstream answers');
});
