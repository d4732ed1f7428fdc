import { InterlinguaError } from '../interlingua/error.js';
import type { StoreName } from './store-availability.js';

/** Thrown where a request needs a store that is known to be away, without trying it. */
export class StoreAwayError extends Error {
  constructor(readonly store: StoreName) {
    super(`the ${store} is unavailable`);
    this.name = 'StoreAwayError';
  }
}

/** Socket errors that mean the server is gone or unreachable, not that a query was wrong. */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/**
 * PostgreSQL SQLSTATEs of a server going or gone: class 08 (connection exception), 57P01-57P03
 * (admin shutdown, crash shutdown, cannot connect now), 53300 (too many connections).
 * Reference: https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
function isPostgresOutageCode(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/**
 * Messages node-postgres and ioredis raise without a code when their connection is gone
 * (node_modules/pg/lib/client.js, pg-pool/index.js; ioredis/built/Redis.js, errors/MaxRetriesPerRequestError.js).
 */
const outageMessages = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /^Query read timeout/,
  /is not queryable/,
  /Cannot use a pool after calling end/,
  /^Connection is closed/,
  /enableOfflineQueue options is false/,
  /^Command timed out/,
  /Reached the max retries per request limit/,
];

/** Whether a call failed only because its answer did not come in time (ioredis's `commandTimeout`). */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && /^Command timed out/.test(error.message);
}

/**
 * Whether a failure ended one connection rather than showing the server gone: PostgreSQL's
 * 57P01 (admin_shutdown, what `pg_terminate_backend` and a server's shutdown both send), or the
 * socket closing under node-postgres ("Connection terminated unexpectedly", a reset, and "… is
 * not queryable" for a query sent on a client that had already failed). Which of
 * the two it was, only a new connection tells.
 */
export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === '57P01' || code === 'ECONNRESET' || /^Connection terminated|is not queryable/.test(error.message);
}

/** SQLite result codes of a file that cannot be used now (locked, full, unreadable), https://sqlite.org/rescode.html. */
const sqliteOutageCodes = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY)/;

/** Whether an error means a store could not be reached, rather than a fault in the gateway or the query. */
export function isStoreOutage(error: unknown): boolean {
  if (error instanceof StoreAwayError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (socketCodes.has(code) || isPostgresOutageCode(code) || sqliteOutageCodes.test(code))) return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  if (outageMessages.some((pattern) => pattern.test(error.message))) return true;
  if (error instanceof AggregateError) return error.errors.some(isStoreOutage);
  return error.cause !== undefined && error.cause !== error && isStoreOutage(error.cause);
}

/** The 503 a caller gets, in its own dialect, when a store its request needs is away. */
export function storeUnavailable(cause: unknown): InterlinguaError {
  const store = cause instanceof StoreAwayError ? cause.store : undefined;
  const what = store === 'redis' ? 'Redis' : 'database';
  return new InterlinguaError('store_unavailable', `The gateway's ${what} is unavailable for a moment; retry shortly.`, { retryable: true, retryAfterMs: 1000, cause });
}
