import type { StoreAvailability, StoreName } from './store-availability.js';
import { isStoreOutage, StoreAwayError } from './store-outage.js';

/**
 * How long a caller waits on the database (README, "One process or many": a store that stalls is
 * given up on after 1 s). PostgreSQL's own read timeout is far longer (open-store.ts), as the
 * usage writer's batches run off any request's path and may take their time.
 */
export const storeDeadlineMs = 1_000;

/** A call given up on at its deadline: the store counts as away from then on, like one that refused. */
export class StoreDeadlineError extends StoreAwayError {
  constructor(store: StoreName, ms: number) {
    super(store);
    this.name = 'StoreDeadlineError';
    this.message = `the ${store} did not answer within ${ms} ms`;
  }
}

/**
 * The work, or a `StoreDeadlineError` once `ms` have passed without an answer; `signal` is
 * aborted then, so work that is still waiting its turn (a lock held elsewhere) stops rather than
 * doing later what the caller was told failed.
 */
export function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, store: StoreName = 'database'): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new StoreDeadlineError(store, ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  return Promise.race([work(controller.signal), late]).finally(() => clearTimeout(timer));
}

/**
 * The database calls a caller waits on: a key lookup, a stored Responses turn (read, written,
 * deleted), the admin API's keys, a budget not yet counted. While the database is known to be
 * away they are refused at once; otherwise each is given up on after `storeDeadlineMs`, and a
 * call that failed for want of the database (its deadline included) marks it away, so that the
 * callers after it do not wait as well. A PostgreSQL query given up on goes on until the
 * server answers or the pool's read timeout discards its connection (open-store.ts).
 */
export class StoreDeadline {
  constructor(
    readonly availability?: StoreAvailability,
    readonly ms: number = storeDeadlineMs,
  ) {}

  /** Throws a `StoreAwayError` while the store is known to be away. */
  check(): void {
    if (this.availability?.away === true) throw new StoreAwayError(this.availability.store);
  }

  async run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.check();
    try {
      return await withDeadline(work, this.ms, this.availability?.store);
    } catch (error) {
      if (isStoreOutage(error)) this.availability?.failed(error);
      throw error;
    }
  }
}

/**
 * `work` under the deadline when there is one (the gateway's); at once otherwise, as for
 * `interlingua keys`, which may wait as long as the database takes.
 */
export function withinDeadline<T>(deadline: StoreDeadline | undefined, work: (signal?: AbortSignal) => Promise<T>): Promise<T> {
  return deadline === undefined ? work() : deadline.run(work);
}
