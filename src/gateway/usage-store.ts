import type { Store } from '../store/open-store.js';
import type { StoreHandle } from '../store/store-handle.js';
import { StoreAwayError } from '../store/store-outage.js';

/**
 * The database for an admin route that reads usage records: refused at once while it is known to
 * be away, as every call a caller waits on is, but without the caller's deadline
 * (store-deadline.ts): a day of records or a CSV export may rightly take longer than a key
 * lookup, and a slow report must not mark the database away for every request.
 */
export async function usageStore(store: StoreHandle): Promise<Store> {
  if (store.availability.away) throw new StoreAwayError('database');
  return store.get();
}
