import { useEffect, useState } from 'preact/hooks';
import { getJson, type Exchange, type ExchangeSummary, type UsageRecord } from '../api';
import { WireViews } from './wire-views';
import { Modal } from './modal';
import { StatusBadge } from './status';
import { estimatedTokensHint, formatCostFixed, formatCount, formatMs, formatTime } from '../format';

/** Where the inspector has this request's bodies: found by request id among the captured exchanges. */
type Capture = { state: 'looking' } | { state: 'found'; id: string } | { state: 'none'; why: string };

function useCapture(requestId: string | undefined): Capture {
  const [capture, setCapture] = useState<Capture>({ state: 'looking' });
  useEffect(() => {
    if (requestId === undefined) {
      setCapture({ state: 'none', why: 'This record has no request id (it was written before request ids were kept).' });
      return;
    }
    let stopped = false;
    getJson<{ capturing: boolean; data: ExchangeSummary[] }>('/exchanges')
      .then((list) => {
        if (stopped) return;
        const found = list.data.find((exchange) => exchange.requestId === requestId);
        if (found !== undefined) setCapture({ state: 'found', id: found.id });
        else setCapture({ state: 'none', why: list.capturing ? 'Its bodies are no longer captured: the inspector keeps only the latest exchanges.' : 'Bodies are not captured: set console.captureBodies in the configuration.' });
      })
      .catch(() => !stopped && setCapture({ state: 'none', why: 'The inspector could not be asked.' }));
    return () => {
      stopped = true;
    };
  }, [requestId]);
  return capture;
}

/**
 * One request of the usage log, whole: how it ended and why, who sent it, every deployment it
 * tried and how each try went, what it used and cost, and its bodies in the inspector.
 */
/** The captured exchange's bodies, once the inspector has been found to hold them. */
function useExchange(capture: Capture): { exchange?: Exchange; failed?: true } {
  const [loaded, setLoaded] = useState<{ exchange?: Exchange; failed?: true }>({});
  const id = capture.state === 'found' ? capture.id : undefined;
  useEffect(() => {
    setLoaded({});
    if (id === undefined) return;
    let stopped = false;
    getJson<Exchange>(`/exchanges/${encodeURIComponent(id)}`).then(
      (exchange) => !stopped && setLoaded({ exchange }),
      () => !stopped && setLoaded({ failed: true }),
    );
    return () => {
      stopped = true;
    };
  }, [id]);
  return loaded;
}

export function RequestDetail({ record, onClose }: { record: UsageRecord; onClose: () => void }) {
  const capture = useCapture(record.requestId);
  const bodies = useExchange(capture);
  const attempts = record.attempts ?? [];
  return (
    <Modal labelledBy="request-detail-title" onClose={onClose} class="request-detail">
      <div class="card detail-panel">
        <div class="card-header">
          <h2 id="request-detail-title">
            Request to <code>{record.model}</code>
          </h2>
          <button type="button" class="ghost small-button" onClick={onClose}>
            Close
          </button>
        </div>
        <p class="detail-status">
          <StatusBadge status={record.status} errorCode={record.errorCode} />
          <span class="muted"> {formatTime(record.createdAt)}</span>
        </p>
        {record.errorMessage !== undefined && (
          <p class="notice error detail-error">
            <strong>{record.errorCode ?? 'error'}:</strong> {record.errorMessage}
          </p>
        )}
        <dl class="detail-facts">
          <dt>Request id</dt>
          <dd>{record.requestId !== undefined ? <code>{record.requestId}</code> : <span class="muted">not recorded</span>}</dd>
          <dt>Record id</dt>
          <dd>
            <code>{record.id}</code>
          </dd>
          <dt>Key</dt>
          <dd>{record.keyName ?? <span class="muted">none</span>}</dd>
          <dt>Caller</dt>
          <dd>
            {record.caller}
            {record.stream ? ', streamed' : ''}
          </dd>
          <dt>Deployment</dt>
          <dd>{record.deployment !== undefined ? <code>{record.deployment}</code> : <span class="muted">none was tried</span>}</dd>
          <dt>Tokens</dt>
          <dd>
            {formatCount(record.inputTokens)} in, {formatCount(record.outputTokens)} out
            {record.cachedTokens > 0 ? `, ${formatCount(record.cachedTokens)} cached` : ''}
            {record.reasoningTokens > 0 ? `, ${formatCount(record.reasoningTokens)} reasoning` : ''}
            {record.estimated === true && ' '}
            {record.estimated === true && (
              <span class="badge neutral" title={estimatedTokensHint}>
                estimated
              </span>
            )}
          </dd>
          <dt>Cost</dt>
          <dd>{record.cost === null ? <span class="badge neutral">no price</span> : formatCostFixed(record.cost)}</dd>
          <dt>Latency</dt>
          <dd>
            {formatMs(record.latencyMs)}
            {record.ttftMs !== undefined ? `, first token after ${formatMs(record.ttftMs)}` : ''}
          </dd>
          <dt>Inspector</dt>
          <dd>
            {capture.state === 'looking' && <span class="muted">looking…</span>}
            {capture.state === 'found' && <a href={`#/inspector/${encodeURIComponent(capture.id)}`}>Open the captured exchange</a>}
            {capture.state === 'none' && <span class="muted">{capture.why}</span>}
          </dd>
        </dl>
        <h3 id="attempts-title">Attempts</h3>
        {attempts.length === 0 ? (
          <p class="muted">{record.deployment === undefined ? 'No deployment was tried.' : 'Not recorded for this request.'}</p>
        ) : (
          <ol class="attempts" aria-labelledby="attempts-title">
            {attempts.map((attempt, index) => (
              <li key={index}>
                <code>{attempt.deployment}</code>
                <StatusBadge status={attempt.status} errorCode={attempt.errorCode} />
                <span class="muted">{formatMs(attempt.ms)}</span>
              </li>
            ))}
          </ol>
        )}
        {capture.state === 'found' && (
          <section class="detail-bodies" aria-labelledby="detail-bodies-title">
            <h3 id="detail-bodies-title">Bodies</h3>
            {bodies.exchange !== undefined ? (
              <WireViews exchange={bodies.exchange} idPrefix="detail-view" stacked />
            ) : bodies.failed === true ? (
              <p class="muted">The captured exchange could not be loaded; open it in the inspector.</p>
            ) : (
              <p class="muted">loading…</p>
            )}
          </section>
        )}
      </div>
    </Modal>
  );
}
