import type { Compilable } from 'kysely';
import type { Store } from './open-store.js';
import { writeWhenUnlocked } from './sqlite-lock-wait.js';

/**
 * Runs one insert, update or delete made with the store's query builder; the rows it changed.
 * On SQLite it goes through `writeWhenUnlocked`: while another connection holds the file's write
 * lock (a worker of `serve --workers`, `interlingua keys`, a backup), it is tried again after
 * short pauses with the event loop free. Through Kysely it would wait in SQLite's busy handler,
 * which sleeps on the calling thread, here the event loop, and every request in the process
 * would wait with it for up to `sqliteBusyTimeoutMs`. `signal` stops the retries once the
 * caller has been answered (store-deadline.ts).
 */
export async function writeRows(store: Store, query: Compilable, signal?: AbortSignal): Promise<number> {
  const compiled = query.compile();
  const { sqlite } = store;
  if (sqlite === undefined) return Number((await store.db.executeQuery(compiled)).numAffectedRows ?? 0);
  return writeWhenUnlocked(sqlite, () => sqlite.prepare(compiled.sql).run(compiled.parameters).changes, undefined, signal);
}
