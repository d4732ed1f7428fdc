import type WebSocket from 'ws';
import { wsPackage } from '../../net/ws-package.js';
import type { Logger } from '../../gateway/logger.js';
import { Backoff, type BackoffSettings } from './backoff.js';
import type { EventSink } from './onebot-link.js';
import { WebSocketActionLink } from './websocket-action-link.js';

export interface ForwardWsSettings {
  url: string;
  accessToken?: string;
  reconnect: BackoffSettings;
  actionTimeoutMs: number;
  /** Larger messages close the connection with 1009 (and it is dialled again). */
  maxMessageBytes: number;
}

/**
 * Forward WebSocket: the application connects to the implementation's server
 * (https://12.onebot.dev/connect/communication/websocket/) and, when the connection drops or
 * cannot be made, tries again after a growing delay until closed.
 */
export class ForwardWsClient {
  private readonly backoff: Backoff;
  private socket: WebSocket | undefined;
  private timer: NodeJS.Timeout | undefined;
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
    this.socket?.terminate();
  }

  private connect(): void {
    if (this.closed) return;
    const headers: Record<string, string> = {};
    if (this.settings.accessToken) headers.authorization = `Bearer ${this.settings.accessToken}`;
    const socket = new (wsPackage())(this.settings.url, { headers, maxPayload: this.settings.maxMessageBytes });
    this.socket = socket;
    const link = new WebSocketActionLink(socket, `forward-ws ${this.settings.url}`, this.events, this.settings.actionTimeoutMs);
    socket.on('open', () => {
      this.backoff.reset();
      this.logger.info('onebot connected', { transport: 'forward-ws', url: this.settings.url });
    });
    // A refused dial and a peer breaking the protocol alike: ws has closed (1002, 1009) or never opened the socket.
    socket.on('error', (error: Error & { code?: string }) =>
      this.logger.warn('onebot connection failed', { transport: 'forward-ws', url: this.settings.url, code: error.code, error: error.message }),
    );
    socket.on('close', () => {
      if (this.closed) return;
      const delay = this.backoff.delay();
      this.logger.info('onebot reconnecting', { transport: 'forward-ws', url: this.settings.url, delayMs: delay });
      this.timer = setTimeout(() => this.connect(), delay);
    });
    void link;
  }
}
