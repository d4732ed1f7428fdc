/**
 * How long a shutdown may spend closing after its drain and cut (usage written, plugin queue,
 * Redis and database connections closed). Each of those steps has its own bound; this one holds
 * whatever was missed: a shutdown during a Redis outage once waited on a reconnecting client
 * for ever, and an orchestrator's SIGKILL at the end of its grace period lost what was not
 * written by then, usage and waiting plugin jobs included.
 */
export const shutdownCloseMs = 10_000;
/** How long the process may stay once everything is closed, before it exits anyway (a handle some library left open). */
export const shutdownLingerMs = 2_000;

/**
 * Runs `onLate` after `ms` unless the returned function is called first. The timer does not
 * itself keep the process running: a process that ends on time never sees it.
 */
export function exitDeadline(ms: number, onLate: () => void): () => void {
  const timer = setTimeout(onLate, ms);
  timer.unref();
  return () => clearTimeout(timer);
}
