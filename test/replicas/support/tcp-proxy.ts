import { createServer, connect, type Server, type Socket } from 'node:net';

/** What the proxy does with connections: pass bytes, reset every one, or hold them silent. */
export type ProxyMode = 'pass' | 'reset' | 'stall';

/**
 * A TCP proxy in front of a store that the test controls: `reset` cuts every open connection
 * with an RST and resets new ones at once (a crashed server or a dropped route); `stall`
 * accepts and keeps connections but forwards nothing either way (a frozen server or a black
 * hole), until `pass` again lets bytes flow.
 */
export class TcpProxy {
  private mode: ProxyMode = 'pass';
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private readonly server: Server;
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  get url(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (typeof address === 'object' && address !== null) this.port = address.port;
    return this;
  }

  set(mode: ProxyMode): void {
    this.mode = mode;
    for (const pair of this.pairs) {
      if (mode === 'reset') {
        pair.client.resetAndDestroy();
        pair.upstream.destroy();
      } else if (mode === 'stall') {
        pair.client.pause();
        pair.upstream.pause();
      } else {
        pair.client.resume();
        pair.upstream.resume();
      }
    }
  }

  async stop(): Promise<void> {
    this.mode = 'reset';
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(this.targetPort, this.targetHost);
    const pair = { client, upstream };
    this.pairs.add(pair);
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    // pipe() waits for 'drain' and stops reading while paused, so a stalled pair forwards nothing.
    client.pipe(upstream);
    upstream.pipe(client);
    if (this.mode === 'stall') {
      client.pause();
      upstream.pause();
    }
  }
}
