import { sql } from 'kysely';
import type { DatabaseLocation } from './database-url.js';
import { openStore, type Store } from './open-store.js';
import { StoreAvailability } from './store-availability.js';

/**
 * Opens the store once, on first use or at start, and shares it. A gateway that never keeps
 * anything (no stored responses, no keys) never opens a database at all. `availability` says
 * whether the database answers now; while it does not, it is probed with `select 1`.
 */
export class StoreHandle {
  private opening: Promise<Store> | undefined;
  readonly availability: StoreAvailability;

  constructor(readonly location: DatabaseLocation) {
    this.availability = new StoreAvailability('database', async () => {
      await sql`select 1`.execute((await this.get()).db);
    });
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
}
