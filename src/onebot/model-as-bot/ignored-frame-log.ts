import type { Logger } from '../../gateway/logger.js';
import type { OnebotLink } from '../links/onebot-link.js';

/** How often the frames ignored since the last line are summed up in one more. */
export const ignoredFrameSummaryMs = 60_000;

/**
 * Warnings for the frames of one link that are ignored: unreadable (not an event, a malformed
 * message), or messages left unanswered because too many turns wait. A faulty or hostile
 * implementation may send them by the hundred thousand, and a line
 * each flooded the log and kept the event loop busy writing it; so the first one of a while is
 * logged as it comes, the rest are only counted, and the count is logged once that while is over
 * (`ignoredFrameSummaryMs`) or the link closes.
 */
export class IgnoredFrameLog {
  /** Ignored since the last line, by reason. */
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly link: OnebotLink,
    private readonly logger: Logger,
    private readonly summaryMs = ignoredFrameSummaryMs,
  ) {
    link.closed?.addEventListener('abort', () => this.flush(), { once: true });
  }

  /** One frame ignored for `reason`. */
  ignored(reason: string): void {
    if (this.timer === undefined) {
      this.logger.warn(reason, { link: this.link.description });
      this.timer = setTimeout(() => this.flush(), this.summaryMs);
      // A pending summary does not keep the process alive: a shutdown closes the links and flushes it.
      this.timer.unref();
      return;
    }
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
  }

  /** Logs what was counted since the last line, if anything, and starts a new while. */
  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.counts.size === 0) return;
    const counts = Object.fromEntries(this.counts);
    const total = [...this.counts.values()].reduce((sum, count) => sum + count, 0);
    this.counts = new Map();
    this.logger.warn('onebot frames ignored', { link: this.link.description, count: total, reasons: counts });
  }
}
