import { Counter, Gauge, type Registry } from 'prom-client';
import type { StoreAvailability, StoreName } from '../store/store-availability.js';

import type { UsageBufferMetrics } from '../usage/usage-writer.js';
import type { UsageDropReason } from '../usage/usage-drops.js';

/**
 * The stores' side of `/metrics`: failed calls, whether each store is up, how long outages
 * lasted, and the usage records waiting to be written or given up. An outage shows while it lasts (the
 * gauge of its seconds so far) and after (the counter of seconds over all outages).
 */
export class StoreMetrics implements UsageBufferMetrics {
  private readonly errors: Counter<'store'>;
  private readonly up: Gauge<'store'>;
  private readonly outageSeconds: Counter<'store'>;
  private readonly droppedUsage: Counter<'reason'>;
  /** Where the usage gauges read their values when scraped; nothing until a writer is watched. */
  private waitingUsage: () => { buffered: number; spilled: number } = () => ({ buffered: 0, spilled: 0 });
  private readonly watched: StoreAvailability[] = [];

  constructor(private readonly registry: Registry) {
    const registers = [registry];
    const watched = this.watched;
    this.errors = new Counter({ name: 'interlingua_store_errors_total', help: 'Calls to a store (database, redis) that failed for want of the store.', labelNames: ['store'], registers });
    this.up = new Gauge({ name: 'interlingua_store_up', help: '1 while the store answers, 0 while it is away.', labelNames: ['store'], registers, aggregator: 'min' });
    this.outageSeconds = new Counter({ name: 'interlingua_store_outage_seconds_total', help: 'Seconds of finished outages, by store.', labelNames: ['store'], registers });
    new Gauge({
      name: 'interlingua_store_current_outage_seconds',
      help: 'Seconds the current outage has lasted; 0 while the store answers.',
      labelNames: ['store'],
      registers,
      aggregator: 'max',
      collect() {
        for (const availability of watched) this.set({ store: availability.store }, availability.outageMs() / 1000);
      },
    });
    this.droppedUsage = new Counter({
      name: 'interlingua_usage_dropped_records_total',
      help: 'Usage records given up while the database was away: beyond the in-memory bound when the spill file could not take them (buffer_full), or at shutdown with the spill file full (spill_full), unwritable (spill_failed) or not configured (no_spill_file); or refused by the database for what they hold (refused).',
      labelNames: ['reason'],
      registers,
    });
    const waiting = () => this.waitingUsage();
    new Gauge({
      name: 'interlingua_usage_buffered_records',
      help: 'Usage records waiting in memory for the database.',
      registers,
      collect() {
        this.set(waiting().buffered);
      },
    });
    new Gauge({
      name: 'interlingua_usage_spilled_records',
      help: 'Usage records waiting in the spill file for the database.',
      registers,
      collect() {
        this.set(waiting().spilled);
      },
    });
  }

  watch(availability: StoreAvailability): void {
    this.watched.push(availability);
    this.up.set({ store: availability.store }, availability.away ? 0 : 1);
    availability.listen({
      failed: (store: StoreName) => this.errors.inc({ store }),
      changed: (store: StoreName, away: boolean, outageMs: number) => {
        this.up.set({ store }, away ? 0 : 1);
        if (!away) this.outageSeconds.inc({ store }, outageMs / 1000);
      },
    });
  }

  /** The replicas sharing Redis as this one last counted them: what limits are divided by while Redis is away. */
  watchReplicas(count: () => number): void {
    new Gauge({
      name: 'interlingua_replicas_seen',
      help: 'Replicas sharing Redis, as last counted by their heartbeats.',
      registers: [this.registry],
      aggregator: 'max',
      collect() {
        this.set(count());
      },
    });
  }

  watchWaiting(waiting: () => { buffered: number; spilled: number }): void {
    this.waitingUsage = waiting;
  }

  dropped(records: number, reason: UsageDropReason): void {
    this.droppedUsage.inc({ reason }, records);
  }
}
