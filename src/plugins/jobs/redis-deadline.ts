/**
 * Work given up on after `ms`: BullMQ's calls have no timeout of their own, and a queue still
 * reconnecting, or behind a half-open connection, can hold one indefinitely. The work itself is
 * not stopped; only the wait for it ends.
 */
export function withinMs<T>(work: Promise<T>, ms: number, what = 'Redis'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
