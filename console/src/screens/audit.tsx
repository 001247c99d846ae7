import { useState, type FormEvent } from 'react';
import { isUnavailable, messageOf, useGql } from '../api';
import { graphql } from '../gql';
import { Badge, ErrorMessage, Field, Loading, Pager, Section, Unavailable, When } from '../ui';

const AuditPage = graphql(`
  query AuditPage($targetId: String, $action: String, $after: String) {
    auditLogConnection(targetId: $targetId, action: $action, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AuditRow
        }
      }
    }
  }
  fragment AuditRow on AuditEvent {
    id
    sequence
    at
    action
    actor
    actorRole
    targetType
    targetId
    before
    after
  }
`);

const AuditRecent = graphql(`
  query AuditRecent($targetId: String) {
    auditLog(limit: 50, targetId: $targetId) {
      ...AuditRow
    }
  }
`);

// verifyAuditLog is a query; run it on demand like an action.
const Verify = graphql(`
  query VerifyAuditLog {
    verifyAuditLog {
      ok
      checked
      firstBrokenSequence
    }
  }
`);

interface AuditRowData {
  id: string;
  sequence: number;
  at: string;
  action: string;
  actor: string;
  actorRole: string;
  targetType: string;
  targetId: string;
  before?: string | null;
  after?: string | null;
}

export function AuditTable({ targetId, action }: { targetId?: string; action?: string }) {
  const [after, setAfter] = useState<string[]>([]);
  const paged = useGql(AuditPage, { targetId: targetId || null, action: action || null, after: after[after.length - 1] ?? null });
  const fallback = isUnavailable(paged.error);
  const recent = useGql(AuditRecent, { targetId: targetId || null }, !fallback);
  const rows: AuditRowData[] = fallback ? (recent.data?.auditLog ?? []) : (paged.data?.auditLogConnection.edges.map((e) => e.node) ?? []);
  const page = paged.data?.auditLogConnection;
  return (
    <>
      {fallback ? <Unavailable what="paging of the audit log" /> : <ErrorMessage message={messageOf(paged.error)} />}
      <Loading when={paged.fetching || recent.fetching} />
      {page ? <p className="muted">{page.totalCount} events</p> : null}
      <table className="audit">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">At</th>
            <th scope="col">Action</th>
            <th scope="col">Actor</th>
            <th scope="col">Target</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td>{e.sequence}</td>
              <td>
                <When at={e.at} />
              </td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                {e.actor} <span className="muted">({e.actorRole})</span>
              </td>
              <td>
                {e.targetType} <code>{e.targetId}</code>
              </td>
              <td>
                <details>
                  <summary>Before and after</summary>
                  <pre>{e.before ?? 'null'}</pre>
                  <pre>{e.after ?? 'null'}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} after={after} setAfter={setAfter} labels={['Newer events', 'Older events']} />
    </>
  );
}

export function AuditLog({ initialTarget = '' }: { initialTarget?: string }) {
  const [target, setTarget] = useState(initialTarget);
  const [action, setAction] = useState('');
  const [filter, setFilter] = useState({ target: initialTarget, action: '' });
  const [verifying, setVerifying] = useState(false);
  const verify = useGql(Verify, {}, !verifying);
  const result = verify.data?.verifyAuditLog;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ target: target.trim(), action: action.trim() });
  };
  return (
    <Section
      title="Audit log"
      actions={
        <button type="button" onClick={() => (verifying ? verify.refresh() : setVerifying(true))}>
          Verify the chain
        </button>
      }
    >
      {verifying ? (
        <div role="status" className="verify">
          {verify.fetching ? 'Verifying…' : null}
          {result ? (
            result.ok ? (
              <Badge tone="ok">Chain intact: {result.checked} events checked</Badge>
            ) : (
              <Badge tone="bad">
                Chain broken at event {result.firstBrokenSequence} ({result.checked} checked)
              </Badge>
            )
          ) : null}
          <ErrorMessage message={messageOf(verify.error)} />
        </div>
      ) : null}
      <form className="row" onSubmit={submit} aria-label="Filter the audit log">
        <Field label="Target id">{(id) => <input id={id} value={target} onChange={(e) => setTarget(e.target.value)} />}</Field>
        <Field label="Action" hint="e.g. suspension.create">
          {(id) => <input id={id} value={action} onChange={(e) => setAction(e.target.value)} />}
        </Field>
        <button type="submit">Filter</button>
      </form>
      <AuditTable key={filter.target + '|' + filter.action} targetId={filter.target} action={filter.action} />
    </Section>
  );
}
