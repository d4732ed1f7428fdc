import { isConnectionLoss, isStoreOutage, isTimeout } from './store-outage.js';
import type { StoreLatency } from './store-latency.js';

/** The stores the gateway keeps state in, by the name health reports and metrics use. */
export type StoreName = 'database' | 'redis';

/** What availability needs of a log: one warning when a store goes, one line when it returns. */
export interface OutageLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  /** For what an operator must act on (a database file replaced under the gateway); a warning where absent. */
  error?(message: string, fields?: Record<string, unknown>): void;
}

/** Told of every failure (with what failed) and of each outage's start and end, for metrics. */
export interface OutageListener {
  failed?(store: StoreName, error: unknown): void;
  changed?(store: StoreName, away: boolean, outageMs: number): void;
}

/**
 * Whether one store is reachable, as the gateway last saw it. A failure marks it away at once
 * and starts a probe that tries it every `probeMs`; the first success marks it back. Callers
 * read `away` synchronously, so while a store is known to be gone no request waits on it: each
 * goes straight to its fallback instead of to a connection that would time out.
 * The warning is logged once per outage, not once per failed call.
 */
export class StoreAvailability {
  private awaySince: number | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private probing = false;
  private closed = false;
  private readonly listeners: OutageListener[] = [];
  private log: OutageLog | undefined;
  /** Round trips of the store's liveness checks, where it has them (Redis), so health can say it is slow. */
  latency: StoreLatency | undefined;
  /**
   * Where set, a call that failed only by timing out marks the store away once this check fails
   * too. A command's deadline timer fires before the process reads an answer that came while it
   * was busy (timers run before sockets are polled in Node's event loop,
   * https://nodejs.org/en/learn/asynchronous-work/event-loop-timers-and-nexttick), so on a loaded
   * host one stall of the gateway's own made a healthy Redis count as away for every request.
   */
  confirmTimeout: (() => Promise<void>) | undefined;
  /**
   * Where set, a failure that ended one connection (`isConnectionLoss`: a PostgreSQL backend
   * terminated by `pg_terminate_backend`, a pooler or an idle timeout) marks the store away only
   * once this check, on a fresh connection, fails too. A server that is up answers it, and the
   * pool has already dropped the dead connection; marking the store away instead refused every
   * request that needed it until the next probe, for one closed socket.
   */
  confirmConnectionLoss: (() => Promise<void>) | undefined;
  private confirming = false;

  constructor(
    readonly store: StoreName,
    private readonly probe: () => Promise<void>,
    private readonly probeMs = 500,
    private readonly now: () => number = Date.now,
  ) {}

  get away(): boolean {
    return this.awaySince !== undefined;
  }

  /** Milliseconds the current outage has lasted; 0 while the store is there. */
  outageMs(): number {
    return this.awaySince === undefined ? 0 : this.now() - this.awaySince;
  }

  useLog(log: OutageLog): void {
    this.log = log;
  }

  /** Logs, as an error, something about the store that is no outage but must be seen. */
  logError(message: string, fields?: Record<string, unknown>): void {
    if (this.log?.error !== undefined) this.log.error(message, fields);
    else this.log?.warn(message, fields);
  }

  listen(listener: OutageListener): void {
    this.listeners.push(listener);
  }

  /** A call to the store failed for want of the store (not for a bad query). */
  failed(error: unknown): void {
    for (const listener of this.listeners) listener.failed?.(this.store, error);
    if (this.closed || this.awaySince !== undefined) return;
    if (this.confirmTimeout !== undefined && isTimeout(error)) {
      void this.confirm(this.confirmTimeout, error);
      return;
    }
    if (this.confirmConnectionLoss !== undefined && isConnectionLoss(error)) {
      void this.confirm(this.confirmConnectionLoss, error);
      return;
    }
    this.markAway(error);
  }

  /** Marks the store away after a timeout or a lost connection only if `check` fails as well. */
  private async confirm(check: () => Promise<void>, error: unknown): Promise<void> {
    if (this.confirming) return;
    this.confirming = true;
    try {
      await check();
    } catch {
      if (!this.closed && this.awaySince === undefined) this.markAway(error);
    } finally {
      this.confirming = false;
    }
  }

  private markAway(error: unknown): void {
    this.awaySince = this.now();
    this.log?.warn(`${this.store} unavailable; serving from what this replica holds until it returns`, { store: this.store, error: String(error) });
    for (const listener of this.listeners) listener.changed?.(this.store, true, 0);
    this.scheduleProbe();
  }

  /**
   * `shared` while the store is there; `local` when it is known to be away or this call finds
   * it gone (which marks it away). A failure that is not an outage (a bad query) is thrown.
   */
  async attempt<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (this.awaySince === undefined) {
      try {
        return await shared();
      } catch (error) {
        if (!isStoreOutage(error)) throw error;
        this.failed(error);
      }
    }
    return local();
  }

  /** A call to the store succeeded. */
  succeeded(): void {
    const since = this.awaySince;
    if (since === undefined) return;
    this.awaySince = undefined;
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    const outageMs = this.now() - since;
    this.log?.info(`${this.store} available again`, { store: this.store, outageMs });
    for (const listener of this.listeners) listener.changed?.(this.store, false, outageMs);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
  }

  private scheduleProbe(): void {
    if (this.closed || this.probeTimer !== undefined) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      void this.runProbe();
    }, this.probeMs);
    this.probeTimer.unref();
  }

  private async runProbe(): Promise<void> {
    if (this.probing || this.awaySince === undefined) return;
    this.probing = true;
    try {
      await this.probe();
      this.succeeded();
    } catch {
      this.scheduleProbe();
    } finally {
      this.probing = false;
    }
  }
}
