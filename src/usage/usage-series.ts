import type { UsageRecord } from './usage-record.js';

/** One model's or deployment's figures per time bucket; `latencyMs` is the mean, null where no request fell. */
export interface UsageSeriesGroup {
  name: string;
  requests: number[];
  errors: number[];
  inputTokens: number[];
  outputTokens: number[];
  cost: number[];
  latencyMs: Array<number | null>;
}

export interface UsageTotals {
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  /** Dollars of the priced requests. */
  cost: number;
  /** Requests to models without a price, whose cost is unknown and not in `cost`. */
  unpricedRequests: number;
  /** Mean and 95th percentile over the period; null without requests. */
  meanLatencyMs: number | null;
  p95LatencyMs: number | null;
}

export interface UsageSeries {
  since: number;
  bucketMs: number;
  /** Each bucket's start, epoch milliseconds. */
  starts: number[];
  totals: UsageTotals;
  byModel: UsageSeriesGroup[];
  byDeployment: UsageSeriesGroup[];
  /**
   * The totals of the window of the same length just before `since`, so a summary can say
   * "up 12% on the previous period"; absent when the caller did not ask for it.
   */
  previous?: UsageTotals;
}

/** A request counts as an error when its status is not 2xx or its stream ended with an error. */
export function isErrorRecord(record: UsageRecord): boolean {
  return record.status >= 400 || record.errorCode !== undefined;
}

/**
 * Usage records over `[since, since + buckets × bucketMs)` as time series per model and per
 * deployment, for the console's charts. Records outside the window are ignored.
 */
export function usageSeries(records: readonly UsageRecord[], since: number, bucketMs: number, buckets: number): UsageSeries {
  const starts = Array.from({ length: buckets }, (_, index) => since + index * bucketMs);
  const byModel = new Map<string, { group: UsageSeriesGroup; latencySum: number[] }>();
  const byDeployment = new Map<string, { group: UsageSeriesGroup; latencySum: number[] }>();
  const latencies: number[] = [];
  const totals: UsageTotals = { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, cost: 0, unpricedRequests: 0, meanLatencyMs: null, p95LatencyMs: null };
  for (const record of records) {
    const index = Math.floor((record.createdAt - since) / bucketMs);
    if (index < 0 || index >= buckets) continue;
    const error = isErrorRecord(record) ? 1 : 0;
    totals.requests += 1;
    totals.errors += error;
    totals.inputTokens += record.inputTokens;
    totals.outputTokens += record.outputTokens;
    // A request with no price adds the dollars of its priced part, as the stored series sums them (usage-row.ts).
    const dollars = record.cost ?? record.knownCost ?? 0;
    if (record.cost === null) totals.unpricedRequests += 1;
    totals.cost += dollars;
    latencies.push(record.latencyMs);
    for (const [groups, name] of [
      [byModel, record.model],
      [byDeployment, record.deployment ?? '(none)'],
    ] as const) {
      let entry = groups.get(name);
      if (entry === undefined) {
        entry = { group: emptyGroup(name, buckets), latencySum: new Array<number>(buckets).fill(0) };
        groups.set(name, entry);
      }
      const { group, latencySum } = entry;
      group.requests[index] = (group.requests[index] ?? 0) + 1;
      group.errors[index] = (group.errors[index] ?? 0) + error;
      group.inputTokens[index] = (group.inputTokens[index] ?? 0) + record.inputTokens;
      group.outputTokens[index] = (group.outputTokens[index] ?? 0) + record.outputTokens;
      group.cost[index] = (group.cost[index] ?? 0) + dollars;
      latencySum[index] = (latencySum[index] ?? 0) + record.latencyMs;
    }
  }
  if (latencies.length > 0) {
    latencies.sort((a, b) => a - b);
    totals.meanLatencyMs = Math.round(latencies.reduce((sum, value) => sum + value, 0) / latencies.length);
    totals.p95LatencyMs = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.95) - 1)] ?? null;
  }
  const finish = (groups: Map<string, { group: UsageSeriesGroup; latencySum: number[] }>) =>
    [...groups.values()]
      .map(({ group, latencySum }) => {
        group.latencyMs = group.requests.map((count, index) => (count === 0 ? null : Math.round((latencySum[index] ?? 0) / count)));
        return group;
      })
      .sort((a, b) => sum(b.requests) - sum(a.requests) || a.name.localeCompare(b.name));
  return { since, bucketMs, starts, totals, byModel: finish(byModel), byDeployment: finish(byDeployment) };
}

/** The totals of the records in `[from, until)`: the period before a series, for comparison. */
export function usageTotals(records: readonly UsageRecord[], from: number, until: number): UsageTotals {
  const inside = records.filter((record) => record.createdAt >= from && record.createdAt < until);
  return usageSeries(inside, from, Math.max(1, until - from), 1).totals;
}

function emptyGroup(name: string, buckets: number): UsageSeriesGroup {
  const zeros = () => new Array<number>(buckets).fill(0);
  return { name, requests: zeros(), errors: zeros(), inputTokens: zeros(), outputTokens: zeros(), cost: zeros(), latencyMs: [] };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
