import { closedPort } from '../../support/closed-port.js';

/**
 * A port free on 127.0.0.1 now, for a server the test starts itself (a private PostgreSQL or
 * Redis). Taken below the ephemeral range, as closedPort explains: a port released from `listen(0)`
 * may be given to another test's server before this one binds it.
 */
export function freePort(): Promise<number> {
  return closedPort();
}
