import { postgresPoolSize } from './open-store.js';
import { isConnectionLoss } from './store-outage.js';

/**
 * A read tried again while it fails only because the connection it was given had been ended
 * (`isConnectionLoss`: a PostgreSQL backend terminated by `pg_terminate_backend`, a pooler or a
 * failover tool, a reset socket). The pool drops each such connection, so the next try takes
 * another, and a new one once the ended ones are gone; a server that is itself gone refuses that
 * new connection with another error, which ends the loop at once. Backends terminated together
 * may still sit idle in the pool until each one's error event is read, hence as many tries as
 * the pool holds connections. Reads only: whether a write on an ended connection committed
 * cannot be known.
 */
export async function readAgainOnConnectionLoss<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (!isConnectionLoss(error) || attempt > postgresPoolSize) throw error;
    }
  }
}
