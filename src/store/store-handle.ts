import { sql } from 'kysely';
import type { DatabaseLocation } from './database-url.js';
import { openStore, type Store } from './open-store.js';
import { StoreAvailability } from './store-availability.js';
import { isSqliteWriteFailure } from './sqlite-write-failure.js';

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
 */
export class StoreHandle {
  private opening: Promise<Store> | undefined;
  readonly availability: StoreAvailability;
  /** The SQLite write failure that began the current outage, until a write succeeds. */
  private failedWrite: unknown;

  constructor(readonly location: DatabaseLocation) {
    this.availability = new StoreAvailability('database', () => this.probe());
    if (location.kind === 'sqlite') {
      this.availability.listen({
        failed: (_store, error) => {
          if (isSqliteWriteFailure(error)) this.failedWrite = error;
        },
        changed: (_store, away) => {
          if (!away) this.failedWrite = undefined;
        },
      });
    }
  }

  get(): Promise<Store> {
    if (this.opening === undefined) {
      this.opening = openStore(this.location, this.availability);
      // A failed open is tried again by the next caller rather than remembered forever.
      this.opening.catch(() => {
        this.opening = undefined;
      });
    }
    return this.opening;
  }

  async close(): Promise<void> {
    this.availability.close();
    const opening = this.opening;
    this.opening = undefined;
    if (opening === undefined) return;
    const store = await opening.catch(() => undefined);
    await store?.close();
  }

  private async probe(): Promise<void> {
    await sql`select 1`.execute((await this.get()).db);
    if (this.failedWrite !== undefined) throw this.failedWrite;
  }
}
