/** The first wait before a dead worker's replacement starts, doubled for each death in a row up to `maxRespawnDelayMs`. */
export const firstRespawnDelayMs = 1_000;
export const maxRespawnDelayMs = 30_000;
/** A worker that stayed up this long ends the run of deaths: its replacement starts at once. */
export const healthyUptimeMs = 60_000;

/**
 * How long the primary waits before replacing a worker that died. A worker that cannot start
 * (a database away, a port taken) would otherwise be started again every second or so for ever;
 * the wait doubles with each quick death, and a worker that ran for a minute resets it.
 */
export class RespawnBackoff {
  private nextDelayMs = firstRespawnDelayMs;

  /** The wait before replacing a worker that ran for `uptimeMs`. */
  delayAfter(uptimeMs: number): number {
    if (uptimeMs >= healthyUptimeMs) {
      this.nextDelayMs = firstRespawnDelayMs;
      return 0;
    }
    const delay = this.nextDelayMs;
    this.nextDelayMs = Math.min(maxRespawnDelayMs, delay * 2);
    return delay;
  }
}
