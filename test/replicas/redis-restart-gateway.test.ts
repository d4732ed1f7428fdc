/**
 * A gateway whose Redis restarts empty (no persistence) recovers: a socket subscribed before the
 * restart still gets the result of a job started after it, and the conversation's next turn
 * carries a result that was waiting when Redis went. On a private Redis server, stopped and
 * started again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startPluginGateway } from '../plugins/support/plugin-gateway.js';
import { openaiChatReply } from '../plugins/support/scripted-replies.js';
import { EventSocket } from '../plugins/support/event-socket.js';
import { keptResultsCheckMs } from '../../src/plugins/jobs/kept-results.js';
import { PrivateRedis } from './support/private-redis.js';
import { healthOf, startPingJob, until } from './support/plugin-jobs.js';

type Json = Record<string, unknown>;

test('after Redis restarted empty, sockets hear new jobs and the next turn gets the waiting result', { timeout: 60_000 }, async (t) => {
  const redis = await PrivateRedis.create();
  const gateway = await startPluginGateway({ redis: { url: redis.url, keyPrefix: `interlingua-test-${randomUUID()}` } });
  t.after(async () => {
    if (!redis.running) await redis.start();
    await gateway.close();
    await redis.stop();
  });

  const events = await EventSocket.open(gateway.gatewayUrl, 'restart-trip');
  t.after(() => events.close());
  const before = await startPingJob(gateway.gatewayUrl, gateway.upstream, 'restart-trip');
  assert.equal((await events.next())['job'], before);
  // Long enough for the gateway to have seen its result stored before Redis goes.
  await new Promise((resolve) => setTimeout(resolve, keptResultsCheckMs * 2));

  await redis.stop();
  await redis.start();
  await until(async () => (await healthOf(gateway.gatewayUrl)).status === 'ok', 15_000, 'Redis is seen again');

  const after = await startPingJob(gateway.gatewayUrl, gateway.upstream, 'restart-trip');
  const pushed = await events.next();
  assert.equal(pushed['job'], after);

  let asked = '';
  await until(
    async () => {
      const turn = gateway.upstream.requests.length;
      gateway.upstream.enqueue(openaiChatReply({ text: 'Both done.' }, false));
      const response = await fetch(`${gateway.gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer caller', 'x-interlingua-conversation': 'restart-trip' },
        body: JSON.stringify({ model: 'travel', messages: [{ role: 'user', content: 'Any news?' }] }),
      });
      assert.equal(response.status, 200);
      await response.text();
      asked += JSON.stringify((gateway.upstream.requests[turn]?.body as { messages: Json[] }).messages.at(-1)?.['content']);
      return asked.includes(before) && asked.includes(after);
    },
    15_000,
    'the next turns carry both results',
  );
});
