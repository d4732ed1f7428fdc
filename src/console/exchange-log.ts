import type { ChatRequest } from '../interlingua/request.js';
import { withoutUrlCredentials } from '../core/url-credentials.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { Warning } from '../interlingua/warning.js';
import type { InterlinguaError } from '../interlingua/error.js';
import { generateId } from '../core/ids.js';

/** One streamed step: the upstream's raw text, the events it decoded to, and what the caller was sent for them. */
export interface CapturedChunk {
  upstream: string;
  events: StreamEvent[];
  caller: string;
}

/** One chat request as it crossed the gateway, for the console's inspector. */
export interface CapturedExchange {
  id: string;
  createdAt: number;
  /** The caller's dialect. */
  caller: string;
  /** The `x-request-id` of the exchange, which its usage record carries too. */
  requestId?: string;
  model: string;
  stream: boolean;
  /** The caller's wire JSON, as sent. */
  callerRequest: unknown;
  /** What it parsed to. */
  interlingua?: ChatRequest;
  /** The last attempt upstream (a retry or a fallback replaces an earlier one; `attempts` counts them). */
  upstream?: { deployment: string; dialect: string; url: string; request: unknown; response?: unknown };
  attempts: number;
  /** The caller's wire answer (not streamed). */
  callerResponse?: unknown;
  chunks: CapturedChunk[];
  /**
   * Everything the caller's `x-interlingua-warnings` header reports, in full: that header is capped
   * and points here. What parsing lost, then what the last attempt's emitting lost.
   */
  warnings: Warning[];
  status?: number;
  error?: { code: string; message: string };
  durationMs?: number;
}

/** A short line per exchange, for lists. */
export type ExchangeSummary = Pick<CapturedExchange, 'id' | 'createdAt' | 'caller' | 'requestId' | 'model' | 'stream' | 'status' | 'attempts' | 'durationMs'> & {
  deployment?: string;
  errorCode?: string;
};

/**
 * The last N exchanges, in memory, when `console.captureBodies` is on. Nothing here runs when it is
 * off: the gateway then holds no `ExchangeLog` and every hook is an optional call on `undefined`.
 * Bodies are kept whole (images inline included), so N is best kept small.
 */
export class ExchangeLog {
  private readonly exchanges: CapturedExchange[] = [];

  constructor(readonly capacity: number) {}

  begin(caller: string, callerRequest: unknown, requestId?: string): ExchangeCapture {
    const exchange: CapturedExchange = { id: generateId('exc_'), createdAt: Date.now(), caller, ...(requestId !== undefined ? { requestId } : {}), model: '', stream: false, callerRequest, attempts: 0, chunks: [], warnings: [] };
    this.exchanges.push(exchange);
    if (this.exchanges.length > this.capacity) this.exchanges.splice(0, this.exchanges.length - this.capacity);
    return new ExchangeCapture(exchange);
  }

  /** Newest first. */
  list(): ExchangeSummary[] {
    return this.exchanges
      .slice()
      .reverse()
      .map((exchange) => ({
        id: exchange.id,
        createdAt: exchange.createdAt,
        caller: exchange.caller,
        ...(exchange.requestId !== undefined ? { requestId: exchange.requestId } : {}),
        model: exchange.model,
        stream: exchange.stream,
        attempts: exchange.attempts,
        ...(exchange.status !== undefined ? { status: exchange.status } : {}),
        ...(exchange.durationMs !== undefined ? { durationMs: exchange.durationMs } : {}),
        ...(exchange.upstream !== undefined ? { deployment: exchange.upstream.deployment } : {}),
        ...(exchange.error !== undefined ? { errorCode: exchange.error.code } : {}),
      }));
  }

  get(id: string): CapturedExchange | undefined {
    return this.exchanges.find((exchange) => exchange.id === id);
  }
}

/** The hooks the chat pipeline and the HTTP transport call while one exchange happens. */
export class ExchangeCapture {
  private pendingUpstream = '';
  private parsedWarnings: readonly Warning[] = [];
  private readonly started = performance.now();

  constructor(readonly exchange: CapturedExchange) {}

  get id(): string {
    return this.exchange.id;
  }

  parsed(request: ChatRequest, warnings: readonly Warning[]): void {
    this.exchange.interlingua = request;
    this.exchange.model = request.model;
    this.exchange.stream = request.stream;
    this.parsedWarnings = [...warnings];
    this.exchange.warnings = [...warnings];
  }

  /**
   * An attempt upstream: what the upstream dialect was sent, and what could not be carried to it.
   * The URL is shown without a `baseUrl`'s user-info, as the admin API's model list shows it.
   */
  upstreamRequest(deployment: string, dialect: string, url: string, body: unknown, warnings: readonly Warning[]): void {
    this.exchange.attempts += 1;
    this.exchange.upstream = { deployment, dialect, url: withoutUrlCredentials(url), request: body };
    // A retry or a fallback replaces the attempt before it, and so do its warnings.
    this.exchange.warnings = [...this.parsedWarnings, ...warnings];
    this.exchange.chunks.length = 0;
    this.pendingUpstream = '';
  }

  upstreamResponse(body: unknown): void {
    if (this.exchange.upstream !== undefined) this.exchange.upstream.response = body;
  }

  /** Raw upstream stream text; it is paired with the events it decoded to when those are written. */
  upstreamChunk = (text: string): void => {
    this.pendingUpstream += text;
  };

  /** A batch of events written to the caller as `text`. */
  written(events: readonly StreamEvent[], text: string): void {
    this.exchange.chunks.push({ upstream: this.pendingUpstream, events: [...events], caller: text });
    this.pendingUpstream = '';
  }

  answered(body: unknown): void {
    this.exchange.callerResponse = body;
  }

  ended(status: number, error?: InterlinguaError): void {
    this.exchange.status = status;
    this.exchange.durationMs = Math.round(performance.now() - this.started);
    if (error !== undefined) this.exchange.error = { code: error.code, message: error.message };
  }
}
