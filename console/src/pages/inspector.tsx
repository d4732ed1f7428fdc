import { useEffect, useMemo, useState } from 'preact/hooks';
import { getJson, sendJson, type Exchange, type ExchangeSummary, type Warning } from '../api';
import { JsonView } from '../components/json-view';
import { DiffView } from '../components/diff-view';
import { StreamView } from '../components/stream-view';
import { WireViews } from '../components/wire-views';
import { groupWarnings } from '../../../src/core/warning-groups.js';
import { Notice, PageHeader, StatusBadge } from '../components/status';
import { formatMs, formatTime } from '../format';
import { LoadError, loadFailure } from '../components/load-state';
import { navigate } from '../router';

export function InspectorPage({ route }: { route: string[] }) {
  const [list, setList] = useState<{ capturing: boolean; capacity: number; data: ExchangeSummary[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const selected = route[0];
  const shown = useMemo(() => (list?.data ?? []).filter((entry) => matches(entry, filter)), [list, filter]);
  // A picked request opens at the top of the page, not where its row was in a long list.
  useEffect(() => window.scrollTo({ top: 0 }), [selected]);
  const loadList = () => {
    setError(null);
    getJson<{ capturing: boolean; capacity: number; data: ExchangeSummary[] }>('/exchanges').then(setList, (caught: unknown) => setError(loadFailure(caught)));
  };
  useEffect(loadList, [selected]);
  return (
    <section class="page" aria-labelledby="inspector-title">
      <PageHeader title="Inspector" description="How a request was translated: the caller's wire JSON, the interlingua, the upstream's wire JSON, and the stream chunk by chunk.">
        <div class="segmented" role="group" aria-label="Inspector view">
          <button type="button" aria-pressed={selected !== 'convert'} onClick={() => navigate('inspector')}>
            Recent requests
          </button>
          <button type="button" aria-pressed={selected === 'convert'} onClick={() => navigate('inspector/convert')}>
            Convert a body
          </button>
        </div>
      </PageHeader>
      {error !== null && <LoadError message={error} onRetry={loadList} />}
      {selected === 'convert' ? (
        <Converter />
      ) : (
        // On a phone the list and the detail are two views: a picked request replaces the list.
        <div class={`inspector-layout ${selected === undefined ? '' : 'has-selection'}`}>
          <nav class="card exchange-list" aria-label="Recent requests">
            <h2>Recent requests</h2>
            <div class="field exchange-filter">
              <label for="exchange-filter">Filter</label>
              <input id="exchange-filter" type="search" value={filter} placeholder="model, dialect, deployment, status…" onInput={(event) => setFilter(event.currentTarget.value)} />
            </div>
            {list !== null && filter.trim() !== '' && (
              <p class="muted small" aria-live="polite">
                {shown.length} of {list.data.length} requests match
              </p>
            )}
            {list !== null && !list.capturing && (
              <p class="muted small">
                Capture is off. Set <code>console: {'{ captureBodies: 50 }'}</code> in the configuration to keep the last requests here.
              </p>
            )}
            {list?.capturing === true && list.data.length === 0 && <p class="muted small">No requests yet: send one from the playground.</p>}
            {list === null && error === null && (
              <ul aria-hidden="true">
                {[0, 1, 2, 3].map((row) => (
                  <li key={row} class="skeleton-entry">
                    <span class="skeleton" />
                    <span class="skeleton short" />
                  </li>
                ))}
              </ul>
            )}
            <ul>
              {shown.map((entry) => (
                <li key={entry.id}>
                  <a href={`#/inspector/${encodeURIComponent(entry.id)}`} aria-current={entry.id === selected ? 'true' : undefined}>
                    <span class="exchange-line">
                      <strong>{entry.model || '(unparsed)'}</strong>
                      {entry.status !== undefined && <StatusBadge status={entry.status} errorCode={entry.errorCode} />}
                    </span>
                    <span class="muted small">
                      {entry.caller} → {entry.deployment ?? '–'} · {formatTime(entry.createdAt)}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div class="exchange-detail">
            {selected !== undefined && (
              <a class="back-link" href="#/inspector">
                ← All requests
              </a>
            )}
            {selected === undefined ? <p class="muted card empty-detail">Pick a request to see how it was translated.</p> : <ExchangeView id={selected} />}
          </div>
        </div>
      )}
    </section>
  );
}

function ExchangeView({ id }: { id: string }) {
  const [exchange, setExchange] = useState<Exchange | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    setExchange(null);
    setError(null);
    getJson<Exchange>(`/exchanges/${encodeURIComponent(id)}`).then(setExchange, (caught: unknown) => setError(loadFailure(caught)));
  };
  useEffect(load, [id]);
  if (error !== null) return <LoadError message={error} onRetry={load} />;
  if (exchange === null)
    return (
      <div class="card exchange-skeleton" aria-busy="true" aria-label="Loading the request">
        <span class="skeleton" />
        <span class="skeleton short" />
        <span class="skeleton" />
      </div>
    );
  return (
    <article aria-label={`Request ${exchange.id}`}>
      <div class="card exchange-summary">
        <div class="flow">
          <span class="pill">{exchange.caller}</span>
          <span aria-hidden="true">→</span>
          <span class="pill accent">interlingua</span>
          <span aria-hidden="true">→</span>
          <span class="pill">{exchange.upstream?.dialect ?? 'no upstream'}</span>
        </div>
        <dl class="facts">
          <div>
            <dt>Model</dt>
            <dd>{exchange.model}</dd>
          </div>
          <div>
            <dt>Deployment</dt>
            <dd>
              <code>{exchange.upstream?.deployment ?? '–'}</code>
            </dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>{exchange.status === undefined ? 'in progress' : <StatusBadge status={exchange.status} errorCode={exchange.error?.code} />}</dd>
          </div>
          <div>
            <dt>Time</dt>
            <dd>{formatMs(exchange.durationMs)}</dd>
          </div>
          <div>
            <dt>Attempts</dt>
            <dd>{exchange.attempts}</dd>
          </div>
          <div>
            <dt>Stream</dt>
            <dd>{exchange.stream ? `${exchange.chunks.length} chunks` : 'no'}</dd>
          </div>
        </dl>
        {exchange.error !== undefined && <Notice tone="error">{exchange.error.message}</Notice>}
        <Warnings warnings={exchange.warnings} />
      </div>
      <WireViews exchange={exchange} />
      {exchange.upstream !== undefined && <DiffView id="diff-request" title="What the translation changed" before={exchange.callerRequest} after={exchange.upstream.request} beforeName={exchange.caller} afterName={exchange.upstream.dialect} />}
      {exchange.stream ? (
        <StreamView exchange={exchange} />
      ) : (
        <div class="two-views">
          <section class="card view" aria-labelledby="view-upstream-answer">
            <h2 id="view-upstream-answer">Upstream answer</h2>
            <JsonView value={exchange.upstream?.response} label="Upstream answer" />
          </section>
          <section class="card view" aria-labelledby="view-caller-answer">
            <h2 id="view-caller-answer">Caller answer</h2>
            <JsonView value={exchange.callerResponse} label="Caller answer" />
          </section>
        </div>
      )}
      {!exchange.stream && exchange.upstream?.response !== undefined && exchange.callerResponse !== undefined && (
        <DiffView id="diff-answer" title="What the answer’s translation changed" before={exchange.upstream.response} after={exchange.callerResponse} beforeName={exchange.upstream.dialect} afterName={exchange.caller} />
      )}
    </article>
  );
}

/** Every word of the filter appears in the request's model, dialects, deployment, status or id. */
function matches(entry: ExchangeSummary, filter: string): boolean {
  const haystack = [entry.model, entry.caller, entry.deployment ?? '', String(entry.status ?? 'in progress'), entry.errorCode ?? '', entry.id, entry.stream ? 'stream' : ''].join(' ').toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word));
}

function Warnings({ warnings }: { warnings: Warning[] }) {
  if (warnings.length === 0) return <p class="muted small">Nothing was lost in translation.</p>;
  return (
    <div class="warnings" role="region" aria-label="Translation warnings">
      <h3>What could not be carried</h3>
      <ul>
        {/* Grouped as the x-interlingua-warnings header groups them, but never cut: the header points here. */}
        {groupWarnings(warnings).map((group, index) => (
          <li key={index}>
            <span class="badge warn">{group.type}</span> <code>{group.feature}</code> {group.message}
            {group.count !== undefined && <span class="muted"> ×{group.count}</span>}
            {group.tools !== undefined && <span class="muted small"> Tools: {group.tools.join(', ')}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

const example = JSON.stringify(
  {
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'What is the capital of France?' },
    ],
    temperature: 0.2,
    logprobs: true,
    tools: [{ type: 'function', function: { name: 'get_weather', description: 'The current weather in a city.', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
  },
  null,
  2,
);

function Converter() {
  const [dialects, setDialects] = useState<string[]>([]);
  const [from, setFrom] = useState('openai-chat');
  const [to, setTo] = useState('anthropic');
  const [model, setModel] = useState('');
  const [text, setText] = useState(example);
  const [result, setResult] = useState<{ interlingua: unknown; body: unknown; warnings: Warning[]; sent: unknown } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getJson<{ dialects: string[] }>('/models').then((info) => setDialects(info.dialects), () => undefined);
  }, []);
  const convert = async (event: Event) => {
    event.preventDefault();
    setError(null);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (caught) {
      setError(`The body is not JSON: ${(caught as Error).message}`);
      return;
    }
    try {
      const converted = await sendJson<{ interlingua: unknown; body: unknown; warnings: Warning[] }>('POST', '/translate', { from, to, body, ...(model.trim() === '' ? {} : { model: model.trim() }) });
      setResult({ ...converted, sent: body });
    } catch (caught) {
      setResult(null);
      setError((caught as Error).message);
    }
  };
  return (
    <div class="stack">
      <form class="card form converter" onSubmit={convert} aria-label="Convert a request body">
        <div class="field-row">
          <div class="field">
            <label for="convert-from">From</label>
            <select id="convert-from" value={from} onChange={(event) => setFrom(event.currentTarget.value)}>
              {dialects.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="convert-to">To</label>
            <select id="convert-to" value={to} onChange={(event) => setTo(event.currentTarget.value)}>
              {dialects.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="convert-model">Model (optional)</label>
            <input id="convert-model" value={model} onInput={(event) => setModel(event.currentTarget.value)} placeholder="from the body" />
          </div>
          <div class="field end">
            <button type="submit" class="primary">
              Convert
            </button>
          </div>
        </div>
      </form>
      {error !== null && <Notice tone="error">{error}</Notice>}
      <div class="three-views">
        <section class="card view">
          <h2>
            <label for="convert-body">Request body ({from})</label>
          </h2>
          <textarea id="convert-body" class="code" rows={22} value={text} onInput={(event) => setText(event.currentTarget.value)} spellcheck={false} />
        </section>
        <section class="card view" aria-labelledby="convert-interlingua">
          <h2 id="convert-interlingua">Interlingua</h2>
          <JsonView value={result?.interlingua} label="Interlingua request" />
        </section>
        <section class="card view" aria-labelledby="convert-target">
          <h2 id="convert-target">{to} body</h2>
          <JsonView value={result?.body} label={`${to} body`} />
        </section>
      </div>
      {result !== null && (
        <div class="card">
          <Warnings warnings={result.warnings} />
        </div>
      )}
      {result !== null && <DiffView id="diff-convert" title="What the conversion changed" before={result.sent} after={result.body} beforeName={from} afterName={to} />}
    </div>
  );
}
