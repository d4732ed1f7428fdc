import type { ServerResponse } from 'node:http';

/**
 * How long an SSE caller may go without a byte before it is sent a comment. Proxies between the
 * caller and the gateway cut a response that is silent too long (nginx's `proxy_read_timeout`
 * defaults to 60 s), and an upstream that only sends keep-alives of its own (Anthropic's `ping`,
 * OpenRouter's `: OPENROUTER PROCESSING`) while it thinks leaves a translated stream silent, since
 * its decoder turns them into no events. 15 s is well inside the usual proxy timeouts.
 */
export const sseKeepAliveMs = 15_000;

/**
 * An SSE comment. A line that starts with a colon is ignored by every SSE parser: "If the line
 * starts with a U+003A COLON character (:) — Ignore the line." (WHATWG HTML, "Interpreting an event
 * stream", https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation),
 * and the blank line after it dispatches nothing, since no data was buffered.
 */
export const keepAliveComment = ': keep-alive\n\n';

/**
 * Writes `keepAliveComment` to an SSE caller once nothing has been written to it for `intervalMs`.
 * One timer per stream, never re-armed per write: each write only notes the time (`wrote`), and the
 * timer, when it fires, either writes the comment or sleeps again for what is left of the interval.
 * A caller whose socket is full is sent nothing: it is not reading, so a comment would not reach
 * it, and the stalled write has a deadline of its own (stream-writer.ts, `drained`).
 */
export class SseKeepAlive {
  private lastWriteAt = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly response: ServerResponse,
    private readonly intervalMs: number,
  ) {
    this.arm(intervalMs);
  }

  /** Something was written to the caller. */
  wrote(): void {
    this.lastWriteAt = Date.now();
  }

  /** The stream is over: no more comments. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(this.tick, delayMs);
    // An open stream keeps the process alive by its socket, not by this timer.
    this.timer.unref();
  }

  private readonly tick = (): void => {
    if (this.timer === undefined) return;
    const { response } = this;
    if (response.destroyed || response.writableEnded) return this.stop();
    const quietMs = Date.now() - this.lastWriteAt;
    if (quietMs < this.intervalMs) return this.arm(this.intervalMs - quietMs);
    if (!response.writableNeedDrain) response.write(keepAliveComment);
    this.wrote();
    this.arm(this.intervalMs);
  };
}
