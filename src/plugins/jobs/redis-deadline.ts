/** The wait for Redis (or for work on it) ran past its deadline: Redis stalls, or a connection to it does. */
export class RedisDeadlineError extends Error {
  constructor(what: string, ms: number) {
    super(`no answer from ${what} within ${ms} ms`);
    this.name = 'RedisDeadlineError';
  }
}

/**
 * Work given up on after `ms`: BullMQ's calls have no timeout of their own, and a queue still
 * reconnecting, or behind a half-open connection, can hold one indefinitely. The work itself is
 * not stopped; only the wait for it ends.
 */
export function withinMs<T>(work: Promise<T>, ms: number, what = 'Redis'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisDeadlineError(what, ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
