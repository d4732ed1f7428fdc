import type { Redis } from 'ioredis';
import { isTimeout } from './store-outage.js';

/** What one check of a connection found: its round trip, or that it is not usable now. */
export type ConnectionCheck = { state: 'answered'; ms: number } | { state: 'dropped' } | { state: 'unavailable' };

/** When each watched connection last reached its server (TCP), the start of its ready check. */
const handshakeStarts = new WeakMap<Redis, number>();

/**
 * Has `checkConnection` know how long a connection has waited on its ready check. ioredis clears
 * `connectTimeout` once TCP connects (node_modules/ioredis/built/Redis.js, `connectTimeoutCleared`),
 * and then waits for the answer to its ready check (`INFO`) with no bound at all
 * (https://github.com/redis/ioredis/issues/634): a reconnect accepted by a black-holed route or a
 * frozen server stayed in status `connect` for good, was never pinged (it is not `ready`), so never
 * dropped, and Redis counted as away for the rest of the process's life.
 */
export function watchHandshake(redis: Redis): void {
  redis.on('connect', () => handshakeStarts.set(redis, performance.now()));
  redis.on('close', () => handshakeStarts.delete(redis));
}

function handshakeAge(redis: Redis): number {
  const since = handshakeStarts.get(redis);
  return since === undefined ? 0 : performance.now() - since;
}

/**
 * Pings one connection, and drops it (to be dialled again) when it holds as ready but does not
 * answer within `deadlineMs`.
 *
 * ioredis's `commandTimeout` rejects a command and keeps the socket (node_modules/ioredis/built/Command.js,
 * `setTimeout`), and a connection without it waits forever. Behind a half-open TCP connection (a
 * failover behind a virtual IP, a NAT or load balancer entry dropped) nothing ever closes the
 * socket, so every later command, the probe's included, went to the same dead socket for the rest
 * of the process's life. `Redis#disconnect(reconnect?: boolean)` with `true` closes it and keeps
 * the reconnect strategy (node_modules/ioredis/built/Redis.d.ts, Redis.js `disconnect`): the socket
 * is ended, and destroyed after `disconnectTimeout` (2 s) when even the FIN goes unanswered
 * (built/connectors/AbstractConnector.js); then the connection dials again, and a subscriber
 * subscribes again (`autoResubscribe`). Reference: https://github.com/redis/ioredis#auto-reconnect
 *
 * A ping is asked once more before the connection is dropped (see the loop for why).
 *
 * A connection stuck in its ready check for longer than `handshakeMs` (see `watchHandshake`) is
 * dropped and dialled again the same way.
 */
export async function checkConnection(redis: Redis, deadlineMs: number, handshakeMs = Number.POSITIVE_INFINITY): Promise<ConnectionCheck> {
  if (redis.status === 'connect' && handshakeMs < handshakeAge(redis)) {
    redis.disconnect(true);
    return { state: 'dropped' };
  }
  // Connecting, or waiting to reconnect: ioredis is already at it, and its `connectTimeout` bounds the dial.
  if (redis.status !== 'ready') return { state: 'unavailable' };
  // One late answer can be the gateway's own stall (the deadline fires before a waiting answer is
  // read: store-availability.ts `confirmTimeout`); a second in a row is the connection's.
  for (let tries = 0; tries < 2; tries++) {
    const started = performance.now();
    const outcome = await pingWithin(redis, deadlineMs);
    if (outcome === 'answered') return { state: 'answered', ms: performance.now() - started };
    if (outcome === 'failed' || redis.status !== 'ready') return { state: 'unavailable' };
  }
  redis.disconnect(true);
  return { state: 'dropped' };
}

async function pingWithin(redis: Redis, deadlineMs: number): Promise<'answered' | 'late' | 'failed'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deadlineMs);
  });
  const answer = redis.ping().then(
    () => 'answered' as const,
    (error: unknown) => (isTimeout(error) ? ('late' as const) : ('failed' as const)),
  );
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}

/**
 * Closes a connection for good: `QUIT` when it is ready (so the server sees a clean goodbye), but
 * never waiting on it longer than `deadlineMs`, since a connection that is half-open or has an
 * offline queue would hold the shutdown forever; then `disconnect()`, which also ends a reconnect
 * that is waiting. Errors of a connection closed this way are not emitted (ioredis `silentEmit`
 * while `manuallyClosing`).
 */
export async function closeConnection(redis: Redis, deadlineMs: number): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadlineMs);
    });
    await Promise.race([redis.quit().then(
      () => undefined,
      () => undefined,
    ), late]).finally(() => clearTimeout(timer));
  }
  // The quit may have ended it meanwhile (TypeScript narrowed the status before the await).
  if ((redis.status as string) !== 'end') redis.disconnect();
}
