import { useState } from 'preact/hooks';
import { getJson, saveAdminKey, takeSignOutReason } from '../api';
import { loadFailure } from '../components/load-state';

export function LoginPage({ onLogin }: { onLogin: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [reason] = useState(takeSignOutReason);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Any admin route proves the key; the models list is small.
      await getJson('/models', key.trim());
      saveAdminKey(key.trim());
      onLogin(key.trim());
    } catch (caught) {
      setError(loadFailure(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <form class="login-card" onSubmit={submit} aria-describedby="login-help">
        <div class="brand large">
          <img src="./favicon.svg" alt="" width="40" height="40" />
          <span>Interlingua</span>
        </div>
        <h1>Sign in to the console</h1>
        <p id="login-help" class="muted">
          Enter the gateway's admin key (<code>adminKey</code> in its configuration). It is kept in this tab only.
        </p>
        {reason !== null && error === null && (
          <p class="notice info" role="status">
            {reason}
          </p>
        )}
        <label for="admin-key">Admin key</label>
        <input id="admin-key" name="admin-key" type="password" autocomplete="current-password" required value={key} onInput={(event) => setKey(event.currentTarget.value)} autoFocus />
        {error !== null && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy || key.trim() === ''}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
