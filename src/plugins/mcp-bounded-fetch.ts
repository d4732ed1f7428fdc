import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The tool call an MCP request is made for. The SDK's streamable HTTP transport sends every POST
 * with one transport-wide abort signal and reads its answer whole (`response.json()`, or an SSE
 * stream until it ends), so neither a call's time limit nor its caller leaving stops a download;
 * the fetch below finds the call it works for here instead (the SDK's `send` runs inside the
 * call's async context).
 */
export interface McpCallScope {
  /** Fires when the call is over for the gateway: done, timed out, cancelled or failed. */
  signal: AbortSignal;
  /** Ends the call with this error, when its answer is refused. */
  fail(error: Error): void;
}

const callScope = new AsyncLocalStorage<McpCallScope>();

/** Runs `work` (a request through the MCP client) for the call described by `scope`. */
export function withinMcpCall<T>(scope: McpCallScope, work: () => Promise<T>): Promise<T> {
  return callScope.run(scope, work);
}

/** An MCP server's answer past the size the gateway reads. */
export class McpAnswerTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the MCP server's answer is over ${maxBytes} bytes, more than the gateway reads from a tool`);
    this.name = 'McpAnswerTooLarge';
  }
}

/**
 * A `fetch` for the SDK's `StreamableHTTPClientTransport` (its `fetch` option) that reads at most
 * `maxBytes` of one message and stops reading when the call it serves is over.
 *
 * A POST is answered with `application/json` (one message, or a batch) or `text/event-stream`
 * (MCP 2025-06-18, basic/transports "Sending Messages to the Server":
 * https://modelcontextprotocol.io/specification/2025-06-18/basic/transports), and the GET stream is
 * `text/event-stream` too. A JSON body is one message, so it is bounded whole; an event stream may
 * carry many events over a long time, so each event is bounded, as that is what the SDK's SSE
 * parser holds in memory at once. Past the bound the call fails with `McpAnswerTooLarge` and the
 * body is cancelled, which drops the connection rather than draining it.
 */
export function boundedMcpFetch(maxBytes: number, baseFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const scope = callScope.getStore();
    const signals = [init?.signal, scope?.signal].filter((signal): signal is AbortSignal => signal !== undefined && signal !== null);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const response = await baseFetch(input, { ...init, ...(signal !== undefined ? { signal } : {}) });
    if (response.body === null || nullBodyStatuses.has(response.status)) return response;
    const counter = isEventStream(response.headers.get('content-type')) ? eventSizeCounter() : totalSizeCounter();
    const bounded = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          if (counter(chunk) > maxBytes) {
            const error = new McpAnswerTooLarge(maxBytes);
            scope?.fail(error);
            // Erroring the pipe's destination cancels its source: undici drops the connection.
            controller.error(error);
            return;
          }
          controller.enqueue(chunk);
        },
      }),
    );
    const copy = new Response(bounded, { status: response.status, statusText: response.statusText, headers: response.headers });
    // The SDK names `response.url` when it reports a redirect it did not follow.
    Object.defineProperty(copy, 'url', { value: response.url });
    return copy;
  };
}

/** Statuses whose `Response` may not be given a body (Fetch standard, "null body status"). */
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

function isEventStream(contentType: string | null): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'text/event-stream';
}

/** Counts every byte: the size of the body so far. */
function totalSizeCounter(): (chunk: Uint8Array) => number {
  let total = 0;
  return (chunk) => (total += chunk.byteLength);
}

const lineFeed = 0x0a;
const carriageReturn = 0x0d;

/**
 * Counts the bytes of the event being received: an empty line ends an event, and a line ends at
 * CRLF, LF or CR (HTML, "Server-sent events", event stream interpretation:
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 * Returns the largest count reached within the chunk.
 */
function eventSizeCounter(): (chunk: Uint8Array) => number {
  let eventBytes = 0;
  let lineBytes = 0;
  let afterCarriageReturn = false;
  return (chunk) => {
    let largest = eventBytes;
    for (const byte of chunk) {
      if (byte === lineFeed && afterCarriageReturn) {
        afterCarriageReturn = false;
        continue;
      }
      afterCarriageReturn = byte === carriageReturn;
      if (byte === lineFeed || byte === carriageReturn) {
        if (lineBytes === 0) eventBytes = 0;
        lineBytes = 0;
        continue;
      }
      lineBytes++;
      eventBytes++;
      if (eventBytes > largest) largest = eventBytes;
    }
    return largest;
  };
}
