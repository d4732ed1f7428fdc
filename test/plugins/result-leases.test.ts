/**
 * A turn leases its conversation's unread results: they leave the inbox only when it settles them
 * as delivered, another turn meanwhile gets none, and a lease never settled lapses. The same for
 * each inbox: in-process, in Redis, and in the primary of `serve --workers N`. The in-process
 * inbox keeps a bounded number of conversations per owner, so one key's flood drops only its own.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { leaseSeconds, MemoryResultInbox, type ResultInbox } from '../../src/plugins/jobs/result-inbox.js';
import { RedisResultInbox } from '../../src/plugins/jobs/redis-result-inbox.js';
import { RedisConnections } from '../../src/store/redis-connections.js';
import { clusterJobBackend } from '../../src/plugins/jobs/cluster-job-backend.js';
import { ClusterJobsHost, type JobsPeer } from '../../src/plugins/jobs/cluster-jobs-host.js';
import { isJobsCall, type JobsChannel } from '../../src/plugins/jobs/cluster-jobs-protocol.js';
import type { PluginJobResult } from '../../src/plugins/jobs/plugin-job.js';
import { recordingLogger } from '../support/recording-logger.js';

const redisUrl = 'redis://127.0.0.1:6379';
const keyPrefix = `test-result-leases-${process.pid}-${Date.now()}`;
const connections = new RedisConnections(redisUrl);

after(async () => {
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await connections.close();
});

function result(job: string): PluginJobResult {
  return { type: 'plugin.result', job, plugin: 'net', tool: 'ping', conversation: 'trip', ok: true, text: `PING ${job}`, startedAt: 0, finishedAt: 1 };
}

const jobs = (results: PluginJobResult[]) => results.map((each) => each.job);

/** What every inbox must do with leases, on conversation `scope`. */
async function leasesHoldAndSettle(inbox: ResultInbox, scope: string): Promise<void> {
  await inbox.add(scope, result('job_1'));
  const first = await inbox.lease(scope);
  assert.deepEqual(jobs(first.results), ['job_1']);
  assert.deepEqual((await inbox.lease(scope)).results, [], 'a turn at the same time gets none');

  await inbox.settle(scope, first.lease, []);
  const second = await inbox.lease(scope);
  assert.deepEqual(jobs(second.results), ['job_1'], 'a failed turn left it for the next one');

  await inbox.add(scope, result('job_2'));
  await inbox.settle(scope, second.lease, jobs(second.results));
  const third = await inbox.lease(scope);
  assert.deepEqual(jobs(third.results), ['job_2'], 'a delivered result leaves; one that came meanwhile stays');
  await inbox.settle(scope, third.lease, jobs(third.results));
  assert.deepEqual((await inbox.lease(scope)).results, [], 'each is told once');
  await inbox.settle(scope, '', []);
}

test('in-process: a lease holds the results from other turns until it settles', async () => {
  await leasesHoldAndSettle(new MemoryResultInbox(), 'key_a:trip');
});

test('in-process: a lease never settled lapses, and the results are there again', async () => {
  let now = 0;
  const inbox = new MemoryResultInbox(() => now);
  await inbox.add('key_a:trip', result('job_1'));
  const held = await inbox.lease('key_a:trip');
  now += leaseSeconds * 1000 - 1;
  assert.deepEqual((await inbox.lease('key_a:trip')).results, []);
  now += 1;
  const again = await inbox.lease('key_a:trip');
  assert.deepEqual(jobs(again.results), ['job_1']);
  // The lapsed turn ends after all and delivered them: they leave, and the later lease ends cleanly.
  await inbox.settle('key_a:trip', held.lease, ['job_1']);
  await inbox.settle('key_a:trip', again.lease, []);
  assert.deepEqual((await inbox.lease('key_a:trip')).results, []);
});

test('with Redis: a lease holds the results from other turns until it settles', async () => {
  await connections.ready(2_000);
  await leasesHoldAndSettle(new RedisResultInbox(connections.commands, keyPrefix, connections.availability), 'key_a:trip');
});

test('across workers: a lease taken on one worker holds the results from the others until it settles', async () => {
  const peers: JobsPeer[] = [];
  const host = new ClusterJobsHost(() => peers);
  const [a, b] = [0, 1].map(() => {
    const inbox = new EventEmitter();
    const peer: JobsPeer = { send: (message) => void setImmediate(() => inbox.emit('message', message)) };
    peers.push(peer);
    const channel: JobsChannel = {
      send: (message) => void setImmediate(() => isJobsCall(message) && void host.answer(peer, message)),
      on: (event, listener) => inbox.on(event, listener),
      off: (event, listener) => inbox.off(event, listener),
    };
    return clusterJobBackend(channel)(async () => {});
  });
  assert.ok(a !== undefined && b !== undefined);
  await a.inbox.add('key_a:trip', result('job_1'));
  const held = await a.inbox.lease('key_a:trip');
  assert.deepEqual(jobs(held.results), ['job_1']);
  assert.deepEqual((await b.inbox.lease('key_a:trip')).results, [], 'a turn on another worker gets none meanwhile');
  await a.inbox.settle('key_a:trip', held.lease, []);
  const onB = await b.inbox.lease('key_a:trip');
  assert.deepEqual(jobs(onB.results), ['job_1'], 'the failed turn left it for the next one, on any worker');
  await b.inbox.settle('key_a:trip', onB.lease, ['job_1']);
  assert.deepEqual((await a.inbox.lease('key_a:trip')).results, []);
  await Promise.all([a.queue.close(), b.queue.close()]);
});

test("one key's flood of conversations drops only its own oldest unread results, and says so", async () => {
  const logger = recordingLogger();
  const inbox = new MemoryResultInbox(Date.now, { conversationsPerOwner: 3, logger });
  await inbox.add('key_b:kept', result('job_b'));
  await inbox.add('-:anonymous', result('job_anonymous'));
  for (let index = 0; index < 10; index++) await inbox.add(`key_a:flood-${index}`, result(`job_a${index}`));

  assert.deepEqual(jobs((await inbox.lease('key_b:kept')).results), ['job_b'], "another key's result is kept");
  assert.deepEqual(jobs((await inbox.lease('-:anonymous')).results), ['job_anonymous']);
  assert.deepEqual((await inbox.lease('key_a:flood-6')).results, []);
  assert.deepEqual(jobs((await inbox.lease('key_a:flood-7')).results), ['job_a7']);
  assert.deepEqual(jobs((await inbox.lease('key_a:flood-9')).results), ['job_a9']);

  const dropped = logger.lines.filter((line) => line.message === 'unread plugin results dropped');
  assert.equal(dropped.length, 7);
  assert.deepEqual(dropped[0]?.fields, { owner: 'key_a', conversation: 'flood-0', results: 1, reason: 'the owner has more than 3 conversations with unread results' });
  assert.equal(logger.lines.filter((line) => line.level === 'warn').length, 7);
});

test('a conversation that gets another result is the newest again, and dropping an expired one is not reported', async () => {
  let now = 0;
  const logger = recordingLogger();
  const inbox = new MemoryResultInbox(() => now, { conversationsPerOwner: 2, logger });
  await inbox.add('key_a:old', result('job_1'));
  await inbox.add('key_a:busy', result('job_2'));
  await inbox.add('key_a:old', result('job_3'));
  await inbox.add('key_a:new', result('job_4'));
  assert.deepEqual((await inbox.take('key_a:busy')).length, 0, 'busy got a result before old did again');
  assert.deepEqual(jobs(await inbox.take('key_a:old')), ['job_1', 'job_3']);
  assert.equal(logger.lines.length, 1);

  await inbox.add('key_a:stale', result('job_5'));
  now += 8 * 24 * 3600 * 1000;
  await inbox.add('key_a:fresh', result('job_6'));
  await inbox.add('key_a:fresher', result('job_7'));
  assert.equal(logger.lines.length, 1, 'expired results were no longer waiting for anyone');
});
