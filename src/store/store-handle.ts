import { sql } from 'kysely';
import type { DatabaseLocation } from './database-url.js';
import { openStore, type Store } from './open-store.js';
import { StoreAvailability } from './store-availability.js';
import { readAgainOnConnectionLoss } from './connection-loss-retry.js';
import { isSqliteWriteFailure } from './sqlite-write-failure.js';
import { isLockHeldElsewhere, writeWithoutWaiting } from './sqlite-lock-wait.js';
import { StoreDeadlineError } from './store-deadline.js';
import { fileCheckIntervalMs, fileIdentity, SqliteFileWatch, type FileIdentity } from './sqlite-file-watch.js';

/** What a handle may be told beside its location; the tests check the file more often. */
export interface StoreHandleOptions {
  /** How often an SQLite file's path is checked for the file being deleted or replaced. */
  fileCheckMs?: number;
}

/**
 * Opens the store once, on first use or at start, and shares it. A gateway that never keeps
 * anything (no stored responses, no keys) never opens a database at all. `availability` says
 * whether the database answers now; while it does not, it is probed with `select 1`.
 *
 * On SQLite a read is no proof of a write: on a full disk, a read-only file or under another
 * process's write lock, `select 1` succeeds while every usage batch fails. Probed by it, the file
 * came back every 500 ms and went again at the next batch (119 outages logged a minute on a full
 * disk). So an outage a failed write began ends only when a write succeeds (the usage writer's
 * next batch, tried every second while records wait); a read error is still probed by a read.
 * A write given up on at its deadline counts as a failed write: on SQLite it waited for another
 * process's write lock, and the `select 1` that succeeded meanwhile ended the outage twice a
 * second while the lock was still held. Such an outage is probed by taking the write lock.
 *
 * An SQLite file deleted or replaced while open (`rm`, a backup restored with `mv`) is found
 * within a second (sqlite-file-watch.ts): it is logged as an error and the database is opened
 * again at its path (a new empty file migrated), so what is written from then on, the usage
 * records still queued included, goes to the file on disk, and keys changed there are seen.
 * Every user asks `get()` for the store at each use, so none holds on to the old one.
 */
export class StoreHandle {
  private opening: Promise<Store> | undefined;
  readonly availability: StoreAvailability;
  /** The SQLite write failure that began the current outage, until a write succeeds. */
  private failedWrite: unknown;
  private watch: SqliteFileWatch | undefined;
  private closed = false;
  private readonly reopenListeners: Array<(path: string) => void> = [];

  constructor(
    readonly location: DatabaseLocation,
    private readonly options: StoreHandleOptions = {},
  ) {
    this.availability = new StoreAvailability('database', () => this.probe());
    if (location.kind === 'postgres') this.availability.confirmConnectionLoss = () => readAgainOnConnectionLoss(() => this.probe());
    if (location.kind === 'sqlite') {
      this.availability.listen({
        failed: (_store, error) => {
          if (isSqliteWriteFailure(error) || error instanceof StoreDeadlineError) this.failedWrite = error;
        },
        changed: (_store, away) => {
          if (!away) this.failedWrite = undefined;
        },
      });
    }
  }

  get(): Promise<Store> {
    if (this.opening === undefined) this.use(this.open());
    return this.opening!;
  }

  /** Called with the file's path each time the database was opened again after its file was deleted or replaced. */
  onReopened(listener: (path: string) => void): void {
    this.reopenListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watch?.stop();
    this.availability.close();
    const opening = this.opening;
    this.opening = undefined;
    if (opening === undefined) return;
    const store = await opening.catch(() => undefined);
    await store?.close();
  }

  /** `opening` as the store every caller gets from now on; a failed open is tried again by the next caller rather than remembered forever. */
  private use(opening: Promise<Store>): void {
    this.opening = opening;
    opening.catch(() => {
      if (this.opening === opening) this.opening = undefined;
    });
  }

  private async open(): Promise<Store> {
    const store = await openStore(this.location, this.availability);
    if (this.closed) return store;
    const path = this.location.kind === 'sqlite' ? this.location.path : ':memory:';
    const opened = path === ':memory:' ? undefined : fileIdentity(path);
    if (opened !== undefined) {
      const watch = new SqliteFileWatch(path, opened, (now) => this.replaced(store, watch, path, now), this.options.fileCheckMs ?? fileCheckIntervalMs);
      this.watch = watch;
    }
    return store;
  }

  /**
   * The file at `path` is no longer the one `old` has open. The old file's write-ahead log beside
   * the path is deleted (sqlite-file-watch.ts `removeLeftovers`), and the old connection and its
   * checkpointing thread closed, before the file now at the path is opened.
   */
  private replaced(old: Store, watch: SqliteFileWatch, path: string, now: FileIdentity | undefined): void {
    if (this.closed) return;
    this.availability.logError(
      now === undefined
        ? `the SQLite database ${path} was deleted while the gateway had it open; a new database is made at that path, and what was written to the deleted file since the last check is lost`
        : `the SQLite database ${path} was replaced while the gateway had it open; the file now at that path is opened, and what was written to the replaced file since the last check is lost`,
      { file: path, store: 'database' },
    );
    this.use(
      (async () => {
        // A caller handed the old store a moment ago finishes its synchronous step on it first.
        await new Promise<void>((resolve) => setImmediate(resolve));
        // Unlinked first, while the old connections still hold them: nothing they do as they close
        // can then reach the new file through the path (sqlite-file-watch.ts `removeLeftovers`).
        const removed = watch.removeLeftovers();
        if (removed.length > 0) this.availability.logError(`the write-ahead log of the SQLite database ${path} that was replaced or deleted is deleted, so the file now there is not read through it`, { file: path, deleted: removed });
        await old.close().catch(() => undefined);
        const store = await this.open();
        for (const listener of this.reopenListeners) listener(path);
        return store;
      })(),
    );
  }

  private async probe(): Promise<void> {
    const store = await this.get();
    await sql`select 1`.execute(store.db);
    const failedWrite = this.failedWrite;
    if (failedWrite === undefined) return;
    // An outage another process's write lock began ends once the lock can be taken.
    if (store.sqlite !== undefined && (isLockHeldElsewhere(failedWrite) || failedWrite instanceof StoreDeadlineError)) {
      const { sqlite } = store;
      writeWithoutWaiting(sqlite, () => sqlite.exec('BEGIN IMMEDIATE'));
      sqlite.exec('ROLLBACK');
      return;
    }
    throw failedWrite;
  }
}
