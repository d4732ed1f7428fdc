import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { wsPackage } from '../../net/ws-package.js';
import type { Logger } from '../../gateway/logger.js';
import { pathOf, presentsAccessToken } from './access-token.js';
import type { EventSink } from './onebot-link.js';
import { WebSocketActionLink } from './websocket-action-link.js';
import { guardWebSocket } from '../../net/websocket-guard.js';
import { defaultHeartbeatIntervalMs, keepAliveWithPings } from '../../net/websocket-heartbeat.js';

export interface ReverseWsSettings {
  path: string;
  accessToken?: string;
  actionTimeoutMs: number;
  /** Larger messages close the connection with 1009. */
  maxMessageBytes: number;
  /** How often the link is pinged; one that leaves a ping unanswered is closed. */
  pingIntervalMs?: number;
}

/**
 * Reverse WebSocket: the implementation connects to us
 * (https://12.onebot.dev/connect/communication/websocket-reverse/), offering the subprotocol
 * `12.<impl>` and its token in `Authorization` or, when it cannot set headers, `access_token` in
 * the query. The offered subprotocol is accepted; an implementation that offers none is let in
 * too. Reconnecting is the implementation's job; each new connection is simply a new link.
 */
export class ReverseWsEndpoint {
  private readonly server: WebSocketServer;

  constructor(
    private readonly settings: ReverseWsSettings,
    private readonly events: EventSink,
    private readonly logger: Logger,
  ) {
    this.server = new (wsPackage().WebSocketServer)({
      noServer: true,
      maxPayload: settings.maxMessageBytes,
      handleProtocols: (protocols) => [...protocols].find((protocol) => /^12\./.test(protocol)) ?? false,
    });
  }

  /** Takes the upgrade when it is for this endpoint's path; false leaves it to others. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (pathOf(request.url) !== this.settings.path) return false;
    if (!presentsAccessToken(this.settings.accessToken, request.headers, request.url ?? '/')) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    this.server.handleUpgrade(request, socket, head, (webSocket) => {
      const impl = webSocket.protocol.replace(/^12\./, '') || 'unknown';
      this.logger.info('onebot connected', { transport: 'reverse-ws', path: this.settings.path, impl });
      guardWebSocket(webSocket, this.logger, { transport: 'reverse-ws', path: this.settings.path, impl });
      // An implementation gone without a FIN (its host down, a NAT that forgot the flow) would
      // otherwise keep its link, and what is sent to it would wait out the action timeout and be lost.
      const pingIntervalMs = this.settings.pingIntervalMs ?? defaultHeartbeatIntervalMs;
      keepAliveWithPings(webSocket, pingIntervalMs, () =>
        this.logger.warn('onebot connection silent: no answer to a ping', { transport: 'reverse-ws', path: this.settings.path, impl, pingIntervalMs }),
      );
      new WebSocketActionLink(webSocket, `reverse-ws ${this.settings.path} (${impl})`, this.events, this.settings.actionTimeoutMs);
    });
    return true;
  }

  close(): void {
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }
}
