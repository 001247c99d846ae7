import { useState } from 'react';
import { messageOf, useGql } from '../api';
import { graphql } from '../gql';
import { Link } from '../router';
import { ErrorMessage, Field, Loading, Section } from '../ui';

const Clusters = graphql(`
  query FreePlanClusters($minSize: Int!) {
    freePlanClusters(limit: 100, minSize: $minSize) {
      accountIds
      freeAccounts
      sharedSignals
    }
  }
`);

export function ClustersScreen() {
  const [minSize, setMinSize] = useState(3);
  const clusters = useGql(Clusters, { minSize });
  return (
    <Section title="Free-plan clusters">
      <p className="muted">Accounts linked by email, payment fingerprint or device, with several on plans without commercial use (9(n)).</p>
      <div className="row">
        <Field label="Minimum accounts in a cluster">
          {(id) => (
            <input
              id={id}
              type="number"
              min={2}
              max={1000}
              value={minSize}
              onChange={(e) => setMinSize(Math.max(2, Number(e.target.value) || 2))}
            />
          )}
        </Field>
      </div>
      <ErrorMessage message={messageOf(clusters.error)} />
      <Loading when={clusters.fetching} />
      {clusters.data && clusters.data.freePlanClusters.length === 0 ? <p>No cluster that large.</p> : null}
      <table>
        <caption className="sr-only">Clusters, most free accounts first</caption>
        <thead>
          <tr>
            <th scope="col">Free accounts</th>
            <th scope="col">Linked by</th>
            <th scope="col">Accounts</th>
          </tr>
        </thead>
        <tbody>
          {clusters.data?.freePlanClusters.map((c) => (
            <tr key={c.accountIds.join()}>
              <td>{c.freeAccounts}</td>
              <td>{c.sharedSignals.join(', ')}</td>
              <td>
                <ul className="inline-list">
                  {c.accountIds.map((id) => (
                    <li key={id}>
                      <Link href={`/admin/accounts/${encodeURIComponent(id)}`}>{id}</Link>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
