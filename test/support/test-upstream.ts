import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { judgeRequest, type VendorRefusal } from './vendor-rules/index.js';

/** What the test upstream answers to the next request. */
export type UpstreamReply =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  /** Raw SSE (or NDJSON) text, written one frame at a time so the gateway sees a real stream. */
  | {
      kind: 'stream';
      text: string;
      contentType?: string;
      frameDelayMs?: number;
      cutAfterFrames?: number;
      /** Writes this many frames, then waits for `resume` before the rest: a stream held in flight. */
      pauseAfterFrames?: number;
      resume?: Promise<void>;
    }
  /**
   * Answers headers and one frame (or, without one, nothing at all), then never finishes: for abort
   * and timeout tests. With `heartbeat`, writes its frame every `everyMs` meanwhile: a slow stream
   * that stays within the gateway's idle timeout and holds its connection until the caller leaves.
   */
  | { kind: 'hang'; firstFrame?: string; heartbeat?: { frame: string; everyMs: number } }
  /**
   * A binary stream (AWS event-stream messages), one chunk at a time; `cutAfterChunks` breaks the
   * connection after that many.
   */
  | { kind: 'binary-stream'; chunks: Uint8Array[]; contentType: string; cutAfterChunks?: number }
  /** Closes the connection without answering. */
  | { kind: 'drop' };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** The body's bytes as text, exactly as received (what a signature covers). */
  bodyText: string;
}

export interface TestUpstreamOptions {
  /**
   * Whether requests are judged by the vendor's rules (test/support/vendor-rules) before a reply
   * is given. On by default: a request the real vendor would refuse gets the vendor's error body
   * and fails the test at `stop()`. Off only for tests of what the gateway does with bytes it
   * does not produce itself.
   */
  judge?: boolean;
  /**
   * The vendor whose judge applies when the path cannot tell (Mistral's path is OpenAI's:
   * vendor-rules/index.ts), for every request or, given a function, for those it names one for.
   */
  vendor?: string | ((request: { url: string }) => string | undefined);
}

/**
 * A test double for a vendor API: judges each request by the vendor's rules, replays queued
 * replies and records every request it receives, so a test can check both what the caller saw
 * and what the upstream was sent.
 */
export class TestUpstream {
  readonly requests: RecordedRequest[] = [];
  /** Requests the vendor would have refused, with the rule each broke, until taken. */
  private readonly refusals: VendorRefusal[] = [];
  private readonly judged: boolean;
  private readonly vendor: TestUpstreamOptions['vendor'];
  private readonly replies: UpstreamReply[] = [];
  /** What to answer when no reply is queued; without it such a request gets a 500. */
  private fallback: ((request: RecordedRequest) => UpstreamReply) | undefined;
  private server: Server | undefined;
  /** Resolves when a `hang` reply's connection is closed by the gateway. */
  hangClosed: Promise<void> = Promise.resolve();
  private resolveHangClosed: () => void = () => {};

  constructor(options: TestUpstreamOptions = {}) {
    this.judged = options.judge ?? true;
    this.vendor = options.vendor;
  }

  get baseUrl(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('test upstream not started');
    return `http://127.0.0.1:${address.port}`;
  }

  enqueue(...replies: UpstreamReply[]): this {
    this.replies.push(...replies);
    return this;
  }

  /** Answers every request that finds no queued reply with `reply(request)`: for tests that cannot count their requests ahead. */
  answerUnqueuedWith(reply: (request: RecordedRequest) => UpstreamReply): this {
    this.fallback = reply;
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void this.answer(request, response);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    // A file whose `after` hook stops at its first failing step (a `stop` reporting refusals) leaves
    // later upstreams running; they must not hold the test process open until the runner's timeout.
    this.server.unref();
    return this;
  }

  /**
   * Stops the server, then fails when a request broke a vendor rule and no test took the
   * refusal: the gateway sent something the real vendor would have turned away.
   */
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    const refusals = this.takeRefusals();
    if (refusals.length > 0) throw new Error(`the test upstream refused ${refusals.length} request(s) as the vendor would:\n${refusals.map(describeRefusal).join('\n')}`);
  }

  /** The refusals so far, cleared: for tests that send a refused request on purpose. */
  takeRefusals(): VendorRefusal[] {
    return this.refusals.splice(0);
  }

  /** Forget recorded requests and pending replies between tests. */
  reset(): void {
    this.requests.length = 0;
    this.replies.length = 0;
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the raw text
    }
    const recorded: RecordedRequest = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body, bodyText: text };
    this.requests.push(recorded);
    const refusal = this.judged ? judgeRequest(recorded, typeof this.vendor === 'function' ? this.vendor(recorded) : this.vendor) : undefined;
    if (refusal !== undefined) {
      this.refusals.push(refusal);
      response.writeHead(refusal.status, { 'content-type': 'application/json', ...refusal.headers });
      response.end(JSON.stringify(refusal.body));
      return;
    }
    const reply = this.replies.shift() ?? this.fallback?.(recorded);
    if (reply === undefined) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: 'test upstream: no reply queued' } }));
      return;
    }
    switch (reply.kind) {
      case 'json': {
        const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        response.end(payload);
        return;
      }
      case 'stream': {
        response.writeHead(200, { 'content-type': reply.contentType ?? 'text/event-stream' });
        const frames = splitFrames(reply.text);
        const limit = reply.cutAfterFrames ?? frames.length;
        for (const [index, frame] of frames.slice(0, limit).entries()) {
          if (index === reply.pauseAfterFrames && reply.resume !== undefined) await reply.resume;
          if (response.destroyed) return;
          // Wait until the frame is handed to the socket, so a cut below cannot swallow it.
          await new Promise<void>((resolve) => response.write(frame, () => resolve()));
          if (reply.frameDelayMs) await new Promise((resolve) => setTimeout(resolve, reply.frameDelayMs));
        }
        if (reply.cutAfterFrames !== undefined) response.socket?.destroy();
        else response.end();
        return;
      }
      case 'hang': {
        this.hangClosed = new Promise((resolve) => (this.resolveHangClosed = resolve));
        response.on('close', () => this.resolveHangClosed());
        if (reply.firstFrame === undefined) return;
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(reply.firstFrame);
        const { heartbeat } = reply;
        if (heartbeat !== undefined) {
          const timer = setInterval(() => response.write(heartbeat.frame), heartbeat.everyMs);
          response.on('close', () => clearInterval(timer));
        }
        return;
      }
      case 'binary-stream': {
        response.writeHead(200, { 'content-type': reply.contentType });
        for (const chunk of reply.chunks.slice(0, reply.cutAfterChunks ?? reply.chunks.length)) {
          if (response.destroyed) return;
          await new Promise<void>((resolve) => response.write(chunk, () => resolve()));
        }
        if (reply.cutAfterChunks !== undefined) response.socket?.destroy();
        else response.end();
        return;
      }
      case 'drop':
        request.socket.destroy();
        return;
      default: {
        const unhandled: never = reply;
        throw new Error(`unknown reply ${JSON.stringify(unhandled)}`);
      }
    }
  }
}

function describeRefusal(refusal: VendorRefusal): string {
  return `  ${refusal.judge} ${refusal.rule} (${refusal.status}): ${refusal.message}`;
}

/** Splits stream text after each blank line (SSE) or newline (NDJSON), keeping separators. */
function splitFrames(text: string): string[] {
  const frames = text.split(/(?<=\r?\n\r?\n)/);
  if (frames.length === 1 && text.includes('\n')) return text.split(/(?<=\n)/);
  return frames;
}
