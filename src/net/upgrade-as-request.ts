import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Serves a request that asked to switch protocols, and that no WebSocket endpoint took, as the
 * ordinary HTTP/1.1 request it also is. RFC 9110 section 7.8 lets a server ignore `Upgrade`
 * (https://www.rfc-editor.org/rfc/rfc9110#section-7.8): `curl --http2` sends `Upgrade: h2c` to
 * every http:// URL, and a caller's POST must not turn into an empty 404 for it.
 *
 * Node hands an upgrade request to the server's `upgrade` listeners with the socket already taken
 * from its HTTP parser and only the request's head parsed. So the head is written out again
 * without `Upgrade` (and without the `upgrade` option of `Connection`), put back in front of the
 * bytes read after it, and the socket is given to the server as a new connection (the documented
 * way to inject one, https://nodejs.org/api/http.html#event-connection): Node's own parser then
 * reads the request, its body (by length or chunked), the requests that follow on a kept-alive
 * connection, and the server's timeouts and `request` listeners apply as to any other.
 *
 * `after` is an answer to an earlier request on the connection that Node has not let go of yet
 * (pipelined requests). Node queues each answer behind the one before it in its parser's state,
 * and a socket given as a new connection starts a new state whose queue never hears that the old
 * answer ended: every answer after it waited forever. So the request is served once that answer's
 * 'finish' (or 'close') has come; until then the bytes that follow stay unread in the socket.
 */
export function serveUpgradeAsRequest(server: Server, request: IncomingMessage, socket: Duplex, head: Buffer, after?: ServerResponse): void {
  const serve = (): void => {
    socket.unshift(Buffer.concat([Buffer.from(headWithoutUpgrade(request), 'latin1'), head]));
    server.emit('connection', socket);
  };
if (after === undefined) return serve();
  const whenOut = (): void => {
    after.off('finish', whenOut);
    after.off('close', whenOut);
    if (!socket.destroyed) serve();
  };
  after.once('finish', whenOut);
  after.once('close', whenOut);
}

/** The request line and header lines as received (Node keeps them as latin1 text), less the upgrade. */
function headWithoutUpgrade(request: IncomingMessage): string {
  let text = `${request.method ?? 'GET'} ${request.url ?? '/'} HTTP/${request.httpVersion}\r\n`;
  const raw = request.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] ?? '';
    let value = raw[index + 1] ?? '';
    const lower = name.toLowerCase();
    if (lower === 'upgrade') continue;
    if (lower === 'connection') {
      value = value
        .split(',')
        .map((option) => option.trim())
        .filter((option) => option !== '' && option.toLowerCase() !== 'upgrade')
        .join(', ');
      if (value === '') continue;
    }
    text += `${name}: ${value}\r\n`;
  }
  return `${text}\r\n`;
}
