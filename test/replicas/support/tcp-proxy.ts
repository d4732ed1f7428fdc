import { createServer, connect, type Server, type Socket } from 'node:net';

/** What the proxy does with connections: pass bytes, reset every one, hold them silent, silence the open ones for good, or delay every chunk. */
export type ProxyMode = 'pass' | 'reset' | 'stall' | 'halfopen' | 'slow';

interface Pair {
  client: Socket;
  upstream: Socket;
  /** Silenced by `halfopen`: never resumed. */
  dead?: boolean;
}

/**
 * A TCP proxy in front of a store that the test controls: `reset` cuts every open connection
 * with an RST and resets new ones at once (a crashed server or a dropped route); `stall`
 * accepts and keeps connections but forwards nothing either way (a frozen server or a black
 * hole), until `pass` again lets bytes flow; `halfopen` silences the connections open now for
 * good, with neither FIN nor RST, while new ones pass (a failover behind a virtual IP: the old
 * server is gone, the new one answers); `slow` forwards every chunk `delayMs` late, in order.
 */
export class TcpProxy {
  private mode: ProxyMode = 'pass';
  private delayMs = 0;
  private readonly pairs = new Set<Pair>();
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

  /** `delayMs` is each chunk's delay in `slow` mode. */
  set(mode: ProxyMode, delayMs = 0): void {
    this.mode = mode;
    this.delayMs = delayMs;
    for (const pair of this.pairs) {
      if (mode === 'reset') {
        pair.client.resetAndDestroy();
        pair.upstream.destroy();
      } else if (mode === 'stall' || mode === 'halfopen') {
        pair.client.pause();
        pair.upstream.pause();
        if (mode === 'halfopen') pair.dead = true;
      } else if (pair.dead !== true) {
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
    const pair: Pair = { client, upstream };
    this.pairs.add(pair);
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    this.forward(client, upstream, pair);
    this.forward(upstream, client, pair);
    // A paused socket is not read, so a stalled pair forwards nothing.
    if (this.mode === 'stall') {
      client.pause();
      upstream.pause();
    }
  }

  /**
   * One direction: at once, or `delayMs` late in `slow` mode. Delayed chunks wait in one queue
   * with one timer, so they leave in the order they came (a timer per chunk can fire out of order
   * when the mode changes, which corrupts the protocol); a pair silenced meanwhile sends none.
   * Writing waits for `drain`, as pipe() would.
   */
  private forward(from: Socket, to: Socket, pair: Pair): void {
    const queue: Array<{ due: number; chunk: Buffer }> = [];
    let timer: NodeJS.Timeout | undefined;
    const pump = () => {
      timer = undefined;
      const now = Date.now();
      while (queue.length > 0 && (queue[0]?.due ?? 0) <= now) {
        const next = queue.shift() as { chunk: Buffer };
        if (pair.dead !== true) to.write(next.chunk);
      }
      if (queue.length > 0) timer = setTimeout(pump, (queue[0]?.due ?? now) - now);
    };
    from.on('data', (chunk: Buffer) => {
      const now = Date.now();
      const due = Math.max(this.mode === 'slow' ? now + this.delayMs : now, queue.at(-1)?.due ?? 0);
      if (due > now || queue.length > 0) {
        queue.push({ due, chunk });
        timer ??= setTimeout(pump, Math.max(0, (queue[0]?.due ?? now) - now));
        return;
      }
      if (!to.write(chunk)) {
        from.pause();
        to.once('drain', () => {
          if (this.mode !== 'stall' && pair.dead !== true) from.resume();
        });
      }
    });
  }
}
