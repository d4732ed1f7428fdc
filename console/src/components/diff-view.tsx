import { useMemo, useState } from 'preact/hooks';
import { diffFields, type FieldChange } from './json-diff';

const labels: Record<FieldChange['type'], string> = { added: 'added', removed: 'removed', renamed: 'renamed', changed: 'changed', kept: 'kept' };
const tones: Record<FieldChange['type'], string> = { added: 'good', removed: 'bad', renamed: 'warn', changed: 'warn', kept: 'neutral' };

/** The caller's body against the upstream's, field by field; unchanged fields are hidden unless asked for. */
export function DiffView({ caller, upstream, callerName, upstreamName }: { caller: unknown; upstream: unknown; callerName: string; upstreamName: string }) {
  const changes = useMemo(() => diffFields(caller, upstream), [caller, upstream]);
  const [showKept, setShowKept] = useState(false);
  const counts = changes.reduce<Record<string, number>>((sum, change) => ({ ...sum, [change.type]: (sum[change.type] ?? 0) + 1 }), {});
  const shown = showKept ? changes : changes.filter((change) => change.type !== 'kept');
  return (
    <section class="card" aria-labelledby="diff-title">
      <div class="card-header">
        <h2 id="diff-title">
          What the translation changed <span class="muted small">({callerName} → {upstreamName})</span>
        </h2>
        <label class="check small">
          <input type="checkbox" checked={showKept} onChange={(event) => setShowKept(event.currentTarget.checked)} />
          <span>Show unchanged fields ({counts.kept ?? 0})</span>
        </label>
      </div>
      <p class="diff-counts small">
        {(['added', 'removed', 'renamed', 'changed'] as const).map((type) => (
          <span key={type} class={`badge ${tones[type]}`}>
            {counts[type] ?? 0} {labels[type]}
          </span>
        ))}
      </p>
      <div class="table-wrap diff-wrap" tabIndex={0} role="region" aria-label="Field changes">
        <table class="diff">
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">Caller field</th>
              <th scope="col">Upstream field</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((change, index) => (
              <tr key={index} class={`diff-${change.type}`}>
                <td>
                  <span class={`badge ${tones[change.type]}`}>{labels[change.type]}</span>
                </td>
                <td>{change.type === 'added' ? <span class="muted">–</span> : <code>{change.type === 'renamed' ? change.from : change.path}</code>}</td>
                <td>{change.type === 'removed' ? <span class="muted">–</span> : <code>{change.type === 'renamed' ? change.to : change.path}</code>}</td>
                <td class="diff-value">
                  {change.type === 'changed' ? (
                    <>
                      <del>{change.from}</del> → <ins>{change.to}</ins>
                    </>
                  ) : (
                    <code>{change.value}</code>
                  )}
                </td>
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={4} class="muted">
                  The upstream got the caller’s body unchanged.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
