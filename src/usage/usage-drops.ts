import type { Logger } from '../gateway/logger.js';

/**
 * Why usage records were given up:
 * - `buffer_full`: the database was away, memory held `maxBuffered` records and the spill file
 *   could not take more (unwritable, full disk, at its size limit, or none configured): the
 *   oldest in memory went;
 * - `spill_full`: at shutdown, or after it, the spill file was at its size limit;
 * - `spill_failed`: at shutdown, or after it, the spill file could not be written;
 * - `no_spill_file`: at shutdown, or after it, the database was away and no spill file is configured;
 * - `refused`: the database refused the record itself, written alone, for what it holds (refused-data.ts):
 *   it would be refused at every try, and every record after it would wait behind it.
 */
export type UsageDropReason = 'buffer_full' | 'spill_full' | 'spill_failed' | 'no_spill_file' | 'refused';

/** Where dropped records are counted (`interlingua_usage_dropped_records_total`). */
export interface UsageDropMetrics {
  dropped(records: number, reason: UsageDropReason): void;
}

/** One error line per reason at most this often, however many records go. */
const logEveryMs = 10_000;

/**
 * Counts records the writer gives up, in the metric at once and in the log at most every 10
 * seconds per reason: a full disk under load drops on every request, and a line per drop was a
 * log as loud as the traffic (tens of thousands of lines a minute), on the disk that was full.
 * The first drop of a reason is logged at once; the ones after it in the next 10 seconds are
 * summed into one line when those 10 seconds end, so every dropped record is in some line.
 */
export class UsageDrops {
  private readonly unlogged = new Map<UsageDropReason, { records: number; fields: Record<string, unknown> }>();
  private readonly quietUntil = new Map<UsageDropReason, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly metrics: UsageDropMetrics | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  dropped(records: number, reason: UsageDropReason, fields: Record<string, unknown> = {}): void {
    if (records <= 0) return;
    this.metrics?.dropped(records, reason);
    const waiting = this.unlogged.get(reason);
    if (waiting !== undefined) {
      waiting.records += records;
      waiting.fields = fields;
      return;
    }
    const quietFor = (this.quietUntil.get(reason) ?? 0) - this.now();
    if (quietFor > 0) {
      this.unlogged.set(reason, { records, fields });
      this.timer ??= setTimeout(() => this.flush(), quietFor).unref();
      return;
    }
    this.log(reason, records, fields);
  }

  /** Logs what the last 10 seconds dropped and has not said yet (at shutdown, and when they end). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = [...this.unlogged];
    this.unlogged.clear();
    for (const [reason, { records, fields }] of waiting) this.log(reason, records, fields);
  }

  private log(reason: UsageDropReason, records: number, fields: Record<string, unknown>): void {
    this.quietUntil.set(reason, this.now() + logEveryMs);
    this.logger.error(`usage records dropped: ${explanations[reason]}`, { reason, records, ...fields });
  }
}

const explanations: Record<UsageDropReason, string> = {
  buffer_full: 'the database is unavailable, memory holds its bound of records and the spill file cannot take more; the oldest go',
  spill_full: 'the spill file is at its size limit',
  spill_failed: 'the database is unavailable and the spill file cannot be written',
  no_spill_file: 'the database is unavailable and no spill file is configured (database.spillFile)',
  refused: 'the database refuses the record for what it holds, so it cannot be written at any try',
};
