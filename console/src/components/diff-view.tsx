import { useMemo, useState } from 'preact/hooks';
import { diffFields, type FieldChange } from './json-diff';

const labels: Record<FieldChange['type'], string> = { added: 'added', removed: 'removed', renamed: 'renamed', changed: 'changed', kept: 'kept' };
const tones: Record<FieldChange['type'], string> = { added: 'good', removed: 'bad', renamed: 'warn', changed: 'warn', kept: 'neutral' };

/**
 * One body against its translation, field by field (the caller's request against the upstream's, or
 * the upstream's answer against the caller's); unchanged fields are hidden unless asked for.
 */
export function DiffView({ id, title, before, after, beforeName, afterName }: { id: string; title: string; before: unknown; after: unknown; beforeName: string; afterName: string }) {
  const changes = useMemo(() => diffFields(before, after), [before, after]);
  const [showKept, setShowKept] = useState(false);
  const counts = changes.reduce<Record<string, number>>((sum, change) => ({ ...sum, [change.type]: (sum[change.type] ?? 0) + 1 }), {});
  const shown = showKept ? changes : changes.filter((change) => change.type !== 'kept');
  return (
    <section class="card" aria-labelledby={id}>
      <div class="card-header">
        <h2 id={id}>
          {title} <span class="muted small">({beforeName} → {afterName})</span>
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
      <div class="table-wrap diff-wrap" tabIndex={0} role="region" aria-label={`${title}: field changes`}>
        <table class="diff cards-on-phone">
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">Field in {beforeName}</th>
              <th scope="col">Field in {afterName}</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((change, index) => (
              <tr key={index} class={`diff-${change.type}`}>
                <td>
                  <span class={`badge ${tones[change.type]}`}>{labels[change.type]}</span>
                </td>
                <td data-label={`Field in ${beforeName}`}>{change.type === 'added' ? <span class="muted">–</span> : <code>{change.type === 'renamed' ? change.from : change.path}</code>}</td>
                <td data-label={`Field in ${afterName}`}>{change.type === 'removed' ? <span class="muted">–</span> : <code>{change.type === 'renamed' ? change.to : change.path}</code>}</td>
                <td class="diff-value" data-label="Value">
                  {change.type === 'changed' ? (
                    // One element, so a phone's card sets the whole change beside its label.
                    <span>
                      <del>{change.from}</del> → <ins>{change.to}</ins>
                    </span>
                  ) : (
                    <code>{change.value}</code>
                  )}
                </td>
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={4} class="muted">
                  Nothing changed: the {afterName} body is the {beforeName} body.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
