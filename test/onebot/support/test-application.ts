/**
 * A OneBot 12 bot application for tests: it listens for a reverse WebSocket from an
 * implementation (as NoneBot and Koishi do, https://12.onebot.dev/connect/communication/websocket-reverse/),
 * records the events it receives, and answers each private message with the `send_message`
 * actions a script gives, echoing the caller's words.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter, once } from 'node:events';
import WebSocket, { WebSocketServer } from 'ws';

export interface ReceivedEvent {
  type: string;
  detail_type: string;
  self?: { platform: string; user_id: string };
  [key: string]: unknown;
}

export interface Handshake {
  headers: IncomingHttpHeaders;
  protocol: string;
}

export class TestApplication {
  readonly events: ReceivedEvent[] = [];
  readonly handshakes: Handshake[] = [];
  readonly responses: Array<Record<string, unknown>> = [];
  private readonly signals = new EventEmitter();
  private server: Server | undefined;
  private readonly sockets = new Set<WebSocket>();
  private nextEcho = 1;
  /** What the bot says to a message, one entry per `send_message`. */
  script: (text: string) => string[] = (text) => [`You said: ${text}.`, 'Anything else?'];

  constructor(private readonly accessToken: string) {}

  async start(): Promise<string> {
    const server = createServer();
    const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => [...protocols][0] ?? false });
    server.on('upgrade', (request, socket, head) => {
      if (request.headers.authorization !== `Bearer ${this.accessToken}`) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        this.handshakes.push({ headers: request.headers, protocol: ws.protocol });
        this.sockets.add(ws);
        ws.on('close', () => this.sockets.delete(ws));
        ws.on('message', (data) => this.receive(ws, JSON.parse(data.toString()) as Record<string, unknown>));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/onebot/v12/ws`;
  }

  /** Sends an action of its own and resolves with the response. */
  async call(action: string, params: Record<string, unknown>, self?: { platform: string; user_id: string }): Promise<Record<string, unknown>> {
    const echo = `app-${this.nextEcho++}`;
    const socket = [...this.sockets][0];
    if (socket === undefined) throw new Error('not connected');
    socket.send(JSON.stringify({ action, params, echo, ...(self ? { self } : {}) }));
    for (;;) {
      const found = this.responses.find((response) => response.echo === echo);
      if (found !== undefined) return found;
      await once(this.signals, 'response');
    }
  }

  /** Sends a frame as it is, text or binary (a MessagePack request), on the first connection. */
  sendRaw(data: string | Buffer, binary: boolean): void {
    const socket = [...this.sockets][0];
    if (socket === undefined) throw new Error('not connected');
    socket.send(data, { binary });
  }

  /** Resolves once an event `matches` has been received (counting those already received). */
  async waitForEvent(matches: (event: ReceivedEvent) => boolean): Promise<ReceivedEvent> {
    for (;;) {
      const found = this.events.find(matches);
      if (found !== undefined) return found;
      await once(this.signals, 'event');
    }
  }

  /** Connections from an implementation that are open now. */
  openSockets(): number {
    return this.sockets.size;
  }

  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  async stop(): Promise<void> {
    this.dropConnections();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private receive(ws: WebSocket, frame: Record<string, unknown>): void {
    if ('retcode' in frame) {
      this.responses.push(frame);
      this.signals.emit('response');
      return;
    }
    const event = frame as ReceivedEvent;
    this.events.push(event);
    this.signals.emit('event');
    if (event.type !== 'message' || event.detail_type !== 'private') return;
    const segments = event.message as Array<{ type: string; data: { text?: string } }>;
    const said = segments.map((segment) => (segment.type === 'text' ? segment.data.text : `[${segment.type}]`)).join('');
    for (const line of this.script(said)) {
      ws.send(JSON.stringify({ action: 'send_message', params: { detail_type: 'private', user_id: event.user_id, message: [{ type: 'text', data: { text: line } }] }, echo: `app-${this.nextEcho++}`, self: event.self }));
    }
  }
}
