import { execFileSync } from 'node:child_process';
import { postgresServer } from './postgres-database.js';

/**
 * Ends every connection to the database `databaseName` while this process's event loop is held
 * (psql runs synchronously, and waits for each backend to exit), so the pool still holds the
 * ended connections as idle when the next reads take them, and each read's query is what first
 * meets the end. Hence the tests call the store's users directly: an HTTP request waits on I/O
 * first, in which the pool may hear of the ends.
 */
export function endConnectionsUnheard(databaseName: string): void {
  execFileSync('psql', [postgresServer, '-Atc', `select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = '${databaseName}' and pid <> pg_backend_pid()`]);
}
