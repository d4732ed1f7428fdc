/**
 * How long a store's round trips take, from its periodic liveness checks. A store that answers
 * every call, only slowly, is not away, yet every request that waits on it pays for it: a Redis
 * at 400 ms a round trip made each limited request take 1.6 s while `/health` said `ok`. So a
 * store whose last `samples` checks all took `slowMs` or longer is reported as slow; one quick
 * answer ends it, and a single slow one (a pause, a busy moment) does not start it.
 */
export class StoreLatency {
  private readonly recent: number[] = [];

  constructor(
    readonly slowMs: number,
    private readonly samples = 3,
  ) {}

  observe(ms: number): void {
    this.recent.push(ms);
    if (this.recent.length > this.samples) this.recent.shift();
  }

  get slow(): boolean {
    return this.recent.length === this.samples && this.recent.every((ms) => ms >= this.slowMs);
  }

  /** The latest round trip, in milliseconds; undefined before the first. */
  get latestMs(): number | undefined {
    return this.recent.at(-1);
  }
}
