import { sql, type RawBuilder } from 'kysely';
import type { Store } from '../store/open-store.js';
import type { DeploymentStats } from './deployment-stats.js';
import { LatencyHistogram, latencyBin } from './latency-histogram.js';
import { forEachSlice } from './usage-series-query.js';
import { readAgainOnConnectionLoss } from '../store/connection-loss-retry.js';

/**
 * `deploymentStats` computed by the database: per slice of the window one `GROUP BY deployment`
 * over the attempts the records list and one count per latency bin (latency-histogram.ts), with a
 * turn of the event loop between slices (usage-series-query.ts `forEachSlice`), so neither the
 * records nor their latencies are held here: 200,000 records read at once held every chat
 * request for seconds. Counts are exact; a percentile over a second is its bin's lower edge.
 * Read again from the start on a connection ended under the gateway (connection-loss-retry.ts).
 */
export function queryDeploymentStats(store: Store, since: number): Promise<DeploymentStats[]> {
  return readAgainOnConnectionLoss(() => readDeploymentStats(store, since));
}

async function readDeploymentStats(store: Store, since: number): Promise<DeploymentStats[]> {
  const byName = new Map<string, { stats: DeploymentStats; latencies: LatencyHistogram; ttfts: LatencyHistogram }>();
  const entry = (name: string) => {
    let found = byName.get(name);
    if (found === undefined) {
      found = { stats: { name, attempts: 0, succeeded: 0, callerErrors: 0, upstreamFailures: 0, cancelled: 0 }, latencies: new LatencyHistogram(), ttfts: new LatencyHistogram() };
      byName.set(name, found);
    }
    return found;
  };
  // The window has no end (a replica's clock may run ahead): it reaches past the newest record.
  const newest = await sql<{ newest: number | string | null }>`select max(created_at) as newest from usage_records`.execute(store.db);
  const end = Math.max(Date.now(), Number(newest.rows[0]?.newest ?? 0)) + 1;
  await forEachSlice(store, since, end, async (from, until) => {
    const attempts = attemptRows(store, from, until);
    const counted = await sql<CountRow>`
      select deployment, count(*) as attempts,
        sum(case when status < 400 then 1 else 0 end) as succeeded,
        sum(case when status >= 400 and status <> 499 and status <> 429 and status < 500 then 1 else 0 end) as caller_errors,
        sum(case when status = 429 or status >= 500 then 1 else 0 end) as upstream_failures,
        sum(case when status = 499 then 1 else 0 end) as cancelled,
        max(created_at) as last_at
      from (${attempts}) as attempt
      group by deployment`.execute(store.db);
    for (const row of counted.rows) {
      const { stats } = entry(row.deployment);
      stats.attempts += Number(row.attempts);
      stats.succeeded += Number(row.succeeded);
      stats.callerErrors += Number(row.caller_errors);
      stats.upstreamFailures += Number(row.upstream_failures);
      stats.cancelled += Number(row.cancelled);
      stats.lastAttemptAt = Math.max(stats.lastAttemptAt ?? 0, Number(row.last_at));
    }
    // `ok` in attemptOutcome (usage-attempts.ts) is a status under 400.
    const latencies = await sql<BinRow>`
      select deployment, ${latencyBin()} as bin, count(*) as count
      from (${attempts}) as attempt where status < 400
      group by 1, 2`.execute(store.db);
    for (const row of latencies.rows) entry(row.deployment).latencies.add(Number(row.bin), Number(row.count));
    // First-token time belongs to the deployment that answered (the record's), as in deploymentStats.
    const ttfts = await sql<BinRow>`
      select deployment, ${latencyBin()} as bin, count(*) as count
      from (select deployment, ttft_ms as latency_ms from usage_records
        where created_at >= ${from} and created_at < ${until} and ttft_ms is not null and deployment is not null) as answered
      group by 1, 2`.execute(store.db);
    for (const row of ttfts.rows) entry(row.deployment).ttfts.add(Number(row.bin), Number(row.count));
  });
  return [...byName.values()]
    .map(({ stats, latencies, ttfts }) => ({ ...stats, ...percentiles('latency', latencies), ...percentiles('ttft', ttfts) }))
    .sort((left, right) => left.name.localeCompare(right.name));
}

interface CountRow {
  deployment: string;
  attempts: number | string;
  succeeded: number | string;
  caller_errors: number | string;
  upstream_failures: number | string;
  cancelled: number | string;
  last_at: number | string;
}

interface BinRow {
  deployment: string;
  bin: number | string;
  count: number | string;
}

/**
 * One row per attempt of the records created in `[from, until)`: `created_at, deployment, status,
 * latency_ms` (the attempt's `ms`, named so `latencyBin` reads it). As `attemptsFromColumn` reads
 * the column, a record whose `attempts` is absent or not a JSON array counts as one attempt at the
 * deployment it names, with its own status and latency.
 */
function attemptRows(store: Store, from: number, until: number): RawBuilder<unknown> {
  if (store.kind === 'postgres') {
    // PostgreSQL 15 has no safe cast: a column that is not JSON at all fails the query (the gateway writes it with JSON.stringify).
    return sql`
      select r.created_at, e.value ->> 'deployment' as deployment, (e.value ->> 'status')::integer as status, floor((e.value ->> 'ms')::numeric)::bigint as latency_ms
      from usage_records r cross join lateral jsonb_array_elements(case when jsonb_typeof(r.attempts::jsonb) = 'array' then r.attempts::jsonb else '[]'::jsonb end) as e
      where r.created_at >= ${from} and r.created_at < ${until} and r.attempts is not null
      union all
      select created_at, deployment, status, latency_ms from usage_records
      where created_at >= ${from} and created_at < ${until} and deployment is not null
        and (attempts is null or jsonb_typeof(attempts::jsonb) <> 'array')`;
  }
  // SQLite: json_type fails on text that is not JSON, so json_valid guards it inside a case.
  return sql`
    select r.created_at, json_extract(e.value, '$.deployment') as deployment, json_extract(e.value, '$.status') as status, json_extract(e.value, '$.ms') as latency_ms
    from usage_records r, json_each(case when json_valid(r.attempts) then (case when json_type(r.attempts) = 'array' then r.attempts end) end) as e
    where r.created_at >= ${from} and r.created_at < ${until} and r.attempts is not null
    union all
    select created_at, deployment, status, latency_ms from usage_records
    where created_at >= ${from} and created_at < ${until} and deployment is not null
      and (attempts is null or (case when json_valid(attempts) then json_type(attempts) end) is not 'array')`;
}

function percentiles(prefix: 'latency' | 'ttft', histogram: LatencyHistogram): Partial<DeploymentStats> {
  const p50 = histogram.percentile(0.5);
  const p95 = histogram.percentile(0.95);
  if (p50 === null || p95 === null) return {};
  return prefix === 'latency' ? { latencyP50Ms: p50, latencyP95Ms: p95 } : { ttftP50Ms: p50, ttftP95Ms: p95 };
}
