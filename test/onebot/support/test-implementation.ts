/**
 * A OneBot 12 implementation for tests, speaking the standard's four transports
 * (https://12.onebot.dev/connect/communication/http/, .../http-webhook/, .../websocket/,
 * .../websocket-reverse/): it pushes events, records every action request and answers it as the
 * standard says, including 10002 for actions it does not have and 401 for a wrong token.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter, once } from 'node:events';
import WebSocket, { WebSocketServer } from 'ws';

export interface Self {
  platform: string;
  user_id: string;
}

export interface RecordedAction {
  action: string;
  params: Record<string, unknown>;
  self?: Self;
  via: string;
}

export interface ImplementationOptions {
  bots: Self[];
  accessToken?: string;
  impl?: string;
  /** Extension actions to list in get_supported_actions and accept. */
  extraActions?: string[];
  /** Reverse WebSocket: offer no subprotocol, or put the token in the query instead of a header (real implementations do). */
  quirks?: { noSubprotocol?: boolean; tokenInQuery?: boolean; stringTimes?: boolean };
  /** The `message_id` a `send_message` answers with; `sent-<n>` unless given (a test of odd ids). */
  messageId?: () => unknown;
}

export class TestImplementation {
  private readonly signals = new EventEmitter();
  readonly actions: RecordedAction[] = [];
  /** Files `get_file` serves; `headers` are sent with a `url`, as those the URL must be fetched with. */
  readonly files = new Map<string, { url?: string; headers?: Record<string, string>; data?: string; name: string }>();
  private readonly sockets = new Set<WebSocket>();
  private servers: Server[] = [];
  private readonly queued: unknown[] = [];
  private pollWaiter: (() => void) | undefined;
  private nextMessage = 1;
  private webhookUrl: string | undefined;
  readonly webhookStatuses: number[] = [];

  constructor(readonly options: ImplementationOptions) {}

  get impl(): string {
    return this.options.impl ?? 'testimpl';
  }

  /** Forward WebSocket: listens on 127.0.0.1 port 0 and returns the ws:// URL. */
  async serveWebSocket(): Promise<string> {
    const server = createServer();
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => {
      if (!this.authorized(request)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => this.adopt(ws, 'forward-ws'));
    });
    return `ws://127.0.0.1:${await this.listen(server)}`;
  }

  /** Reverse WebSocket: connects to the application; resolves when the connection is open. */
  async connectReverse(url: string): Promise<void> {
    const quirks = this.options.quirks ?? {};
    const token = this.options.accessToken;
    const target = token && quirks.tokenInQuery ? `${url}?access_token=${encodeURIComponent(token)}` : url;
    const headers: Record<string, string> = { 'user-agent': `OneBot/12 (test) ${this.impl}/1.0` };
    if (token && !quirks.tokenInQuery) headers.authorization = `Bearer ${token}`;
    const ws = quirks.noSubprotocol ? new WebSocket(target, { headers }) : new WebSocket(target, `12.${this.impl}`, { headers });
    await once(ws, 'open');
    this.adopt(ws, 'reverse-ws');
  }

  /** HTTP: serves actions (and get_latest_events) at POST /; returns the http:// URL. */
  async serveHttp(): Promise<string> {
    const server = createServer(async (request, response) => {
      const body = await readBody(request);
      if (!this.authorized(request)) {
        response.writeHead(401).end();
        return;
      }
      let frame: { action?: string; params?: Record<string, unknown>; self?: Self };
      try {
        frame = JSON.parse(body) as typeof frame;
      } catch {
        response.writeHead(400).end();
        return;
      }
      const answer = frame.action === 'get_latest_events' ? await this.latestEvents(Number(frame.params?.timeout ?? 0)) : this.perform(frame, 'http');
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
    return `http://127.0.0.1:${await this.listen(server)}`;
  }

  /** HTTP webhook: events will be POSTed to `url`. */
  useWebhook(url: string): void {
    this.webhookUrl = url;
  }

  /** Pushes an event over every channel in use; webhook posts are awaited and their response actions run. */
  async push(event: Record<string, unknown>): Promise<void> {
    const text = JSON.stringify(event);
    for (const ws of this.sockets) if (ws.readyState === WebSocket.OPEN) ws.send(text);
    if (event.type !== 'meta') {
      this.queued.push(event);
      this.pollWaiter?.();
    }
    if (this.webhookUrl !== undefined) await this.postWebhook(text);
  }

  /** Waits for the `count`-th action named `action` (counting those already recorded). */
  async waitForActions(action: string, count: number): Promise<RecordedAction[]> {
    for (;;) {
      const found = this.actions.filter((recorded) => recorded.action === action);
      if (found.length >= count) return found;
      await once(this.signals, 'action');
    }
  }

  async waitForConnections(count: number): Promise<void> {
    while (this.openSockets() < count) await once(this.signals, 'connection');
  }

  /** Writes `text` as it is to every open WebSocket, as a faulty implementation might. */
  sendRaw(text: string): void {
    for (const socket of this.sockets) socket.send(text);
  }

  openSockets(): number {
    return [...this.sockets].filter((ws) => ws.readyState === WebSocket.OPEN).length;
  }

  /** Cuts every WebSocket, as a network failure would. */
  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
  }

  async stop(): Promise<void> {
    this.dropConnections();
    this.pollWaiter?.();
    for (const server of this.servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** A standard event envelope (https://12.onebot.dev/connect/data-protocol/event/). */
  event(self: Self | undefined, type: string, detailType: string, fields: Record<string, unknown>): Record<string, unknown> {
    const time = Date.now() / 1000;
    return {
      id: `e-${Math.random().toString(36).slice(2)}`,
      time: this.options.quirks?.stringTimes ? String(Math.floor(time)) : time,
      type,
      detail_type: detailType,
      sub_type: '',
      ...(self !== undefined ? { self } : {}),
      ...fields,
    };
  }

  private adopt(ws: WebSocket, via: string): void {
    this.sockets.add(ws);
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { action?: string; params?: Record<string, unknown>; self?: Self; echo?: unknown };
      ws.send(JSON.stringify(this.perform(frame, via)));
    });
    ws.on('close', () => this.sockets.delete(ws));
    // meta.connect first, then the status of every account (https://12.onebot.dev/interface/meta/events/).
    ws.send(JSON.stringify(this.event(undefined, 'meta', 'connect', { version: { impl: this.impl, version: '1.0.0', onebot_version: '12' } })));
    ws.send(JSON.stringify(this.event(undefined, 'meta', 'status_update', { status: { good: true, bots: this.options.bots.map((self) => ({ self, online: true })) } })));
    this.signals.emit('connection');
  }

  private perform(frame: { action?: string; params?: Record<string, unknown>; self?: Self; echo?: unknown }, via: string): Record<string, unknown> {
    const echo = frame.echo === undefined ? {} : { echo: frame.echo };
    if (typeof frame.action !== 'string') return { status: 'failed', retcode: 10001, data: null, message: 'bad request', ...echo };
    const params = frame.params ?? {};
    this.actions.push({ action: frame.action, params, ...(frame.self ? { self: frame.self } : {}), via });
    queueMicrotask(() => this.signals.emit('action'));
    const ok = (data: unknown) => ({ status: 'ok', retcode: 0, data, message: '', ...echo });
    switch (frame.action) {
      case 'send_message':
        return ok({ message_id: this.options.messageId?.() ?? `sent-${this.nextMessage++}`, time: Date.now() / 1000 });
      case 'get_file': {
        const file = this.files.get(String(params.file_id));
        if (file === undefined) return { status: 'failed', retcode: 10003, data: null, message: 'no such file', ...echo };
        if (params.type === 'data' || file.url === undefined) return ok({ name: file.name, data: file.data });
        return ok({ name: file.name, url: file.url, ...(file.headers !== undefined ? { headers: file.headers } : {}) });
      }
      case 'get_supported_actions':
        return ok(['get_supported_actions', 'get_status', 'get_version', 'send_message', 'get_file', ...(this.options.extraActions ?? [])]);
      case 'get_version':
        return ok({ impl: this.impl, version: '1.0.0', onebot_version: '12' });
      case 'get_status':
        return ok({ good: true, bots: this.options.bots.map((self) => ({ self, online: true })) });
      default:
        if (this.options.extraActions?.includes(frame.action)) return ok(null);
        return { status: 'failed', retcode: 10002, data: null, message: `unsupported action ${frame.action}`, ...echo };
    }
  }

  /** `get_latest_events` long poll: returns queued events, or waits up to `timeout` seconds for one. */
  private async latestEvents(timeoutSeconds: number): Promise<Record<string, unknown>> {
    if (this.queued.length === 0 && timeoutSeconds > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutSeconds * 1000);
        this.pollWaiter = () => {
          clearTimeout(timer);
          this.pollWaiter = undefined;
          resolve();
        };
      });
    }
    const events = this.queued.splice(0);
    return { status: 'ok', retcode: 0, data: events, message: '' };
  }

  private async postWebhook(body: string): Promise<void> {
    const url = new URL(this.webhookUrl ?? '');
    const token = this.options.accessToken;
    if (token && this.options.quirks?.tokenInQuery) url.searchParams.set('access_token', token);
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'user-agent': `OneBot/12 (test) ${this.impl}/1.0`,
      'x-onebot-version': '12',
      'x-impl': this.impl,
    };
    if (token && !this.options.quirks?.tokenInQuery) headers.authorization = `Bearer ${token}`;
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const outgoing = httpRequest(url, { method: 'POST', headers }, (response) => {
        readBody(response).then((text) => resolve({ status: response.statusCode ?? 0, text }), reject);
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    this.webhookStatuses.push(status);
    // 200 carries a list of action requests to run, their responses discarded (http-webhook, "响应").
    if (status === 200) for (const frame of JSON.parse(text) as Array<{ action?: string; params?: Record<string, unknown>; self?: Self }>) this.perform(frame, 'webhook-response');
  }

  private authorized(request: IncomingMessage): boolean {
    const token = this.options.accessToken;
    if (!token) return true;
    if (request.headers.authorization !== undefined) return request.headers.authorization === `Bearer ${token}`;
    return new URL(request.url ?? '/', 'http://x').searchParams.get('access_token') === token;
  }

  private async listen(server: Server): Promise<number> {
    this.servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }
}

async function readBody(stream: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A group message (https://12.onebot.dev/interface/message/events/) from `userId`, with the segments given. */
export function groupMessage(implementation: TestImplementation, self: Self, messageId: string, userId: string, segments: unknown[]): Record<string, unknown> {
  return implementation.event(self, 'message', 'group', { message_id: messageId, message: segments, alt_message: '', user_id: userId, group_id: 'g-1' });
}

export function privateMessage(implementation: TestImplementation, self: Self, messageId: string, userId: string, segments: unknown[]): Record<string, unknown> {
  return implementation.event(self, 'message', 'private', { message_id: messageId, message: segments, alt_message: '', user_id: userId });
}

export const text = (value: string) => ({ type: 'text', data: { text: value } });
export const mention = (userId: string) => ({ type: 'mention', data: { user_id: userId } });
export const image = (fileId: string) => ({ type: 'image', data: { file_id: fileId } });
