import { sql } from 'kysely';
import type { Store } from '../store/open-store.js';
import { LatencyHistogram, latencyBin } from './latency-histogram.js';
import { readAgainOnConnectionLoss } from '../store/connection-loss-retry.js';
import type { UsageSeries, UsageSeriesGroup, UsageTotals } from './usage-series.js';

/**
 * The console's overview computed by the database: each slice of the window is one
 * `GROUP BY bucket, model, deployment` and one count per latency bin (latency-histogram.ts), so
 * what reaches the gateway is a few rows per bucket, not every request. better-sqlite3 runs a
 * query on the event loop, so the window is read in slices of about `sliceTargetMs` each, with a
 * turn of the event loop between them: a report over 200,000 requests held every chat request
 * for seconds when it was one read (and the records were added up here). Read again from the
 * start on a connection ended under the gateway (connection-loss-retry.ts).
 */
export function queryUsageSeries(store: Store, since: number, bucketMs: number, buckets: number): Promise<UsageSeries> {
  return readAgainOnConnectionLoss(() => readUsageSeries(store, since, bucketMs, buckets));
}

async function readUsageSeries(store: Store, since: number, bucketMs: number, buckets: number): Promise<UsageSeries> {
  const starts = Array.from({ length: buckets }, (_, index) => since + index * bucketMs);
  const byModel = new Map<string, GroupSums>();
  const byDeployment = new Map<string, GroupSums>();
  const totals = { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, cost: 0, unpricedRequests: 0, latencySum: 0 };
  const histogram = new LatencyHistogram();
  await forEachSlice(store, since, since + buckets * bucketMs, async (from, until) => {
    for (const row of await groupedRows(store, since, bucketMs, from, until)) {
      const requests = Number(row.requests);
      const errors = Number(row.errors);
      const inputTokens = Number(row.input_tokens ?? 0);
      const outputTokens = Number(row.output_tokens ?? 0);
      const cost = Number(row.cost ?? 0);
      const latencySum = Number(row.latency_sum ?? 0);
      totals.requests += requests;
      totals.errors += errors;
      totals.inputTokens += inputTokens;
      totals.outputTokens += outputTokens;
      totals.cost += cost;
      totals.unpricedRequests += Number(row.unpriced ?? 0);
      totals.latencySum += latencySum;
      const index = Number(row.bucket);
      for (const [groups, name] of [
        [byModel, row.model],
        [byDeployment, row.deployment ?? '(none)'],
      ] as const) {
        let group = groups.get(name);
        if (group === undefined) {
          group = emptySums(name, buckets);
          groups.set(name, group);
        }
        group.requests[index] = (group.requests[index] ?? 0) + requests;
        group.errors[index] = (group.errors[index] ?? 0) + errors;
        group.inputTokens[index] = (group.inputTokens[index] ?? 0) + inputTokens;
        group.outputTokens[index] = (group.outputTokens[index] ?? 0) + outputTokens;
        group.cost[index] = (group.cost[index] ?? 0) + cost;
        group.latencySum[index] = (group.latencySum[index] ?? 0) + latencySum;
      }
    }
    for (const row of await latencyRows(store, from, until)) histogram.add(Number(row.bin), Number(row.requests));
  });
  const summary: UsageTotals = {
    requests: totals.requests,
    errors: totals.errors,
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    cost: totals.cost,
    unpricedRequests: totals.unpricedRequests,
    meanLatencyMs: totals.requests === 0 ? null : Math.round(totals.latencySum / totals.requests),
    p95LatencyMs: histogram.percentile(0.95),
  };
  return { since, bucketMs, starts, totals: summary, byModel: finished(byModel), byDeployment: finished(byDeployment) };
}

/** The totals of `[from, until)`: the period before an overview, for comparison. */
export async function queryUsageTotals(store: Store, from: number, until: number): Promise<UsageTotals> {
  return (await queryUsageSeries(store, from, Math.max(1, until - from), 1)).totals;
}

/** Roughly how long one slice's queries may hold the event loop (SQLite) before the next turn. */
const sliceTargetMs = 10;
/** The records the first slice reads; later slices read more or fewer as the earlier ones took. */
const firstSliceRecords = 2_000;
const fewestSliceRecords = 100;
const mostSliceRecords = 200_000;

/**
 * Runs `work` over `[start, end)` in consecutive slices of the records' time, each ending where
 * a count of records would be passed: a slice that took far under `sliceTargetMs` doubles the
 * next one's count, one that took over twice it halves it. Slices were once spans of time, and a
 * span doubled over an empty stretch (a month's window over a week of records) was days long when
 * the records began: one read of 600,000 records held the event loop 2.6 s. Counted, a slice
 * reads as many records however they are spread, and an empty stretch is passed in one step.
 * Where a slice ends is found on the `created_at` index, in the slice's own time.
 */
export async function forEachSlice(store: Store, start: number, end: number, work: (from: number, until: number) => Promise<void>): Promise<void> {
  let records = firstSliceRecords;
  for (let from = start; from < end; ) {
    const began = performance.now();
    const next = await recordTimeAfter(store, from, end, records);
    // Records that share one millisecond are read together: a slice is at least that millisecond.
    const until = next === undefined ? end : Math.max(next, from + 1);
    await work(from, until);
    const took = performance.now() - began;
    if (took > 2 * sliceTargetMs) records = Math.max(fewestSliceRecords, Math.floor(records / 2));
    else if (took < sliceTargetMs / 2) records = Math.min(mostSliceRecords, records * 2);
    from = until;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** When the record that follows the first `count` records from `from` on (before `end`) was made; undefined when there are no more than `count`. */
async function recordTimeAfter(store: Store, from: number, end: number, count: number): Promise<number | undefined> {
  const result = await sql<{ created_at: number | string }>`
    select created_at from usage_records
    where created_at >= ${from} and created_at < ${end}
    order by created_at limit 1 offset ${count}`.execute(store.db);
  const found = result.rows[0]?.created_at;
  return found === undefined ? undefined : Number(found);
}

interface GroupedRow {
  bucket: number | string;
  model: string;
  deployment: string | null;
  requests: number | string;
  errors: number | string;
  input_tokens: number | string | null;
  output_tokens: number | string | null;
  cost: number | string | null;
  unpriced: number | string | null;
  latency_sum: number | string | null;
}

/**
 * One slice's sums per bucket, model and deployment. The bucket is cast to an integer: better-sqlite3
 * binds a JavaScript number as a REAL, so the division would not be an integer one in SQLite.
 * An error is what `isErrorRecord` says (usage-series.ts): a status from 400 or an error code.
 */
async function groupedRows(store: Store, since: number, bucketMs: number, from: number, until: number): Promise<GroupedRow[]> {
  const result = await sql<GroupedRow>`
    select cast((created_at - ${since}) / ${bucketMs} as integer) as bucket, model, deployment,
      count(*) as requests,
      sum(case when status >= 400 or error_code is not null then 1 else 0 end) as errors,
      sum(input_tokens) as input_tokens,
      sum(output_tokens) as output_tokens,
      sum(cost) as cost,
      sum(case when no_price = 1 then 1 else 0 end) as unpriced,
      sum(latency_ms) as latency_sum
    from usage_records
    where created_at >= ${from} and created_at < ${until}
    group by 1, 2, 3`.execute(store.db);
  return result.rows;
}

async function latencyRows(store: Store, from: number, until: number): Promise<Array<{ bin: number | string; requests: number | string }>> {
  const result = await sql<{ bin: number | string; requests: number | string }>`
    select ${latencyBin()} as bin, count(*) as requests
    from usage_records
    where created_at >= ${from} and created_at < ${until}
    group by 1`.execute(store.db);
  return result.rows;
}

interface GroupSums extends UsageSeriesGroup {
  latencySum: number[];
}

function emptySums(name: string, buckets: number): GroupSums {
  const zeros = () => new Array<number>(buckets).fill(0);
  return { name, requests: zeros(), errors: zeros(), inputTokens: zeros(), outputTokens: zeros(), cost: zeros(), latencyMs: [], latencySum: zeros() };
}

/** Mean latency per bucket, busiest group first (as `usageSeries` orders them). */
function finished(groups: Map<string, GroupSums>): UsageSeriesGroup[] {
  return [...groups.values()]
    .map(({ latencySum, ...group }) => ({ ...group, latencyMs: group.requests.map((count, index) => (count === 0 ? null : Math.round((latencySum[index] ?? 0) / count))) }))
    .sort((left, right) => total(right.requests) - total(left.requests) || left.name.localeCompare(right.name));
}

function total(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0);
}
