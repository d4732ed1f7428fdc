import { Socket } from 'node:net';

/**
 * How long closing the PostgreSQL pool may wait for its connections to say goodbye. Ending the
 * pool waits until every checked-out client is handed back, and a client whose query is stuck on
 * a silent server is handed back only when the query times out (30 s): a shutdown then waited
 * for it past its own deadline and exited without finishing. Past this bound every socket is
 * destroyed, which fails the stuck query at once, as `closeConnection` does for Redis.
 */
export const postgresCloseMs = 1_000;

/**
 * The sockets of a pool's connections, made by node-postgres's `stream` factory (a Client option
 * the pool passes on; https://github.com/brianc/node-postgres/pull/2898), so a close that cannot
 * finish politely can cut them. The factory returns the plain socket node-postgres makes itself
 * (pg 8.23 lib/stream.js `getStream`); TLS, when asked for, is still set up on top of it.
 */
export class PostgresSockets {
  private readonly open = new Set<Socket>();

  /** The `stream` option of the pool. */
  readonly factory = (): Socket => {
    const socket = new Socket();
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
    return socket;
  };

  /** Ends the pool, destroying whatever connection is still open after `graceMs`. */
  async endWithin(end: () => Promise<void>, graceMs: number): Promise<void> {
    const ended = end();
    if (await finishedWithin(ended, graceMs)) return;
    for (const socket of this.open) socket.destroy();
    // With its sockets gone each query fails, its client is removed and the pool ends; a
    // connection attempt still under way is not waited for beyond one more grace.
    await finishedWithin(ended, graceMs);
  }
}

/** Whether `work` settled within `ms` (its rejection is the caller's, through `work` itself). */
async function finishedWithin(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
