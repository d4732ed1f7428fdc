/**
 * SQLite result codes a write meets while a read still succeeds: a full disk (SQLITE_FULL), a
 * read-only file or file system (SQLITE_READONLY_*), another process holding the write lock past
 * the wait (SQLITE_BUSY_*), and failed writes or syncs (SQLITE_IOERR_*, which a read from the page
 * cache does not see). https://sqlite.org/rescode.html
 */
const writeFailureCodes = /^SQLITE_(FULL|READONLY|BUSY|IOERR)/;

/** Whether an error (or its cause) is one of SQLite's failures that only a write meets. */
export function isSqliteWriteFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && writeFailureCodes.test(code)) return true;
  return error.cause !== undefined && error.cause !== error && isSqliteWriteFailure(error.cause);
}
