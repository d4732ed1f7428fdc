/** In-process plugin jobs across the workers of `serve --workers N`, joined by an in-memory stand-in for the cluster IPC channel. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { clusterJobBackend } from '../../src/plugins/jobs/cluster-job-backend.js';
import { ClusterJobsHost, type JobsPeer } from '../../src/plugins/jobs/cluster-jobs-host.js';
import { isJobsCall, isJobsCancelled, type JobsChannel } from '../../src/plugins/jobs/cluster-jobs-protocol.js';
import type { JobExecutor } from '../../src/plugins/jobs/in-process-queue.js';
import type { PluginJob, PluginJobResult } from '../../src/plugins/jobs/plugin-job.js';
import { conversationScope } from '../../src/plugins/jobs/result-inbox.js';

/** Two workers' channels and the primary's host between them, each hop asynchronous as IPC is. */
function cluster(count: number): JobsChannel[] {
  const peers: JobsPeer[] = [];
  const host = new ClusterJobsHost(() => peers);
  return Array.from({ length: count }, () => {
    const inbox = new EventEmitter();
    const peer: JobsPeer = { send: (message) => void setImmediate(() => inbox.emit('message', message)) };
    peers.push(peer);
    return {
      send: (message) =>
        void setImmediate(() => {
          if (isJobsCall(message)) void host.answer(peer, message);
          else if (isJobsCancelled(message)) host.cancelled(message);
        }),
      on: (event, listener) => inbox.on(event, listener),
      off: (event, listener) => inbox.off(event, listener),
    };
  });
}

const job: PluginJob = { id: 'job_1', plugin: 'slow', tool: 'wait', args: {}, conversationId: 'trip-1', keyId: 'key_a', startedAt: 1 };
const scope = conversationScope(job.keyId, job.conversationId);
const result: PluginJobResult = { type: 'plugin.result', job: job.id, plugin: 'slow', tool: 'wait', conversation: 'trip-1', ok: true, text: 'done', startedAt: 1, finishedAt: 2 };

test("a job's result reaches subscribers on another worker and waits there for the conversation's next turn", async () => {
  const [a, b] = cluster(2) as [JobsChannel, JobsChannel];
  let backendA: ReturnType<ReturnType<typeof clusterJobBackend>> | undefined;
  const execute: JobExecutor = async () => {
    await backendA?.inbox.add(scope, result);
    await backendA?.broadcast.publish(scope, result);
  };
  backendA = clusterJobBackend(a)(execute);
  const backendB = clusterJobBackend(b)(async () => {});
  const seenOnB = new Promise<PluginJobResult>((resolve) => backendB.broadcast.subscribe(scope, resolve));

  await backendA.queue.start(job);
  assert.deepEqual(await seenOnB, result);
  assert.deepEqual(await backendB.inbox.take(scope), [result], 'the next turn on the other worker finds it');
  assert.deepEqual(await backendA.inbox.take(scope), [], 'and takes it once');
  await Promise.all([backendA.queue.close(), backendB.queue.close()]);
});

test('a cancel asked of one worker stops the job running on another; an unknown job is not cancelled', async () => {
  const [a, b] = cluster(2) as [JobsChannel, JobsChannel];
  let aborted: unknown;
  const backendA = clusterJobBackend(a)(
    (_job, signal) =>
      new Promise<void>((resolve) =>
        signal.addEventListener('abort', () => {
          aborted = signal.reason;
          resolve();
        }),
      ),
  );
  const backendB = clusterJobBackend(b)(async () => {});
  await backendA.queue.start(job);
  assert.equal(await backendB.queue.cancel('job_other', scope), false);
  assert.equal(await backendB.queue.cancel(job.id, conversationScope('key_b', 'trip-1')), false, "another key's cancel does not reach it");
  assert.equal(await backendB.queue.cancel(job.id, scope), true);
  assert.ok(aborted !== undefined, 'the running job saw the abort');
  await Promise.all([backendA.queue.close(), backendB.queue.close()]);
});
