import { RecentMap } from '../../core/recent-map.js';

/**
 * Deployments whose load is kept. A configuration has far fewer; names sent as
 * `<provider>/<anything>` are forgotten past it, while the configured ones, in use all the time, stay.
 */
const rememberedDeployments = 1_000;

/**
 * What this replica sees of each deployment: requests in flight (a stream counts until it ends)
 * and a smoothed latency. Kept per replica on purpose: a replica balances the load it sends.
 */
export class DeploymentLoad {
  /** A count stays at zero rather than leave: deleting and adding a key on every request made the map rehash every few. */
  private readonly inFlightCounts = new RecentMap<string, number>(rememberedDeployments);
  private readonly latencies = new RecentMap<string, number>(rememberedDeployments);

  /** Weight of the newest sample in the moving average. */
  static readonly smoothing = 0.3;

  begin(name: string): void {
    this.inFlightCounts.set(name, (this.inFlightCounts.get(name) ?? 0) + 1);
  }

  end(name: string): void {
    this.inFlightCounts.set(name, Math.max(0, (this.inFlightCounts.get(name) ?? 1) - 1));
  }

  inFlight(name: string): number {
    return this.inFlightCounts.get(name) ?? 0;
  }

  /** Time to the answer (to its first events, for a stream). */
  recordLatency(name: string, milliseconds: number): void {
    const previous = this.latencies.get(name);
    this.latencies.set(name, previous === undefined ? milliseconds : previous + DeploymentLoad.smoothing * (milliseconds - previous));
  }

  latencyMs(name: string): number | undefined {
    return this.latencies.get(name);
  }

  /** Names seen so far, for deployments no configuration lists (`provider/model`). */
  names(): string[] {
    return [...new Set([...this.inFlightCounts.keys(), ...this.latencies.keys()])];
  }
}
