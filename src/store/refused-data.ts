/**
 * Whether a database refused a statement for the values it binds, rather than for being away:
 * such a statement is refused at every try, however long it waits. PostgreSQL's class 22 (data
 * exception: a value out of range, text it cannot encode) and class 23 (integrity constraint
 * violation), https://www.postgresql.org/docs/current/errcodes-appendix.html; SQLite's
 * SQLITE_CONSTRAINT (with its extended codes), SQLITE_MISMATCH and SQLITE_TOOBIG,
 * https://sqlite.org/rescode.html. An outage (store-outage.ts) is never one of these.
 */
export function isRefusedForItsData(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return /^2[23][0-9A-Z]{3}$/.test(code) || /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(code);
}
