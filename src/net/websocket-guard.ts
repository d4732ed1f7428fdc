import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import type { Logger } from '../gateway/logger.js';

/**
 * What one peer can do to a WebSocket or raw upgrade socket is confined to that socket: an
 * emitter with no `'error'` listener throws the error, which ends the whole process.
 */

/**
 * Logs a WebSocket's error and lets it go. ws emits `'error'` when the peer breaks the protocol
 * (a reserved opcode, an unmasked client frame, a message over `maxPayload`); it has by then sent
 * the close frame RFC 6455 asks for (1002 protocol error, 1009 too big; section 7.4.1,
 * https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1) and ends the socket once it is written.
 * A socket still open after an error (a client whose handshake failed has none) is cut here.
 */
export function guardWebSocket(webSocket: WebSocket, logger: Logger, where: Record<string, unknown>): void {
  webSocket.on('error', (error: Error & { code?: string }) => {
    logger.warn('websocket closed after an error', { ...where, code: error.code, error: error.message });
    if (webSocket.readyState === webSocket.OPEN) webSocket.terminate();
  });
}

/**
 * Node's HTTP server takes its `'error'` listener off a socket it hands to `'upgrade'`
 * (https://nodejs.org/api/http.html#event-upgrade): a peer that resets the connection while
 * the upgrade is refused or still being authorized would otherwise end the process.
 * ws adds listeners of its own once it takes the socket; this one stays and only destroys it.
 */
export function guardUpgradeSocket(socket: Duplex, logger: Logger): void {
  // Once a socket: a keep-alive connection served as a request after each `Upgrade: h2c` comes
  // here again with every request it carries, and a listener each would pile up without end.
  if (guarded.has(socket)) return;
  guarded.add(socket);
  socket.on('error', (error: Error & { code?: string }) => {
    logger.debug('upgrade socket failed', { code: error.code, error: error.message });
    socket.destroy();
  });
}

const guarded = new WeakSet<Duplex>();
