/**
 * The in-process inbox of async plugin results: a result waits for its conversation's next turn as
 * long as Redis keeps one (seven days from the latest), and the conversations it keeps are bounded,
 * since conversation ids come from callers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryResultInbox, unreadResultSeconds } from '../../src/plugins/jobs/result-inbox.js';
import type { PluginJobResult } from '../../src/plugins/jobs/plugin-job.js';

function result(job: string): PluginJobResult {
  return { type: 'plugin.result', job, plugin: 'net', tool: 'ping', conversation: 'trip', ok: true, text: `PING ${job}`, startedAt: 0, finishedAt: 1 };
}

test('a conversation takes its results once; unread ones wait seven days from the latest', async () => {
  let now = 0;
  const inbox = new MemoryResultInbox(() => now);
  await inbox.add('key:trip', result('job_1'));
  now += unreadResultSeconds * 1000 - 1;
  await inbox.add('key:trip', result('job_2'));
  now += unreadResultSeconds * 1000 - 1;
  assert.deepEqual((await inbox.take('key:trip')).map((taken) => taken.job), ['job_1', 'job_2']);
  assert.deepEqual(await inbox.take('key:trip'), []);

  await inbox.add('key:late', result('job_3'));
  now += unreadResultSeconds * 1000;
  assert.deepEqual(await inbox.take('key:late'), []);
});

test('past ten thousand conversations, those that got a result longest ago lose their unread results', async () => {
  const inbox = new MemoryResultInbox();
  for (let index = 0; index < 30_000; index++) await inbox.add(`key:conversation-${index}`, result(`job_${index}`));
  assert.deepEqual(await inbox.take('key:conversation-0'), []);
  assert.deepEqual((await inbox.take('key:conversation-25000')).map((taken) => taken.job), ['job_25000']);
  assert.deepEqual((await inbox.take('key:conversation-29999')).map((taken) => taken.job), ['job_29999']);
});
