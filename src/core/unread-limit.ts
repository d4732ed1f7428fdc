/** What a WebSocket sender needs to bound what its peer leaves unread: ws's `WebSocket`, without an import of ws. */
export interface BufferedSocket {
  readonly readyState: number;
  /** Bytes handed to `send()` that the socket has not yet given to the kernel. */
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** Stops reading the socket (ws 8 https://github.com/websockets/ws/blob/master/doc/ws.md#websocketpause). */
  pause(): void;
}

/**
 * 1008 Policy Violation (RFC 6455 section 7.4.1, https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1):
 * the generic code for a peer that broke the endpoint's rules, here "read what you are sent" (and, for the realtime socket, "do not flood").
 * Not 1013 Try Again Later (IANA's registry, https://www.iana.org/assignments/websocket/websocket.xhtml):
 * that one speaks of a server shedding load, invites the same client straight back, and is a
 * server's word where the gateway is also the client (to OneBot bot applications).
 */
export const policyViolationCode = 1008;

/** `WebSocket.OPEN` in ws and in the WHATWG API. */
const open = 1;

export type UnreadLimitOutcome = 'sent' | 'closed' | 'not-open';

/**
 * Sends `text` unless the peer already leaves more than `limit` bytes unread; then closes it
 * with 1008, stops reading it, and says `'closed'` (once: after that the socket is no longer
 * open). Every message a peer can cause an answer to (or a result pushed to it) would otherwise
 * wait in the gateway's memory for as long as the peer chooses not to read. A peer that reads
 * keeps its backlog near zero, since the kernel takes what Node writes as fast as the network
 * carries it; one message is always sent onto a backlog under the limit, however large it is.
 *
 * Why close rather than only pause reading until the backlog drains: results are pushed whether
 * or not the peer sends anything, so only a close bounds them, and ws has no public drain event
 * to resume on. Why also pause: a peer past the limit has shown it does not read, and reading
 * what it goes on sending would only cost CPU (a flood of 3 million one-byte messages kept the
 * event loop busy for seconds more). The close frame goes out behind the backlog; the peer's
 * answer to it is not read, so ws ends the connection at its `closeTimeout` (30 s).
 */
export function sendWithinUnreadLimit(socket: BufferedSocket, text: string, limit: number): UnreadLimitOutcome {
  if (socket.readyState !== open) return 'not-open';
  if (socket.bufferedAmount > limit) {
    socket.close(policyViolationCode, `more than ${limit} bytes sent and left unread`);
    socket.pause();
    return 'closed';
  }
  socket.send(text);
  return 'sent';
}
