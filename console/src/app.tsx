import { useEffect, useMemo, useRef, useState } from 'react';
import { Provider } from 'urql';
import { createClient } from './api';
import { finishOidcSignIn, isCallback, loadConfig, signOutOidc, type ConsoleConfig, type Session } from './auth';
import { Link, navigate, useLocation } from './router';
import { AccountPage } from './screens/account';
import { AccountSearch } from './screens/accounts';
import { AppealQueue } from './screens/appeals';
import { AuditLog } from './screens/audit';
import { CatalogScreen } from './screens/catalog';
import { ClustersScreen } from './screens/clusters';
import { PolicyScreen } from './screens/policy';
import { QuotasScreen } from './screens/quotas';
import { ReportQueue } from './screens/reports';
import { probeAdmin, SignIn } from './screens/sign-in';
import { ErrorMessage } from './ui';

const NAV: Array<[string, string]> = [
  ['/admin/accounts', 'Accounts'],
  ['/admin/reports', 'Reports'],
  ['/admin/appeals', 'Appeals'],
  ['/admin/policy', 'Policy versions'],
  ['/admin/catalog', 'Catalog'],
  ['/admin/audit', 'Audit log'],
  ['/admin/clusters', 'Free-plan clusters'],
  ['/admin/quotas', 'Request budgets'],
];

export function App() {
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const sessionRef = useRef<Session | null>(null);
  sessionRef.current = session;

  const client = useMemo(
    () =>
      createClient(
        () => sessionRef.current?.token ?? null,
        (message) => {
          setSession(null);
          setProblem(`Signed out: ${message}`);
        },
      ),
    [],
  );

  useEffect(() => {
    loadConfig()
      .then(async (c) => {
        setConfig(c);
        if (c.mode === 'oidc' && isCallback()) {
          const outcome = await finishOidcSignIn(c);
          if (typeof outcome === 'string') return setProblem(outcome);
          const refused = await probeAdmin(client, outcome.token);
          if (refused) return setProblem(refused);
          setSession(outcome);
        }
      })
      .catch((e: Error) => {
        window.history.replaceState(null, '', '/admin/');
        setProblem(e.message);
      });
  }, [client]);

  // The console ends the session when the token does, rather than on the next refused request.
  useEffect(() => {
    // Beyond what a browser timer can hold (about 24 days): nothing to schedule now.
    if (!session?.expiresAt || session.expiresAt - Date.now() > 2 ** 31 - 1) return;
    const timer = window.setTimeout(
      () => {
        setSession(null);
        setProblem('Your session has expired: sign in again.');
      },
      Math.max(0, session.expiresAt - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [session]);

  const signOut = () => {
    setSession(null);
    if (config) void signOutOidc(config);
    navigate('/admin/');
  };

  if (!config) {
    return (
      <main className="signin">
        <h1>Admin console</h1>
        <ErrorMessage message={problem} />
      </main>
    );
  }
  if (!session) {
    return (
      <Provider value={client}>
        <SignIn
          config={config}
          problem={problem}
          onSignedIn={(s) => {
            setProblem(null);
            setSession(s);
          }}
        />
      </Provider>
    );
  }
  return (
    <Provider value={client}>
      <Shell session={session} onSignOut={signOut} />
    </Provider>
  );
}

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const location = useLocation();
  const path = location.pathname.replace(/\/+$/, '');
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    // Move focus to the new screen so keyboard and screen-reader users land on it.
    main.current?.focus();
  }, [path]);
  let screen;
  const accountMatch = /^\/admin\/accounts\/([^/]+)$/.exec(path);
  if (accountMatch) screen = <AccountPage id={decodeURIComponent(accountMatch[1])} />;
  else if (path === '/admin/reports') screen = <ReportQueue />;
  else if (path === '/admin/appeals') screen = <AppealQueue session={session} />;
  else if (path === '/admin/policy') screen = <PolicyScreen />;
  else if (path === '/admin/catalog') screen = <CatalogScreen />;
  else if (path === '/admin/audit') screen = <AuditLog initialTarget={location.searchParams.get('target') ?? ''} />;
  else if (path === '/admin/clusters') screen = <ClustersScreen />;
  else if (path === '/admin/quotas') screen = <QuotasScreen initial={location.searchParams.get('principal') ?? ''} />;
  else screen = <AccountSearch initial={location.searchParams.get('q') ?? ''} />;
  return (
    <div className="layout">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Admin console</span>
        <nav aria-label="Screens">
          <ul>
            {NAV.map(([href, label]) => (
              <li key={href}>
                <Link
                  href={href}
                  aria-current={path.startsWith(href) || (href === '/admin/accounts' && path === '/admin') ? 'page' : undefined}
                >
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            Signed in as <strong data-testid="signed-in-sub">{session.sub}</strong>
          </span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {screen}
      </main>
    </div>
  );
}
