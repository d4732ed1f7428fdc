import { postgresPoolSize } from './open-store.js';
import { isConnectionLoss } from './store-outage.js';

/**
 * A read tried again while it fails only because the connection it was given had been ended
 * (`isConnectionLoss`: a PostgreSQL backend terminated by `pg_terminate_backend`, a pooler or a
 * failover tool, a reset socket). The pool drops each such connection, so the next try takes
 * another, and a new one once the ended ones are gone; a server that is itself gone refuses that
 * new connection with another error, which ends the loop at once. Backends terminated together
 * may still sit idle in the pool until each one's error event is read, hence as many tries as
 * the pool holds connections. A write goes through `writeAgainOnConnectionLoss` instead.
 */
export async function readAgainOnConnectionLoss<T>(read: () => Promise<T>): Promise<T> {
  return againOnConnectionLoss(read);
}

/**
 * A write tried again, as a read is, while it fails only because its connection had been ended.
 * Whether a write sent on such a connection committed cannot be known: the server may have
 * committed it and ended the connection before its answer came. So only a write that is the same
 * sent twice as once may come here: an insert of a row whose key was chosen before the first try,
 * which skips a row already stored; an update that sets values rather than adds to them; a delete.
 * `attempt` (1 for the first try) tells the write whether an earlier try may have committed, for a
 * write whose answer (how many rows it changed) a committed earlier try would change. Once
 * `signal` is aborted (the caller was told the write failed, store-deadline.ts) it is not sent
 * again, so that what the caller heard failed is not done later.
 */
export async function writeAgainOnConnectionLoss<T>(write: (attempt: number) => Promise<T>, signal?: AbortSignal): Promise<T> {
  return againOnConnectionLoss(write, signal);
}

async function againOnConnectionLoss<T>(work: (attempt: number) => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!isConnectionLoss(error) || attempt > postgresPoolSize || signal?.aborted === true) throw error;
    }
  }
}
