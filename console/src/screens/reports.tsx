import { useState, type FormEvent } from 'react';
import { messageOf, useAction, useGql } from '../api';
import { graphql } from '../gql';
import type { ReportStatus } from '../gql/graphql';
import { Link } from '../router';
import { Badge, ErrorMessage, Field, Loading, Pager, Section, When } from '../ui';

const Reports = graphql(`
  query ReportQueue($status: ReportStatus, $after: String) {
    reportsConnection(status: $status, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          clause
          description
          status
          createdAt
          subjectAccountId
        }
      }
    }
  }
`);

const Resolve = graphql(`
  mutation ResolveReport($id: ID!, $input: ResolveReportInput!) {
    resolveReport(id: $id, input: $input) {
      id
      status
    }
  }
`);

export function ReportQueue() {
  const [status, setStatus] = useState<ReportStatus | ''>('OPEN');
  const [after, setAfter] = useState<string[]>([]);
  const reports = useGql(Reports, { status: status || null, after: after[after.length - 1] ?? null });
  const page = reports.data?.reportsConnection;
  const rows = page?.edges.map((e) => e.node) ?? [];
  return (
    <Section title="Reports">
      <div className="row">
        <Field label="Show reports">
          {(id) => (
            <select
              id={id}
              value={status}
              onChange={(e) => {
                setAfter([]);
                setStatus(e.target.value as ReportStatus | '');
              }}
            >
              <option value="OPEN">Open</option>
              <option value="ACTION_TAKEN">Action taken</option>
              <option value="DISMISSED">Dismissed</option>
              <option value="">All</option>
            </select>
          )}
        </Field>
      </div>
      <ErrorMessage message={messageOf(reports.error)} />
      <Loading when={reports.fetching} />
      {page ? (
        <p className="muted">
          {page.totalCount === 0 ? 'No reports here.' : `${page.totalCount} report${page.totalCount === 1 ? '' : 's'}, oldest first`}
        </p>
      ) : null}
      <ol className="queue">
        {rows.map((r) => (
          <li key={r.id} className="card">
            <p>
              <Badge tone={r.status === 'OPEN' ? 'warn' : 'plain'}>{r.status}</Badge> Clause {r.clause} — filed <When at={r.createdAt} />{' '}
              about <Link href={`/admin/accounts/${encodeURIComponent(r.subjectAccountId)}`}>{r.subjectAccountId}</Link>
            </p>
            <blockquote>{r.description}</blockquote>
            {r.status === 'OPEN' ? <ResolveForm id={r.id} onDone={reports.refresh} /> : null}
          </li>
        ))}
      </ol>
      <Pager page={page} after={after} setAfter={setAfter} />
    </Section>
  );
}

function ResolveForm({ id, onDone }: { id: string; onDone: () => void }) {
  const resolve = useAction(Resolve);
  const [outcome, setOutcome] = useState<ReportStatus>('DISMISSED');
  const [note, setNote] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await resolve.run({ id, input: { status: outcome, note } })) onDone();
  };
  return (
    <form className="row" onSubmit={submit} aria-label={`Resolve report ${id}`}>
      <Field label="Outcome">
        {(fid) => (
          <select id={fid} value={outcome} onChange={(e) => setOutcome(e.target.value as ReportStatus)}>
            <option value="DISMISSED">Dismiss</option>
            <option value="ACTION_TAKEN">Action taken</option>
          </select>
        )}
      </Field>
      <Field label="Resolution note">{(fid) => <input id={fid} value={note} onChange={(e) => setNote(e.target.value)} required />}</Field>
      <button type="submit" className="primary" disabled={resolve.busy}>
        Resolve
      </button>
      <ErrorMessage message={resolve.error} />
    </form>
  );
}
