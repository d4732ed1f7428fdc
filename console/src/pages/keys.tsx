import { useEffect, useState } from 'preact/hooks';
import { getJson, sendJson, type GatewayKey, type KeySpend } from '../api';
import { Notice, PageHeader } from '../components/status';
import { Modal } from '../components/modal';
import { LoadError, SkeletonRows, loadFailure } from '../components/load-state';
import { formatCost, formatCount, formatDate, formatRelative, formatTotalCost, unpricedNote } from '../format';

type Period = 'day' | 'week' | 'month' | 'total';

interface LimitsForm {
  models: string;
  rpm: string;
  tpm: string;
  budget: string;
  budgetPeriod: Period;
  expires: string;
}

const emptyLimits: LimitsForm = { models: '', rpm: '', tpm: '', budget: '', budgetPeriod: 'month', expires: '' };

/** The form's fields as the admin API takes them; `lift` sends null for an emptied field (editing). */
function limitsBody(form: LimitsForm, lift: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const models = form.models.split(',').map((model) => model.trim()).filter((model) => model !== '');
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  if (models.length > 0) body.models = models;
  else if (lift) body.models = null;
  for (const field of ['rpm', 'tpm'] as const) {
    const value = number(form[field]);
    if (value !== undefined) body[field] = value;
    else if (lift) body[field] = null;
  }
  const budget = number(form.budget);
  if (budget !== undefined) {
    body.budget = budget;
    body.budgetPeriod = form.budgetPeriod;
  } else if (lift) body.budget = null;
  if (form.expires.trim() !== '') body.expires = form.expires.trim();
  return body;
}

export function KeysPage() {
  const [keys, setKeys] = useState<GatewayKey[] | null>(null);
  const [spend, setSpend] = useState<Map<string, KeySpend>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [editing, setEditing] = useState<GatewayKey | null>(null);
  const [revoking, setRevoking] = useState<GatewayKey | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = async () => {
    setLoadError(null);
    try {
      const [list, spent] = await Promise.all([getJson<{ data: GatewayKey[] }>('/keys'), getJson<{ data: KeySpend[] }>('/keys/spend')]);
      setKeys(list.data);
      setSpend(new Map(spent.data.map((entry) => [entry.keyId, entry])));
    } catch (caught) {
      setLoadError(loadFailure(caught));
    }
  };
  useEffect(() => void load(), []);

  const shown = (keys ?? []).filter((key) => showRevoked || key.revokedAt === undefined);
  return (
    <section class="page" aria-labelledby="keys-title">
      <PageHeader title="Keys" description="Gateway keys for your applications: what each may use, its limits and what it has spent." />
      {error !== null && <Notice tone="error">{error}</Notice>}
      {loadError !== null && <LoadError message={loadError} onRetry={() => void load()} />}
      {created !== null && (
        <div class="secret card" role="status" aria-live="polite">
          <div>
            <strong>Key “{created.name}” created.</strong> Copy it now: it is shown only this once.
          </div>
          <div class="secret-row">
            <code data-testid="created-key">{created.key}</code>
            <button type="button" onClick={() => void navigator.clipboard?.writeText(created.key)}>
              Copy
            </button>
            <button type="button" class="ghost" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      <div class="two-column keys-columns">
        <CreateKeyForm
          onCreated={async (name, key) => {
            setCreated({ name, key });
            await load();
          }}
        />
        <section class="card" aria-labelledby="key-list-title">
          <div class="card-header">
            <h2 id="key-list-title">Keys</h2>
            <label class="inline check">
              <input type="checkbox" checked={showRevoked} onChange={(event) => setShowRevoked(event.currentTarget.checked)} />
              <span>Show revoked</span>
            </label>
          </div>
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Keys table">
            {/* On a phone each key is a card, so the table never scrolls sideways. */}
            <table class="keys cards-on-phone">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Models</th>
                  <th scope="col">Limits</th>
                  <th scope="col">Budget</th>
                  <th scope="col">Spend</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((key) => {
                  const used = spend.get(key.id);
                  const expired = key.expiresAt !== undefined && key.expiresAt < Date.now();
                  return (
                    <tr key={key.id} class={key.revokedAt !== undefined ? 'revoked' : ''}>
                      <td>
                        <strong>{key.name}</strong>
                        <div class="muted small">
                          <code>{key.prefix}…</code> {key.revokedAt !== undefined ? <span class="badge bad">revoked</span> : expired ? <span class="badge warn">expired</span> : null}
                        </div>
                      </td>
                      <td data-label="Models">{key.models?.join(', ') ?? <span class="muted">all</span>}</td>
                      <td class="small" data-label="Limits">
                        {key.rpm !== undefined ? `${formatCount(key.rpm)} req/min` : ''}
                        {key.rpm !== undefined && key.tpm !== undefined ? <br /> : ''}
                        {key.tpm !== undefined ? `${formatCount(key.tpm)} tok/min` : ''}
                        {key.rpm === undefined && key.tpm === undefined && <span class="muted">none</span>}
                      </td>
                      <td data-label="Budget">
                        {key.budget === undefined ? (
                          <span class="muted">none</span>
                        ) : (
                          <BudgetBar spent={used?.periodSpend ?? 0} unpricedRequests={used?.periodUnpricedRequests ?? 0} budget={key.budget.usd} period={key.budget.period} />
                        )}
                      </td>
                      <td data-label="Spend">
                        {formatTotalCost({ cost: used?.cost ?? 0, requests: used?.requests ?? 0, unpricedRequests: used?.unpricedRequests ?? 0 })}
                        <div class="muted small">{formatCount(used?.requests ?? 0)} requests</div>
                        {used !== undefined && used.unpricedRequests > 0 && <div class="muted small">{unpricedNote(used.unpricedRequests)}</div>}
                      </td>
                      <td class="small" data-label="Last used">{used?.lastUsedAt === undefined ? <span class="muted">never</span> : formatRelative(used.lastUsedAt)}</td>
                      <td class="small nowrap" data-label="Created">{formatDate(key.createdAt)}</td>
                      <td class="small nowrap" data-label="Expires">{key.expiresAt === undefined ? <span class="muted">never</span> : formatDate(key.expiresAt)}</td>
                      <td class="actions">
                        {key.revokedAt === undefined && (
                          <>
                            <button type="button" class="small-button" onClick={() => setEditing(key)} aria-label={`Edit limits of ${key.name}`}>
                              Limits
                            </button>
                            <button type="button" class="small-button danger" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                              Revoke
                            </button>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
                {keys === null && loadError === null && <SkeletonRows columns={9} />}
                {keys !== null && shown.length === 0 && (
                  <tr>
                    <td colSpan={9} class="muted">
                      No keys yet. Create one for each application that calls the gateway.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      {revoking !== null && (
        <RevokeKey
          gatewayKey={revoking}
          onClose={async (revoked) => {
            setRevoking(null);
            if (revoked) await load();
          }}
        />
      )}
      {editing !== null && (
        <EditLimits
          gatewayKey={editing}
          onClose={async (changed) => {
            setEditing(null);
            if (changed) await load();
          }}
        />
      )}
    </section>
  );
}

/** A budget counts the priced requests only; those with no price in the period are said beneath it. */
function BudgetBar({ spent, unpricedRequests, budget, period }: { spent: number; unpricedRequests: number; budget: number; period: Period }) {
  const share = Math.min(1, budget === 0 ? 1 : spent / budget);
  return (
    <div class="budget">
      <div class="small">
        {formatCost(spent)} of {formatCost(budget)} {period === 'total' ? 'in total' : `this ${period}`}
      </div>
      <div class="meter" role="meter" aria-valuemin={0} aria-valuemax={budget} aria-valuenow={spent} aria-label="Budget spent">
        <span style={{ width: `${Math.round(share * 100)}%` }} class={share > 0.9 ? 'bad' : share > 0.7 ? 'warn' : ''} />
      </div>
      {unpricedRequests > 0 && <div class="muted small">{unpricedNote(unpricedRequests)}</div>}
    </div>
  );
}

function LimitFields({ form, setForm, idPrefix }: { form: LimitsForm; setForm: (form: LimitsForm) => void; idPrefix: string }) {
  const field = (name: keyof LimitsForm) => ({
    id: `${idPrefix}-${name}`,
    value: form[name],
    onInput: (event: Event) => setForm({ ...form, [name]: (event.currentTarget as HTMLInputElement).value }),
  });
  return (
    <>
      <div class="field">
        <label for={`${idPrefix}-models`}>Models</label>
        <input {...field('models')} placeholder="all models (or gpt-4o, claude-*)" aria-describedby={`${idPrefix}-models-help`} />
        <small id={`${idPrefix}-models-help`} class="muted">
          Comma-separated names; globs allowed.
        </small>
      </div>
      <div class="field-row">
        <div class="field">
          <label for={`${idPrefix}-rpm`}>Requests / min</label>
          <input {...field('rpm')} type="number" min="1" step="1" inputMode="numeric" placeholder="no limit" />
        </div>
        <div class="field">
          <label for={`${idPrefix}-tpm`}>Tokens / min</label>
          <input {...field('tpm')} type="number" min="1" step="1" inputMode="numeric" placeholder="no limit" />
        </div>
      </div>
      <div class="field-row">
        <div class="field">
          <label for={`${idPrefix}-budget`}>Budget (USD)</label>
          <input {...field('budget')} type="number" min="0.01" step="0.01" inputMode="decimal" placeholder="no budget" />
        </div>
        <div class="field">
          <label for={`${idPrefix}-budgetPeriod`}>Budget period</label>
          <select id={`${idPrefix}-budgetPeriod`} value={form.budgetPeriod} onChange={(event) => setForm({ ...form, budgetPeriod: event.currentTarget.value as Period })}>
            <option value="day">per day</option>
            <option value="week">per week</option>
            <option value="month">per month</option>
            <option value="total">in total</option>
          </select>
        </div>
      </div>
      <div class="field">
        <label for={`${idPrefix}-expires`}>Expires</label>
        <input {...field('expires')} placeholder="never (or 30d, 2026-12-31)" />
      </div>
    </>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (name: string, key: string) => Promise<void> }) {
  const [name, setName] = useState('');
  const [form, setForm] = useState<LimitsForm>(emptyLimits);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await sendJson<{ key: string; name: string }>('POST', '/keys', { name: name.trim(), ...limitsBody(form, false) });
      setName('');
      setForm(emptyLimits);
      await onCreated(created.name, created.key);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card form" onSubmit={submit} aria-labelledby="create-key-title">
      <h2 id="create-key-title">Create a key</h2>
      <div class="field">
        <label for="key-name">Name</label>
        <input id="key-name" required value={name} onInput={(event) => setName(event.currentTarget.value)} placeholder="billing-service" />
      </div>
      <LimitFields form={form} setForm={setForm} idPrefix="new-key" />
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy || name.trim() === ''}>
        {busy ? 'Creating…' : 'Create key'}
      </button>
    </form>
  );
}

function EditLimits({ gatewayKey, onClose }: { gatewayKey: GatewayKey; onClose: (changed: boolean) => void }) {
  const [form, setForm] = useState<LimitsForm>({
    models: gatewayKey.models?.join(', ') ?? '',
    rpm: gatewayKey.rpm?.toString() ?? '',
    tpm: gatewayKey.tpm?.toString() ?? '',
    budget: gatewayKey.budget?.usd.toString() ?? '',
    budgetPeriod: gatewayKey.budget?.period ?? 'month',
    expires: gatewayKey.expiresAt === undefined ? '' : new Date(gatewayKey.expiresAt).toISOString(),
  });
  const [error, setError] = useState<string | null>(null);
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const body = limitsBody(form, true);
      if (form.expires.trim() === '' && gatewayKey.expiresAt !== undefined) body.expires = null;
      await sendJson('PATCH', `/keys/${encodeURIComponent(gatewayKey.id)}`, body);
      onClose(true);
    } catch (caught) {
      setError((caught as Error).message);
    }
  };
  return (
    <Modal labelledBy="edit-title" onClose={() => onClose(false)}>
      <form class="card form dialog" onSubmit={save}>
        <h2 id="edit-title">Limits of “{gatewayKey.name}”</h2>
        <LimitFields form={form} setForm={setForm} idPrefix="edit-key" />
        {error !== null && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="button-row">
          <button type="button" class="ghost" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" class="primary">
            Save limits
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** A confirmation that names the key and what revoking does, instead of the browser's confirm(). */
function RevokeKey({ gatewayKey, onClose }: { gatewayKey: GatewayKey; onClose: (revoked: boolean) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const revoke = async () => {
    setBusy(true);
    try {
      await sendJson('DELETE', `/keys/${encodeURIComponent(gatewayKey.id)}`);
      onClose(true);
    } catch (caught) {
      setError(loadFailure(caught));
      setBusy(false);
    }
  };
  return (
    <Modal labelledBy="revoke-title" onClose={() => onClose(false)}>
      <div class="card form dialog">
        <h2 id="revoke-title">Revoke “{gatewayKey.name}”?</h2>
        <p>
          Requests with this key (<code>{gatewayKey.prefix}…</code>) are refused at once, by every replica. Its usage history stays. This cannot be undone.
        </p>
        {error !== null && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="button-row">
          <button type="button" class="ghost" onClick={() => onClose(false)} autoFocus>
            Cancel
          </button>
          <button type="button" class="danger" disabled={busy} onClick={() => void revoke()}>
            {busy ? 'Revoking…' : `Revoke ${gatewayKey.name}`}
          </button>
        </div>
      </div>
    </Modal>
  );
}
