import type { ServerResponse } from 'node:http';
import type { StoreAvailability } from '../store/store-availability.js';
import { sendJson } from './http-io.js';

/**
 * `/health` answers 200 while the gateway can answer requests, which it does while a store is
 * away (from what it holds), so load balancers keep sending it traffic; the body says
 * `degraded` and names the stores away. `/ready` and `/health?strict=1` answer 503 then, for
 * orchestrators that would rather drain a replica until its stores are back.
 *
 * A store that answers, but slowly for a while (store-latency.ts), is named under `slow` with
 * its latest round trip: every request that waits on it is that much slower, which `ok` would
 * hide. It keeps `/ready` at 200: replicas share their stores, so draining one for a slow store
 * moves its traffic to others that wait on the same store.
 */
export function sendHealth(stores: readonly StoreAvailability[], strict: boolean, response: ServerResponse): void {
  const away = stores.filter((store) => store.away);
  const slow = stores.filter((store) => !store.away && store.latency?.slow === true);
  if (away.length === 0 && slow.length === 0) return sendJson(response, 200, { status: 'ok' });
  const body = {
    status: 'degraded',
    ...(away.length > 0 ? { away: away.map((store) => ({ store: store.store, forMs: store.outageMs() })) } : {}),
    ...(slow.length > 0 ? { slow: slow.map((store) => ({ store: store.store, latencyMs: Math.round(store.latency?.latestMs ?? 0) })) } : {}),
  };
  sendJson(response, strict && away.length > 0 ? 503 : 200, body, { 'cache-control': 'no-store' });
}
