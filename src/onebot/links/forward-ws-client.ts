import type WebSocket from 'ws';
import { wsPackage } from '../../net/ws-package.js';
import type { Logger } from '../../gateway/logger.js';
import { Backoff, type BackoffSettings } from './backoff.js';
import type { EventSink } from './onebot-link.js';
import { WebSocketActionLink } from './websocket-action-link.js';
import { defaultHeartbeatIntervalMs, keepAliveWithPings } from '../../net/websocket-heartbeat.js';
import { withJitter } from './jitter.js';

export interface ForwardWsSettings {
  url: string;
  accessToken?: string;
  reconnect: BackoffSettings;
  actionTimeoutMs: number;
  /** Larger messages close the connection with 1009 (and it is dialled again). */
  maxMessageBytes: number;
  /** From dialling until the WebSocket is open; past it the attempt fails and is tried again. */
  handshakeTimeoutMs?: number;
  /** Between pings of the open link; one that did not answer the previous ping is cut and dialled again. */
  pingIntervalMs?: number;
  /** How long a link must stay open before the reconnection delay starts again from `initialDelayMs`. */
  stableAfterMs?: number;
}

/**
 * ws waits for the handshake without end unless told (its `handshakeTimeout` has no default,
 * https://github.com/websockets/ws/blob/master/doc/ws.md#new-websocketaddress-protocols-options),
 * so a peer that takes the TCP connection and never answers the upgrade held the link forever.
 */
export const forwardWsHandshakeTimeoutMs = 10_000;

/**
 * An implementation sends `meta.connect` as soon as a connection opens
 * (https://12.onebot.dev/interface/meta/events/), so neither the open nor a first event shows that
 * the link works: one that accepts and closes at once was dialled again every second, forever.
 * A link counts as good once it stayed open this long.
 */
export const forwardWsStableAfterMs = 10_000;

/**
 * Forward WebSocket: the application connects to the implementation's server
 * (https://12.onebot.dev/connect/communication/websocket/) and, when the connection drops or
 * cannot be made, tries again after a growing delay until closed.
 */
export class ForwardWsClient {
  private readonly backoff: Backoff;
  private socket: WebSocket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stableTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly settings: ForwardWsSettings,
    private readonly events: EventSink,
    private readonly logger: Logger,
  ) {
    this.backoff = new Backoff(settings.reconnect);
  }

  start(): void {
    this.connect();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.stableTimer);
    this.socket?.terminate();
  }

  private connect(): void {
    if (this.closed) return;
    const headers: Record<string, string> = {};
    if (this.settings.accessToken) headers.authorization = `Bearer ${this.settings.accessToken}`;
    const { handshakeTimeoutMs = forwardWsHandshakeTimeoutMs, pingIntervalMs = defaultHeartbeatIntervalMs, stableAfterMs = forwardWsStableAfterMs } = this.settings;
    const socket = new (wsPackage())(this.settings.url, { headers, maxPayload: this.settings.maxMessageBytes, handshakeTimeout: handshakeTimeoutMs });
    this.socket = socket;
    const link = new WebSocketActionLink(socket, `forward-ws ${this.settings.url}`, this.events, this.settings.actionTimeoutMs);
    socket.on('open', () => {
      this.stableTimer = setTimeout(() => this.backoff.reset(), stableAfterMs);
      // A half-open link (the peer's host gone, a NAT that forgot the flow) is noticed and dialled again.
      keepAliveWithPings(socket, pingIntervalMs, () =>
        this.logger.warn('onebot connection silent: no answer to a ping', { transport: 'forward-ws', url: this.settings.url, pingIntervalMs }),
      );
      this.logger.info('onebot connected', { transport: 'forward-ws', url: this.settings.url });
    });
    // A refused dial and a peer breaking the protocol alike: ws has closed (1002, 1009) or never opened the socket.
    socket.on('error', (error: Error & { code?: string }) =>
      this.logger.warn('onebot connection failed', { transport: 'forward-ws', url: this.settings.url, code: error.code, error: error.message }),
    );
    socket.on('close', () => {
      clearTimeout(this.stableTimer);
      if (this.closed) return;
      const delay = withJitter(this.backoff.delay());
      this.logger.info('onebot reconnecting', { transport: 'forward-ws', url: this.settings.url, delayMs: delay });
      this.timer = setTimeout(() => this.connect(), delay);
    });
    void link;
  }
}
