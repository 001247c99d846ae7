import { useEffect, useState, type FormEvent } from 'react';
import { isUnavailable, messageOf, useGql } from '../api';
import { graphql } from '../gql';
import type { AccountStatus } from '../gql/graphql';
import { Link, navigate } from '../router';
import { Badge, ErrorMessage, Field, Loading, Pager, Section, Unavailable, When } from '../ui';

const SearchAccounts = graphql(`
  query SearchAccounts($search: String, $status: AccountStatus, $planCode: String, $after: String) {
    accounts(search: $search, status: $status, planCode: $planCode, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          email
          displayName
          status
          createdAt
          plan {
            code
            name
          }
          organization {
            legalName
          }
        }
      }
    }
  }
`);

// Older servers: exact id only.
const AccountById = graphql(`
  query AccountById($id: ID!) {
    account(id: $id) {
      id
      email
      displayName
      status
      createdAt
      plan {
        code
        name
      }
      organization {
        legalName
      }
    }
  }
`);

const Plans = graphql(`
  query Plans {
    plans {
      code
      name
    }
  }
`);

export function AccountSearch({ initial }: { initial: string }) {
  const [text, setText] = useState(initial);
  const [status, setStatus] = useState('');
  const [plan, setPlan] = useState('');
  const [query, setQuery] = useState({ search: initial, status: '', plan: '' });
  const [after, setAfter] = useState<string[]>([]);
  const plans = useGql(Plans, {});
  const vars = {
    search: query.search || null,
    status: (query.status || null) as AccountStatus | null,
    planCode: query.plan || null,
    after: after[after.length - 1] ?? null,
  };
  const result = useGql(SearchAccounts, vars);
  const fallback = isUnavailable(result.error);
  const byId = useGql(AccountById, { id: query.search }, !fallback || query.search === '');

  useEffect(() => setAfter([]), [query]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ search: text.trim(), status, plan });
    const url = new URL(window.location.href);
    url.searchParams.set('q', text.trim());
    window.history.replaceState(null, '', url);
  };

  const rows = fallback ? (byId.data?.account ? [byId.data.account] : []) : (result.data?.accounts.edges.map((e) => e.node) ?? []);

  return (
    <Section title="Accounts">
      <form className="row" role="search" onSubmit={submit}>
        <Field label="Search accounts" hint="Id, email (or its beginning), display name or organization name">
          {(id) => <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <Field label="Status">
          {(id) => (
            <select id={id} value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">Any</option>
              <option value="ACTIVE">Active</option>
              <option value="SUSPENDED">Suspended</option>
            </select>
          )}
        </Field>
        <Field label="Plan">
          {(id) => (
            <select id={id} value={plan} onChange={(e) => setPlan(e.target.value)}>
              <option value="">Any</option>
              {plans.data?.plans.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      {fallback ? <Unavailable what="account search" /> : <ErrorMessage message={messageOf(result.error)} />}
      {fallback ? <ErrorMessage message={messageOf(byId.error)} /> : null}
      <Loading when={result.fetching || byId.fetching} />
      {!fallback && result.data ? (
        <p className="muted" role="status">
          {result.data.accounts.totalCount} account{result.data.accounts.totalCount === 1 ? '' : 's'}
        </p>
      ) : null}
      <table>
        <caption className="sr-only">Matching accounts</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Email</th>
            <th scope="col">Organization</th>
            <th scope="col">Plan</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>
                <Link href={`/admin/accounts/${encodeURIComponent(a.id)}`}>{a.displayName}</Link>
              </td>
              <td>{a.email}</td>
              <td>{a.organization?.legalName ?? <span className="muted">—</span>}</td>
              <td>{a.plan.name}</td>
              <td>
                <Badge tone={a.status === 'ACTIVE' ? 'ok' : 'bad'}>{a.status}</Badge>
              </td>
              <td>
                <When at={a.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!fallback ? <Pager page={result.data?.accounts} after={after} setAfter={setAfter} /> : null}
      {fallback && rows.length === 0 && query.search ? (
        <p>
          No account with that id.{' '}
          <button type="button" className="link" onClick={() => navigate('/admin/accounts')}>
            Clear
          </button>
        </p>
      ) : null}
    </Section>
  );
}
