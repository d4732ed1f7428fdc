import { windowMs } from './limiter.js';

/**
 * The times of a key's requests over the sliding 60-second window, as runs of
 * `[millisecond, count]` in time order. Times may arrive late and out of order (a worker reports
 * the slots of its lease after spending them), so a run is inserted where it belongs, searched
 * from the newest end: reports are of the recent past, so the search and the shift are short.
 */
export class RequestWindow {
  private times: number[] = [];
  private counts: number[] = [];
  /** Runs before this index have left the window. */
  private head = 0;
  private total = 0;

  add(time: number, count: number): void {
    if (count <= 0) return;
    let at = this.times.length;
    while (at > this.head && (this.times[at - 1] as number) > time) at--;
    if (at > this.head && this.times[at - 1] === time) this.counts[at - 1] = (this.counts[at - 1] as number) + count;
    else if (at === this.times.length) {
      this.times.push(time);
      this.counts.push(count);
    } else {
      this.times.splice(at, 0, time);
      this.counts.splice(at, 0, count);
    }
    this.total += count;
  }

  /** The requests counted in the window that ends at `now`. */
  size(now: number): number {
    this.expire(now);
    return this.total;
  }

  /** Milliseconds until the oldest request leaves the window (at least 1); `fallbackMs` when the window is empty. */
  retryAfterMs(now: number, fallbackMs: number): number {
    this.expire(now);
    const oldest = this.times[this.head];
    return oldest === undefined ? fallbackMs : Math.max(1, oldest + windowMs - now);
  }

  private expire(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] as number) <= now - windowMs) {
      this.total -= this.counts[this.head] as number;
      this.head++;
    }
    if (this.head > 1_024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.counts = this.counts.slice(this.head);
      this.head = 0;
    }
  }
}
