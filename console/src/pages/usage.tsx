import { useEffect, useState } from 'preact/hooks';
import { getBlob, getJson, query, type GatewayKey, type ModelsInfo, type UsageRecord } from '../api';
import { PageHeader, StatusBadge } from '../components/status';
import { estimatedTokensHint, formatCostFixed, formatCount, formatMs, formatTime } from '../format';
import { LoadError, SkeletonRows, loadFailure } from '../components/load-state';
import { RequestDetail } from '../components/request-detail';

const pageSize = 50;

/** Typing waits this long for the next key before the log is asked again. */
const typingPauseMs = 300;

interface Filters {
  key: string;
  /** `provider/model`: requests that tried it. */
  deployment: string;
  model: string;
  status: string;
  /** A quick range (`1h`, `24h`, `7d`) the admin API reads as "that long ago"; empty for the From/To fields. */
  range: string;
  since: string;
  until: string;
}

const noFilters: Filters = { key: '', deployment: '', model: '', status: '', range: '', since: '', until: '' };

const quickRanges = [
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
  { value: '', label: 'Any time' },
] as const;

/** A `datetime-local` value (local time) as ISO, which the admin API reads. */
function isoOf(local: string): string | undefined {
  return local === '' ? undefined : new Date(local).toISOString();
}

/** `#/usage/deployment/<provider/model>` opens the log filtered to one deployment (the deployments page links there). */
export function UsagePage({ route }: { route: string[] }) {
  const routeDeployment = route[0] === 'deployment' ? (route[1] ?? '') : '';
  /** What the fields show, as typed; `filters` follows it once typing pauses. */
  const [draft, setDraft] = useState<Filters>(() => ({ ...noFilters, deployment: routeDeployment }));
  const [filters, setFilters] = useState<Filters>(draft);
  const [opened, setOpened] = useState<UsageRecord | null>(null);
  const [offset, setOffset] = useState(0);
  const [records, setRecords] = useState<UsageRecord[] | null>(null);
  const [total, setTotal] = useState(0);
  const [keys, setKeys] = useState<GatewayKey[]>([]);
  const [models, setModels] = useState<string[]>([]);
  const [deployments, setDeployments] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const params = () => ({ key: filters.key, deployment: filters.deployment, model: filters.model.trim(), status: filters.status, since: filters.range !== '' ? filters.range : isoOf(filters.since), until: filters.range !== '' ? undefined : isoOf(filters.until) });
  const load = async () => {
    setLoading(true);
    try {
      const page = await getJson<{ data: UsageRecord[]; total: number }>(`/usage/log${query({ ...params(), limit: pageSize, offset })}`);
      setRecords(page.data);
      setTotal(page.total);
      setError(null);
    } catch (caught) {
      setError(loadFailure(caught));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), [filters, offset]);
  useEffect(() => {
    if (draft === filters) return;
    const timer = setTimeout(() => {
      setOffset(0);
      setFilters(draft);
    }, typingPauseMs);
    return () => clearTimeout(timer);
  }, [draft]);
  useEffect(() => {
    getJson<{ data: GatewayKey[] }>('/keys').then((list) => setKeys(list.data), () => undefined);
    getJson<ModelsInfo>('/models').then(
      (info) => {
        setModels(info.models.map((model) => model.name));
        setDeployments([...new Set(info.models.flatMap((model) => model.deployments.map((deployment) => deployment.name)))].sort());
      },
      () => undefined,
    );
  }, []);
  useEffect(() => setDraft((current) => (current.deployment === routeDeployment ? current : { ...current, deployment: routeDeployment })), [routeDeployment]);

  const change = (name: keyof Filters) => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value;
    // A date typed in From or To replaces a quick range.
    setDraft((current) => ({ ...current, [name]: value, ...(name === 'since' || name === 'until' ? { range: '' } : {}) }));
  };
  const pickRange = (range: string) => setDraft((current) => ({ ...current, range, since: '', until: '' }));
  const exportCsv = async () => {
    try {
      const blob = await getBlob(`/usage/export.csv${query(params())}`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `interlingua-usage-${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (caught) {
      setError((caught as Error).message);
    }
  };
  const last = Math.min(offset + pageSize, total);
  return (
    <section class="page" aria-labelledby="usage-title">
      <PageHeader title="Usage" description="Every request through the gateway: who sent it, where it went, what it cost.">
        <button type="button" onClick={() => void load()} disabled={loading}>
          Refresh
        </button>
        <button type="button" class="primary" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      </PageHeader>
      <form class="card filters" onSubmit={(event) => event.preventDefault()} aria-label="Filter the request log">
        <div class="field">
          <label for="filter-key">Key</label>
          <select id="filter-key" value={draft.key} onChange={change('key')}>
            <option value="">All keys</option>
            {keys.map((key) => (
              <option key={key.id} value={key.name}>
                {key.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-deployment">Deployment</label>
          <select id="filter-deployment" value={draft.deployment} onChange={change('deployment')}>
            <option value="">All deployments</option>
            {[...new Set([...deployments, ...(draft.deployment === '' ? [] : [draft.deployment])])].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-model">Model</label>
          <input id="filter-model" list="known-models" value={draft.model} onInput={change('model')} placeholder="gpt-4o, 4o or gpt-*" aria-describedby="filter-model-hint" autocomplete="off" />
          <span id="filter-model-hint" class="visually-hidden">
            Part of a model name, or a pattern with * and ?
          </span>
          <datalist id="known-models">
            {models.map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
        </div>
        <div class="field">
          <label for="filter-status">Status</label>
          <select id="filter-status" value={draft.status} onChange={change('status')}>
            <option value="">Any status</option>
            <option value="ok">Succeeded</option>
            <option value="error">Failed</option>
            <option value="4xx">4xx caller errors</option>
            <option value="5xx">5xx upstream and gateway errors</option>
            <option value="429">429 rate limited</option>
            <option value="499">499 caller left</option>
          </select>
        </div>
        <div class="field period">
          <span class="field-label" id="range-label">
            Period
          </span>
          <div class="segmented" role="group" aria-labelledby="range-label">
            {quickRanges.map((entry) => (
              <button key={entry.value} type="button" aria-pressed={draft.range === entry.value && (entry.value !== '' || (draft.since === '' && draft.until === ''))} onClick={() => pickRange(entry.value)}>
                {entry.label}
              </button>
            ))}
          </div>
        </div>
        <div class="field">
          <label for="filter-since">From</label>
          <input id="filter-since" type="datetime-local" value={draft.since} onInput={change('since')} />
        </div>
        <div class="field">
          <label for="filter-until">To</label>
          <input id="filter-until" type="datetime-local" value={draft.until} onInput={change('until')} />
        </div>
        <div class="field end">
          <button type="button" class="ghost" onClick={() => setDraft(noFilters)}>
            Clear
          </button>
        </div>
      </form>
      {error !== null && <LoadError message={error} onRetry={() => void load()} />}
      <section class="card" aria-labelledby="log-title">
        <div class="card-header">
          <h2 id="log-title">Request log</h2>
          <span class="muted small" aria-live="polite">
            {records === null ? 'Loading…' : total === 0 ? 'No requests' : `${offset + 1}–${last} of ${formatCount(total)}`}
          </span>
        </div>
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Request log table">
          <table class="log cards-on-phone" aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Key</th>
                <th scope="col">Model</th>
                <th scope="col">Deployment</th>
                <th scope="col">Caller</th>
                <th scope="col">Status</th>
                <th scope="col" class="number">
                  Tokens in / out
                </th>
                <th scope="col" class="number">
                  Cost
                </th>
                <th scope="col" class="number">
                  Latency
                </th>
              </tr>
            </thead>
            <tbody>
              {(records ?? []).map((record) => (
                <tr key={record.id} class="openable" onClick={(event) => (event.target as HTMLElement).closest('button, a') === null && setOpened(record)}>
                  <td class="nowrap card-heading">
                    <button type="button" class="link-button" onClick={() => setOpened(record)} aria-haspopup="dialog" title="Open the request">
                      {formatTime(record.createdAt)}
                    </button>
                  </td>
                  <td data-label="Key">{record.keyName ?? <span class="muted">none</span>}</td>
                  <td data-label="Model">{record.model}</td>
                  <td class="nowrap" data-label="Deployment">
                    <code>{record.deployment ?? '–'}</code>
                    {(record.attempts?.length ?? 0) > 1 && <span class="badge neutral small-badge">{record.attempts?.length} attempts</span>}
                  </td>
                  <td class="nowrap" data-label="Caller">
                    {record.caller}
                    {record.stream && <span class="badge neutral small-badge">stream</span>}
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={record.status} errorCode={record.errorCode} />
                  </td>
                  <td class="number nowrap" data-label="Tokens in / out">
                    {formatCount(record.inputTokens)} / {formatCount(record.outputTokens)}
                    {record.estimated === true && (
                      <span class="badge neutral small-badge" title={estimatedTokensHint}>
                        estimated
                      </span>
                    )}
                  </td>
                  <td class="number nowrap" data-label="Cost">{record.cost === null ? <span class="badge neutral">no price</span> : formatCostFixed(record.cost)}</td>
                  <td class="number nowrap" data-label="Latency" title={record.ttftMs === undefined ? undefined : `first token after ${formatMs(record.ttftMs)}`}>
                    {formatMs(record.latencyMs)}
                  </td>
                </tr>
              ))}
              {records === null && error === null && <SkeletonRows columns={9} />}
              {records !== null && records.length === 0 && (
                <tr>
                  <td colSpan={9} class="muted">
                    No requests match. Records are written about once a second.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <div class="pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
            ← Newer
          </button>
          <button type="button" disabled={last >= total} onClick={() => setOffset(offset + pageSize)}>
            Older →
          </button>
        </div>
      </section>
      {opened !== null && <RequestDetail record={opened} onClose={() => setOpened(null)} />}
    </section>
  );
}
