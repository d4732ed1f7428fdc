/**
 * A gateway busy for longer than the Redis command timeout reads Redis's answers late: the
 * deadline timer runs before the socket is read. Such a stall of its own must not count a
 * healthy Redis (the one every developer machine runs, 127.0.0.1:6379) as away, nor drop a
 * connection that answered in time.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { RedisConnections, redisCommandTimeoutMs } from '../../src/store/redis-connections.js';
import { checkConnection } from '../../src/store/redis-liveness.js';
import { isStoreOutage } from '../../src/store/store-outage.js';

const redisUrl = process.env['INTERLINGUA_TEST_REDIS'] ?? 'redis://127.0.0.1:6379';
const connections = new RedisConnections(redisUrl, { checkMs: 60_000 });
after(() => connections.close());

/**
 * Sends, then keeps the event loop busy, as a CPU-starved or busy process is, from a check-phase callback:
 * the loop's next phase then is timers, before the socket holding Redis's answer is read (as
 * after a stall in a request's own callbacks).
 */
async function stallAfter<T>(send: () => T, ms: number): Promise<T> {
  return new Promise<T>((resolve) =>
    setImmediate(() => {
      const sent = send();
      const until = performance.now() + ms;
      while (performance.now() < until);
      resolve(sent);
    }),
  );
}

test('a command that timed out only because the gateway stalled leaves Redis counted as there', async () => {
  await connections.ready(10_000);
  const changes: boolean[] = [];
  connections.availability.listen({ changed: (_store, away) => changes.push(away) });
  const pending = await stallAfter(
    () =>
      connections.commands.get('interlingua-test:own-stall').then(
        () => undefined,
        (error: unknown) => error,
      ),
    redisCommandTimeoutMs + 300,
  );
  const error = await pending;
  assert.ok(error instanceof Error && /Command timed out/.test(error.message), 'the command itself timed out');
  assert.ok(isStoreOutage(error));
  connections.availability.failed(error);
  await sleep(redisCommandTimeoutMs * 3);
  assert.deepEqual(changes, [], 'a check after the stall found Redis answering: never counted away');
  assert.equal(connections.commands.status, 'ready');
});

test('a liveness ping read late after a stall is asked again, not dropped', async () => {
  await connections.ready(10_000);
  const check = await stallAfter(() => checkConnection(connections.commands, redisCommandTimeoutMs), redisCommandTimeoutMs + 300);
  assert.equal((await check).state, 'answered');
  assert.equal(connections.commands.status, 'ready');
  assert.equal(connections.availability.away, false);
});
