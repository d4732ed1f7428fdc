/**
 * Whether a write was refused for a value a UNIQUE constraint already holds: PostgreSQL's SQLSTATE
 * 23505 `unique_violation` (https://www.postgresql.org/docs/current/errcodes-appendix.html, set as
 * `code` by node-postgres), or SQLite's extended result code SQLITE_CONSTRAINT_UNIQUE
 * (https://sqlite.org/rescode.html#constraint_unique), which better-sqlite3 gives as the
 * `SqliteError`'s `code` (https://github.com/WiseLibs/better-sqlite3/issues/686). Which column
 * it was is left to the caller to find out: SQLite names it only in its message's text.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
