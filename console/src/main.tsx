import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { forgetAdminKey, savedAdminKey } from './api';
import { navigate, useRoute } from './router';
import { LoginPage } from './pages/login';
import { OverviewPage } from './pages/overview';
import { KeysPage } from './pages/keys';
import { DeploymentsPage } from './pages/deployments';
import { UsagePage } from './pages/usage';
import { PlaygroundPage } from './pages/playground';
import { InspectorPage } from './pages/inspector';
import './styles.css';

const pages = [
  { path: 'overview', label: 'Overview', icon: 'M3 13h4v8H3zM10 8h4v13h-4zM17 3h4v18h-4z' },
  { path: 'deployments', label: 'Deployments', icon: 'M3 4h18v6H3zM3 14h18v6H3zM6 7h2M6 17h2' },
  { path: 'keys', label: 'Keys', icon: 'M14 3a7 7 0 0 0-6.7 9.1L2 17.4V22h4.6l1-1v-2h2v-2h2l1.9-1.9A7 7 0 1 0 14 3zm2.5 6.5a2 2 0 1 1 0-4 2 2 0 0 1 0 4z' },
  { path: 'usage', label: 'Usage', icon: 'M4 5h16M4 10h16M4 15h16M4 20h10' },
  { path: 'playground', label: 'Playground', icon: 'M4 4h16v12H8l-4 4zM8 9h8M8 12h5' },
  { path: 'inspector', label: 'Inspector', icon: 'M10 3a7 7 0 1 0 4.2 12.6L20 21.4 21.4 20l-5.8-5.8A7 7 0 0 0 10 3zm0 3a4 4 0 1 1 0 8 4 4 0 0 1 0-8z' },
] as const;

function App() {
  const [adminKey, setAdminKey] = useState(savedAdminKey);
  const route = useRoute();
  useEffect(() => {
    const loggedOut = () => setAdminKey(null);
    window.addEventListener('interlingua:logout', loggedOut);
    return () => window.removeEventListener('interlingua:logout', loggedOut);
  }, []);
  if (adminKey === null) return <LoginPage onLogin={(key) => setAdminKey(key)} />;
  const [page = 'overview', ...rest] = route;
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="sidebar">
        <div class="brand">
          <img src="./favicon.svg" alt="" width="28" height="28" />
          <span>Interlingua</span>
        </div>
        <nav aria-label="Console">
          <ul>
            {pages.map((item) => (
              <li key={item.path}>
                <a href={`#/${item.path}`} aria-current={page === item.path ? 'page' : undefined}>
                  <svg viewBox="0 0 24 24" aria-hidden="true">
                    <path d={item.icon} />
                  </svg>
                  <span>{item.label}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          class="ghost sign-out"
          onClick={() => {
            forgetAdminKey();
            navigate('overview');
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {page === 'overview' && <OverviewPage />}
        {page === 'deployments' && <DeploymentsPage />}
        {page === 'keys' && <KeysPage />}
        {page === 'usage' && <UsagePage route={rest} />}
        {page === 'playground' && <PlaygroundPage />}
        {page === 'inspector' && <InspectorPage route={rest} />}
        {!pages.some((item) => item.path === page) && (
          <section class="page">
            <h1>Not found</h1>
            <p>
              There is no page here. <a href="#/overview">Go to the overview.</a>
            </p>
          </section>
        )}
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
