/**
 * An upstream that misbehaves at the byte level (bodies that trickle, never end, or claim
 * impossible lengths), which the recording TestUpstream cannot be made to do: each test sets the
 * handler for the requests that follow.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RawHandler = (request: IncomingMessage, response: ServerResponse) => void;

export class RawUpstream {
  private server: Server | undefined;
  private handler: RawHandler = (_request, response) => void response.writeHead(500).end();
  /** Bytes of body written by the handlers (through `writeUntil` and `trickle`). */
  sent = 0;
  baseUrl = '';

  async start(): Promise<this> {
    const server = createServer((request, response) => {
      request.resume();
      response.on('error', () => {});
      this.handler(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  answer(handler: RawHandler): void {
    this.sent = 0;
    this.handler = handler;
  }

  /**
   * Writes `chunk` as fast as the reader takes it (honouring backpressure) until `limit` bytes are
   * sent or the reader leaves; then ends the body with `end`, or else holds the connection open:
   * the bytes stop, the body never ends.
   */
  writeUntil(response: ServerResponse, chunk: Buffer, limit: number, options: { end?: boolean } = {}): void {
    const more = (): void => {
      while (!response.destroyed && this.sent < limit) {
        this.sent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', more);
      }
      if (options.end === true && !response.destroyed) response.end();
    };
    more();
  }

  /** Writes `chunk` every `everyMs` until the reader leaves: a body that is never silent and never ends. */
  trickle(response: ServerResponse, chunk: Buffer, everyMs: number): void {
    const timer = setInterval(() => {
      if (response.destroyed) return;
      this.sent += chunk.length;
      response.write(chunk);
    }, everyMs);
    response.on('close', () => clearInterval(timer));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server === undefined ? resolve() : this.server.close(() => resolve())));
  }
}
