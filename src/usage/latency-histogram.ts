import { sql, type RawBuilder } from 'kysely';

/**
 * Latency percentiles without holding every request's latency. The database counts requests per
 * latency bin (`latencyBin`), the bins of each slice of a report are added up here, and a
 * percentile is read off the counts. Bins are 1 ms wide below one second, then 10 ms to 10 s,
 * 100 ms to 100 s and 1 s above: a percentile under a second is exact, one above it is at most
 * 1% under the true value, and a report over any number of requests keeps a few thousand
 * counts at most (a sample would have been as small but not exact where most latencies are).
 */
export class LatencyHistogram {
  private readonly counts = new Map<number, number>();
  private total = 0;

  add(bin: number, count: number): void {
    this.counts.set(bin, (this.counts.get(bin) ?? 0) + count);
    this.total += count;
  }

  /** The nearest-rank percentile (`share` 0.95 for p95), as the lower edge of its bin; null without requests. */
  percentile(share: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(this.total * share));
    let seen = 0;
    for (const bin of [...this.counts.keys()].sort((left, right) => left - right)) {
      seen += this.counts.get(bin) ?? 0;
      if (seen >= rank) return bin;
    }
    return null;
  }
}

/** The SQL for a row's latency bin (see `LatencyHistogram`): integer division on integers, the same in SQLite and PostgreSQL. */
export function latencyBin(): RawBuilder<number> {
  return sql<number>`case when latency_ms < 1000 then latency_ms when latency_ms < 10000 then latency_ms / 10 * 10 when latency_ms < 100000 then latency_ms / 100 * 100 else latency_ms / 1000 * 1000 end`;
}
