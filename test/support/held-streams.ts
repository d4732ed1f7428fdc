import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFixtureText } from './fixtures.js';
import { refuseIfJudged } from './vendor-rules/judge-incoming.js';
import type { VendorRefusal } from './vendor-rules/index.js';

/**
 * An Anthropic upstream whose streams never finish: each answer is a recorded stream
 * (`anthropic/fantasy-sonnet4-simple_streaming.response.sse`, recorded from the Messages API)
 * up to its first text delta, then held open. It counts the streams it holds and sees closed,
 * so a test can tell whether the gateway aborted them. Like TestUpstream it judges each request by
 * the vendor's rules (test/support/vendor-rules): a refused one gets Anthropic's error body and
 * makes `stop()` throw.
 */
export class HeldAnthropicStreams {
  private readonly heldFrames: string;
  private readonly responses = new Set<ServerResponse>();
  private closed = 0;
  private wakeOnAllClosed: Array<() => void> = [];
  private wakeOnHeld: Array<() => void> = [];
  private readonly refusals: VendorRefusal[] = [];
  private readonly server: Server = createServer((incoming, response) => {
    void refuseIfJudged(incoming, response).then((refusal) => (refusal === undefined ? this.hold(response) : this.refusals.push(refusal)));
  });

  constructor() {
    const frames = readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse').split(/(?<=\n\n)/);
    const firstDelta = frames.findIndex((frame) => frame.includes('content_block_delta'));
    this.heldFrames = frames.slice(0, firstDelta + 1).join('');
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Streams being held right now. */
  get open(): number {
    return this.responses.size;
  }

  /** Resolves once `count` streams are held at the same time. */
  async waitForHeld(count: number): Promise<void> {
    while (this.responses.size < count) await new Promise<void>((resolve) => this.wakeOnHeld.push(resolve));
  }

  /** Resolves once every stream this upstream held has been closed by the gateway. */
  allClosed(): Promise<void> {
    if (this.responses.size === 0 && this.closed > 0) return Promise.resolve();
    return new Promise((resolve) => this.wakeOnAllClosed.push(resolve));
  }

  /** Stops the server, then fails when a request broke a vendor rule, as TestUpstream does. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    const refused = this.refusals.splice(0);
    if (refused.length > 0) throw new Error(`the held-stream upstream refused ${refused.length} request(s) as the vendor would: ${refused.map((refusal) => `${refusal.rule}: ${refusal.message}`).join('; ')}`);
  }

  private hold(response: ServerResponse): void {
    this.responses.add(response);
    response.on('close', () => {
      this.responses.delete(response);
      this.closed++;
      if (this.responses.size === 0) for (const wake of this.wakeOnAllClosed.splice(0)) wake();
    });
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(this.heldFrames);
    for (const wake of this.wakeOnHeld.splice(0)) wake();
  }
}
