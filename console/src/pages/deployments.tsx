import { useEffect, useState } from 'preact/hooks';
import { getJson, query, sendJson, type DeploymentCheck, type DeploymentsView } from '../api';
import { PageHeader } from '../components/status';
import { LoadError, SkeletonRows, loadFailure } from '../components/load-state';
import { CheckHistory, CooldownHistory } from '../components/deployment-history';
import { formatCount, formatMs, formatRelative, formatShare, formatTime } from '../format';

const ranges = [
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
] as const;

const refreshMs = 15_000;

type Row = DeploymentsView['data'][number];

/**
 * Every deployment as an operator judges it: how much traffic it took, how often it failed and
 * whose fault that was (a caller's 4xx is not the upstream's problem; a 429, a 5xx or a timeout
 * is), how fast it answered, whether it is cooling down now and when it did before, and a
 * check to run on demand whose results are kept.
 */
export function DeploymentsPage() {
  const [range, setRange] = useState<(typeof ranges)[number]['value']>('24h');
  const [view, setView] = useState<DeploymentsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checks, setChecks] = useState<Record<string, DeploymentCheck | 'running'>>({});

  const load = () =>
    getJson<DeploymentsView>(`/deployments/stats${query({ since: range })}`)
      .then((loaded) => {
        setView(loaded);
        setError(null);
      })
      .catch((caught: unknown) => setError(loadFailure(caught)));
  useEffect(() => {
    setView(null);
    void load();
    const timer = setInterval(() => void load(), refreshMs);
    return () => clearInterval(timer);
  }, [range]);

  const check = async (name: string) => {
    setChecks((current) => ({ ...current, [name]: 'running' }));
    try {
      const result = await sendJson<DeploymentCheck>('POST', `/deployments/${encodeURIComponent(name)}/check`);
      setChecks((current) => ({ ...current, [name]: result }));
      // The gateway keeps the result: reloading shows it in the history.
      void load();
    } catch (caught) {
      setChecks((current) => ({ ...current, [name]: { deployment: name, ok: false, status: 0, errorCode: 'check_failed', message: loadFailure(caught), latencyMs: 0, checkedAt: Date.now() } }));
    }
  };

  return (
    <section class="page" aria-labelledby="deployments-title">
      <PageHeader title="Deployments" description="Traffic, failures by whose fault, latency and cooldowns of every upstream deployment.">
        <div class="segmented" role="group" aria-label="Period">
          {ranges.map((entry) => (
            <button key={entry.value} type="button" aria-pressed={range === entry.value} onClick={() => setRange(entry.value)}>
              {entry.label}
            </button>
          ))}
        </div>
      </PageHeader>
      {error !== null && <LoadError message={error} onRetry={() => void load()} />}
      <section class="card" aria-labelledby="deployments-table-title">
        <div class="card-header">
          <h2 id="deployments-table-title">Deployments</h2>
          <span class="muted small">Caller errors: 4xx other than 429. Upstream failures: 429, 5xx, timeouts, lost connections.</span>
        </div>
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Deployments table">
          <table class="deployments cards-on-phone">
            <thead>
              <tr>
                <th scope="col">Deployment</th>
                <th scope="col">State</th>
                <th scope="col" class="number">
                  Attempts
                </th>
                <th scope="col" class="number">
                  Upstream failures
                </th>
                <th scope="col" class="number">
                  Caller errors
                </th>
                <th scope="col" class="number">
                  Latency p50 / p95
                </th>
                <th scope="col" class="number">
                  First token p50 / p95
                </th>
                <th scope="col">Check</th>
              </tr>
            </thead>
            <tbody>
              {view === null && error === null && <SkeletonRows columns={8} />}
              {view?.data.map((row) => <DeploymentRow key={row.name} row={row} check={checks[row.name] ?? row.checks[0]} onCheck={() => void check(row.name)} />)}
              {view !== null && view.data.length === 0 && (
                <tr>
                  <td colSpan={8} class="muted">
                    No deployments are configured.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>
      {view !== null && (
        <>
          <CooldownHistory events={view.data.flatMap((row) => row.cooldowns).sort((first, second) => second.startedAt - first.startedAt)} now={Date.now()} />
          <CheckHistory checks={view.data.flatMap((row) => row.checks).sort((first, second) => second.checkedAt - first.checkedAt)} />
        </>
      )}
    </section>
  );
}

function DeploymentRow({ row, check, onCheck }: { row: Row; check: DeploymentCheck | 'running' | undefined; onCheck: () => void }) {
  const { stats, health } = row;
  const lastCooldown = row.cooldowns[0];
  return (
    <tr data-deployment={row.name}>
      <th scope="row" class="deployment-name">
        <code>{row.name}</code>
        {row.models.length > 0 && <div class="muted small">serves {row.models.join(', ')}</div>}
        <a class="small" href={`#/usage/deployment/${encodeURIComponent(row.name)}`} aria-label={`Requests that tried ${row.name}`}>
          Requests
        </a>
      </th>
      <td data-label="State">
        {health.healthy ? (
          <span class="badge good">healthy</span>
        ) : (
          <span class="badge bad" title={health.cooldownUntil === undefined ? undefined : `until ${formatTime(health.cooldownUntil)}`}>
            cooling down
          </span>
        )}
        {health.inFlight > 0 && <div class="muted small">{health.inFlight} in flight</div>}
        {!health.healthy && health.cooldownUntil !== undefined && <div class="muted small">until {formatTime(health.cooldownUntil)}</div>}
        {health.healthy && lastCooldown !== undefined && (
          <div class="muted small">
            cooled down {formatRelative(lastCooldown.startedAt)} ({lastCooldown.status} {lastCooldown.errorCode})
          </div>
        )}
        {row.cooldowns.length > 0 && <div class="muted small">{row.cooldowns.length === 1 ? '1 cooldown' : `${row.cooldowns.length} cooldowns`} in history</div>}
      </td>
      <td class="number" data-label="Attempts">
        {formatCount(stats.attempts)}
        {stats.lastAttemptAt !== undefined && <div class="muted small">last {formatRelative(stats.lastAttemptAt)}</div>}
      </td>
      <td class="number" data-label="Upstream failures">
        <span class={stats.upstreamFailures > 0 ? 'rate bad' : 'rate'}>{formatShare(stats.upstreamFailures, stats.attempts)}</span>
        <div class="muted small">{formatCount(stats.upstreamFailures)}</div>
      </td>
      <td class="number" data-label="Caller errors">
        <span class="rate">{formatShare(stats.callerErrors, stats.attempts)}</span>
        <div class="muted small">{formatCount(stats.callerErrors)}</div>
      </td>
      <td class="number nowrap" data-label="Latency p50 / p95">
        {formatMs(stats.latencyP50Ms)} / {formatMs(stats.latencyP95Ms)}
      </td>
      <td class="number nowrap" data-label="First token p50 / p95">
        {formatMs(stats.ttftP50Ms)} / {formatMs(stats.ttftP95Ms)}
      </td>
      <td class="check-cell" data-label="Check">
        <button type="button" class="small-button" onClick={onCheck} disabled={check === 'running'} aria-label={`Check ${row.name}`}>
          {check === 'running' ? 'Checking…' : 'Check'}
        </button>
        <div aria-live="polite" class="check-result">
          {check !== undefined && check !== 'running' && (
            <span class={check.ok ? 'badge good' : 'badge bad'} title={check.ok ? undefined : check.message}>
              {check.ok ? `OK ${formatMs(check.latencyMs)}` : `${check.status === 0 ? '' : `${check.status} `}${check.errorCode}`}
            </span>
          )}
          {check !== undefined && check !== 'running' && !check.ok && (
            <div class="muted small check-message clamped-message" title={check.message}>
              {check.message}
            </div>
          )}
          {check !== undefined && check !== 'running' && <div class="muted small">checked {formatRelative(check.checkedAt)}</div>}
        </div>
      </td>
    </tr>
  );
}
