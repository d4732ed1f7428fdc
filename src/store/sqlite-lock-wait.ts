import type SqliteDatabase from 'better-sqlite3';

/**
 * How long a statement waits for a file's write lock that another connection holds (another
 * worker of `serve --workers`, `interlingua keys`). SQLite's busy handler waits asleep on the
 * calling thread, which here is the event loop: the writes that run with requests
 * (`writeWhenUnlocked`) do not wait this way.
 */
export const sqliteBusyTimeoutMs = 5_000;

/** SQLite's answer to a statement that needs a write lock another connection holds (https://sqlite.org/rescode.html#busy). */
export function isLockHeldElsewhere(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * The pauses of a write waiting for another connection's lock: short at first (a usage batch
 * holds it for under a millisecond), doubling to at most 100 ms, each drawn at random around its
 * length so that two writers do not keep meeting. Undefined once the lock has been waited for
 * `limitMs` in all: the file then counts as unavailable, like any failed write.
 */
export class LockWait {
  private since: number | undefined;
  private pauses = 0;

  constructor(private readonly limitMs: number = sqliteBusyTimeoutMs) {}

  pause(): number | undefined {
    const now = Date.now();
    this.since ??= now;
    if (now - this.since >= this.limitMs) return undefined;
    const step = Math.min(100, 2 ** this.pauses++);
    return step * (0.5 + Math.random());
  }

  taken(): void {
    this.since = undefined;
    this.pauses = 0;
  }
}

/**
 * Runs a synchronous write that fails with SQLITE_BUSY at once, instead of sleeping, when the lock
 * is held elsewhere. The pragma is prepared anew each time (about 3 µs): SQLite sets the busy
 * timeout while it prepares the statement, so a prepared one run again sets nothing.
 */
export function writeWithoutWaiting<T>(sqlite: SqliteDatabase.Database, write: () => T): T {
  sqlite.pragma('busy_timeout = 0');
  try {
    return write();
  } finally {
    sqlite.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`);
  }
}

/**
 * Runs a synchronous write once the lock is free, trying again after each pause with the event
 * loop free. Once `signal` is aborted (the caller was told it failed) it is not tried again.
 */
export async function writeWhenUnlocked<T>(sqlite: SqliteDatabase.Database, write: () => T, limitMs = sqliteBusyTimeoutMs, signal?: AbortSignal): Promise<T> {
  const lock = new LockWait(limitMs);
  for (;;) {
    signal?.throwIfAborted();
    try {
      return writeWithoutWaiting(sqlite, write);
    } catch (error) {
      if (!isLockHeldElsewhere(error)) throw error;
      const pause = lock.pause();
      if (pause === undefined) throw namingLockHolder(error, sqlite.name);
      await delay(pause);
    }
  }
}

/**
 * SQLite's "database is locked" names no file and no reason; `interlingua keys` printed only
 * that. The error keeps its class and code (SQLITE_BUSY), which the outage checks read.
 */
export function namingLockHolder(error: unknown, path: string): unknown {
  if (!(error instanceof Error) || error.message.includes(path)) return error;
  error.message = `the SQLite database ${path} is locked: another process holds its write lock (${error.message}); try again once it is done`;
  return error;
}

export function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
