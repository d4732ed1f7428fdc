import { useEffect, useMemo, useState } from 'preact/hooks';
import { getJson, query, type Health, type ModelsInfo, type Overview, type SeriesGroup, type UsageTotals } from '../api';
import { TimeChart } from '../components/chart';
import { chartSeries } from '../../../src/usage/chart-series.js';
import { PageHeader } from '../components/status';
import { LoadError, loadFailure } from '../components/load-state';
import { formatCost, formatCount, formatMs, formatTime, formatTotalCost, unpricedNote } from '../format';

const ranges = [
  { value: '1h', label: 'Last hour', buckets: 60 },
  { value: '24h', label: 'Last 24 hours', buckets: 48 },
  { value: '7d', label: 'Last 7 days', buckets: 56 },
  { value: '30d', label: 'Last 30 days', buckets: 60 },
];

const refreshMs = 15_000;

export function OverviewPage() {
  const [range, setRange] = useState('24h');
  const [groupBy, setGroupBy] = useState<'model' | 'deployment'>('model');
  const [overview, setOverview] = useState<Overview | null>(null);
  const [models, setModels] = useState<ModelsInfo | null>(null);
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped by Retry: the effect below loads again at once.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stopped = false;
    const buckets = ranges.find((entry) => entry.value === range)?.buckets ?? 48;
    const load = () =>
      Promise.all([getJson<Overview>(`/overview${query({ since: range, buckets })}`), getJson<ModelsInfo>('/models'), getJson<Health>('/health')])
        .then(([loaded, info, state]) => {
          if (stopped) return;
          setOverview(loaded);
          setModels(info);
          setHealth(state);
          setError(null);
        })
        .catch((caught: unknown) => !stopped && setError(loadFailure(caught)));
    setOverview(null);
    void load();
    const timer = setInterval(load, refreshMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [range, attempt]);
  const loading = overview === null && error === null;

  const groups: SeriesGroup[] = overview === null ? [] : groupBy === 'model' ? overview.byModel : overview.byDeployment;
  const charts = useMemo(() => {
    return {
      requests: chartSeries(groups, (group) => group.requests),
      tokens: chartSeries(groups, (group) => group.inputTokens.map((input, index) => input + (group.outputTokens[index] ?? 0))),
      cost: chartSeries(groups, (group) => group.cost),
      errors: chartSeries(groups, (group) => group.errors),
      latency: chartSeries(groups, (group) => group.latencyMs, false),
    };
  }, [groups]);

  const totals = overview?.totals;
  const previous = overview?.previous;
  const periodName = (ranges.find((entry) => entry.value === range)?.label ?? 'period').replace(/^Last /, '');
  const errorRate = totals === undefined || totals.requests === 0 ? 0 : totals.errors / totals.requests;
  return (
    <section class="page" aria-labelledby="overview-title">
      <PageHeader title="Overview" description="Traffic, tokens, spend and latency across every model the gateway serves.">
        <label class="inline">
          <span>Period</span>
          <select value={range} onChange={(event) => setRange(event.currentTarget.value)}>
            {ranges.map((entry) => (
              <option key={entry.value} value={entry.value}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
        <div class="segmented" role="group" aria-label="Group charts by">
          <button type="button" aria-pressed={groupBy === 'model'} onClick={() => setGroupBy('model')}>
            Per model
          </button>
          <button type="button" aria-pressed={groupBy === 'deployment'} onClick={() => setGroupBy('deployment')}>
            Per deployment
          </button>
        </div>
      </PageHeader>
      {error !== null && <LoadError message={error} onRetry={() => setAttempt((count) => count + 1)} />}
      <div class="stats" aria-live="polite" aria-busy={loading}>
        <Stat label="Requests" value={totals === undefined ? undefined : formatCount(totals.requests)} testId="stat-requests" change={compare(totals?.requests, previous?.requests, periodName)} />
        <Stat label="Tokens" value={totals === undefined ? undefined : formatCount(totals.inputTokens + totals.outputTokens)} detail={totals === undefined ? undefined : `${formatCount(totals.inputTokens)} in · ${formatCount(totals.outputTokens)} out`} change={compare(totals && totals.inputTokens + totals.outputTokens, previous && previous.inputTokens + previous.outputTokens, periodName)} />
        <Stat label="Cost" value={totals === undefined ? undefined : formatTotalCost(totals)} detail={totals === undefined ? undefined : unpricedNote(totals.unpricedRequests)} testId="stat-cost" change={compare(totals?.cost, previous?.cost, periodName)} />
        <Stat label="Error rate" value={totals === undefined ? undefined : `${(errorRate * 100).toFixed(errorRate > 0 && errorRate < 0.1 ? 1 : 0)}%`} detail={totals === undefined ? undefined : `${formatCount(totals.errors)} ${totals.errors === 1 ? 'error' : 'errors'}`} tone={errorRate > 0.05 ? 'bad' : undefined} change={compareRate(totals, previous, periodName)} testId="stat-errors" />
        <Stat label="Latency" value={totals === undefined ? undefined : formatMs(totals.meanLatencyMs)} detail={totals === undefined ? undefined : `p95 ${formatMs(totals.p95LatencyMs)}`} change={compare(totals?.meanLatencyMs ?? undefined, previous?.meanLatencyMs ?? undefined, periodName)} />
      </div>
      {loading && (
        <div class="chart-grid" aria-hidden="true">
          {['Requests', 'Tokens', 'Cost', 'Errors', 'Mean latency'].map((title) => (
            <div key={title} class="card chart chart-skeleton">
              <span class="skeleton skeleton-title" />
              <span class="skeleton skeleton-plot" />
            </div>
          ))}
        </div>
      )}
      {overview !== null && (
        <div class="chart-grid">
          <TimeChart title="Requests" starts={overview.starts} series={charts.requests} format={formatCount} kind="count" stack />
          <TimeChart title="Tokens" starts={overview.starts} series={charts.tokens} format={formatCount} kind="count" stack />
          <TimeChart title="Cost" starts={overview.starts} series={charts.cost} format={formatCost} kind="cost" stack />
          <TimeChart title="Errors" starts={overview.starts} series={charts.errors} format={formatCount} kind="count" stack />
          <TimeChart title="Mean latency" starts={overview.starts} series={charts.latency} format={formatMs} kind="duration" totals={false} />
        </div>
      )}
      <Deployments models={models} health={health} />
    </section>
  );
}

/** This period against the one before it, in words: "↑ 25% on the previous 24 hours". */
export function compare(current: number | undefined, before: number | undefined, period: string): string | undefined {
  if (current === undefined || before === undefined) return undefined;
  const against = `the previous ${period}`;
  if (before === 0) return current === 0 ? `None in ${against} either` : `None in ${against}`;
  const change = (current - before) / before;
  if (Math.abs(change) < 0.005) return `Same as ${against}`;
  const percent = Math.abs(change * 100);
  return `${change > 0 ? '↑' : '↓'} ${percent.toFixed(percent < 10 ? 1 : 0)}% on ${against}`;
}

/** An error rate against the previous period's, in percentage points: a rate's change in percent misleads. */
export function compareRate(current: UsageTotals | undefined, before: UsageTotals | undefined, period: string): string | undefined {
  if (current === undefined || before === undefined) return undefined;
  if (before.requests === 0) return `No requests in the previous ${period}`;
  const points = ((current.requests === 0 ? 0 : current.errors / current.requests) - before.errors / before.requests) * 100;
  if (Math.abs(points) < 0.05) return `Same as the previous ${period}`;
  return `${points > 0 ? '↑' : '↓'} ${Math.abs(points).toFixed(1)} points on the previous ${period}`;
}

/** A summary card; without a value yet (`undefined`) it shows a placeholder, not a dash that reads as "none". */
function Stat({ label, value, detail, tone, testId, change }: { label: string; value: string | undefined; detail?: string | undefined; tone?: 'bad' | undefined; testId?: string; change?: string | undefined }) {
  return (
    <div class={`card stat ${tone ?? ''}`} data-testid={testId}>
      <span class="stat-label">{label}</span>
      {value === undefined ? <span class="skeleton stat-skeleton" aria-label="Loading" role="img" /> : <strong class="stat-value">{value}</strong>}
      {detail !== undefined && <span class="stat-detail">{detail}</span>}
      {change !== undefined && <span class="stat-change">{change}</span>}
    </div>
  );
}

function Deployments({ models, health }: { models: ModelsInfo | null; health: Health | null }) {
  if (models === null) return null;
  const stateOf = (name: string) => health?.deployments.find((entry) => entry.name === name);
  return (
    <section class="card" aria-labelledby="deployments-title">
      <div class="card-header">
        <h2 id="deployments-title">Deployments</h2>
        {health !== null && !health.tracked && (
          <span class="hint" title="The gateway does not track deployment health and cooldowns yet; every deployment reads as healthy.">
            Health tracking: not yet available
          </span>
        )}
      </div>
      <div class="table-wrap" tabIndex={0} role="region" aria-label="Deployments table">
        <table>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Deployment</th>
              <th scope="col">Upstream dialect</th>
              <th scope="col">Order</th>
              <th scope="col">Health</th>
            </tr>
          </thead>
          <tbody>
            {models.models.flatMap((model) =>
              model.deployments.map((deployment, index) => {
                const state = stateOf(deployment.name);
                const cooling = state?.cooldownUntil !== undefined && state.cooldownUntil > Date.now();
                return (
                  <tr key={`${model.name}-${deployment.name}`}>
                    <td>{index === 0 ? <strong>{model.name}</strong> : ''}</td>
                    <td>
                      <code>{deployment.name}</code>
                    </td>
                    <td>{deployment.dialect}</td>
                    <td>{index === 0 ? 'primary' : `fallback ${index}`}</td>
                    <td>
                      {state === undefined ? (
                        <span class="badge neutral">unknown</span>
                      ) : cooling ? (
                        <span class="badge warn">cooling down until {formatTime(state.cooldownUntil as number)}</span>
                      ) : state.healthy ? (
                        <span class="badge good">healthy</span>
                      ) : (
                        <span class="badge bad">unhealthy</span>
                      )}
                    </td>
                  </tr>
                );
              }),
            )}
            {models.models.length === 0 && (
              <tr>
                <td colSpan={5} class="muted">
                  No models are configured; callers address providers directly as <code>provider/model</code>.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
