import type { ServerResponse } from 'node:http';
import type { StoreAvailability } from '../store/store-availability.js';
import { sendJson } from './http-io.js';

/**
 * `/health` answers 200 while the gateway can answer requests, which it does while a store is
 * away (from what it holds), so load balancers keep sending it traffic; the body says
 * `degraded` and names the stores away. `/ready` and `/health?strict=1` answer 503 then, for
 * orchestrators that would rather drain a replica until its stores are back.
 */
export function sendHealth(stores: readonly StoreAvailability[], strict: boolean, response: ServerResponse): void {
  const away = stores.filter((store) => store.away);
  if (away.length === 0) return sendJson(response, 200, { status: 'ok' });
  const body = { status: 'degraded', away: away.map((store) => ({ store: store.store, forMs: store.outageMs() })) };
  sendJson(response, strict ? 503 : 200, body, { 'cache-control': 'no-store' });
}
