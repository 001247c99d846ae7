import { useState, type FormEvent } from 'react';
import { useClient, type Client } from 'urql';
import { messageOf } from '../api';
import { sessionFor, startOidcSignIn, type ConsoleConfig, type Session } from '../auth';
import { graphql } from '../gql';
import { ErrorMessage, Field } from '../ui';

// An admin-only read: the server, not the console, decides who is an admin.
const Probe = graphql(`
  query ConsoleProbe {
    auditLog(limit: 1) {
      id
    }
  }
`);

/** Null when the API accepts this token for an admin-only read; else the API's message. */
export async function probeAdmin(client: Client, token: string): Promise<string | null> {
  const result = await client
    .query(Probe, {}, { fetchOptions: { headers: { authorization: `Bearer ${token}` } }, requestPolicy: 'network-only' })
    .toPromise();
  return result.error ? messageOf(result.error) : null;
}

export function SignIn({
  config,
  problem,
  onSignedIn,
}: {
  config: ConsoleConfig;
  problem: string | null;
  onSignedIn: (s: Session) => void;
}) {
  const client = useClient();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const session = sessionFor(token, 'dev');
    if (typeof session === 'string') return setError(session);
    setBusy(true);
    const refused = await probeAdmin(client, session.token);
    setBusy(false);
    if (refused) return setError(refused);
    onSignedIn(session);
  };

  return (
    <main className="signin">
      <h1>Admin console</h1>
      <ErrorMessage message={problem} />
      {config.mode === 'oidc' ? (
        <>
          <p>Sign in with your organization's identity provider. Only accounts with the admin role may use the console.</p>
          <button type="button" className="primary" onClick={() => startOidcSignIn(config).catch((e: Error) => setError(e.message))}>
            Sign in with {new URL(config.issuer!).host}
          </button>
        </>
      ) : (
        <form onSubmit={submit}>
          <p>
            Development sign-in: paste a token printed by <code>npm run token -- --role admin --sub you@example.com</code>.
          </p>
          <Field label="Admin token">
            {(id) => (
              // One line, masked like a password: Enter submits the form.
              <input
                id={id}
                name="token"
                type="password"
                autoComplete="off"
                value={token}
                onChange={(e) => setToken(e.target.value)}
                required
                spellCheck={false}
              />
            )}
          </Field>
          <button type="submit" className="primary" disabled={busy}>
            Sign in
          </button>
        </form>
      )}
      <ErrorMessage message={error} />
    </main>
  );
}
