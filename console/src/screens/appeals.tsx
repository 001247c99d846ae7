import { useState, type FormEvent } from 'react';
import { messageOf, useAction, useGql } from '../api';
import type { Session } from '../auth';
import { graphql } from '../gql';
import type { AppealDecision, AppealStatus } from '../gql/graphql';
import { Link } from '../router';
import { Badge, ErrorMessage, Field, Loading, Notice, Pager, Section, When } from '../ui';

const Appeals = graphql(`
  query AppealQueue($status: AppealStatus, $after: String) {
    appealsConnection(status: $status, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          statement
          status
          createdAt
          decidedAt
          suspensionId
        }
      }
    }
  }
`);

// Who imposed the suspension, from its audit event: the four-eyes rule needs it.
const SuspensionOrigin = graphql(`
  query SuspensionOrigin($id: String!) {
    auditLog(targetId: $id, limit: 20) {
      action
      actor
      after
    }
  }
`);

const Decide = graphql(`
  mutation DecideAppeal($id: ID!, $input: DecideAppealInput!) {
    decideAppeal(id: $id, input: $input) {
      id
      status
    }
  }
`);

export function AppealQueue({ session }: { session: Session }) {
  const [status, setStatus] = useState<AppealStatus | ''>('PENDING');
  const [after, setAfter] = useState<string[]>([]);
  const appeals = useGql(Appeals, { status: status || null, after: after[after.length - 1] ?? null });
  const page = appeals.data?.appealsConnection;
  const rows = page?.edges.map((e) => e.node) ?? [];
  return (
    <Section title="Appeals">
      <div className="row">
        <Field label="Show appeals">
          {(id) => (
            <select
              id={id}
              value={status}
              onChange={(e) => {
                setAfter([]);
                setStatus(e.target.value as AppealStatus | '');
              }}
            >
              <option value="PENDING">Pending</option>
              <option value="UPHELD">Upheld</option>
              <option value="OVERTURNED">Overturned</option>
              <option value="">All</option>
            </select>
          )}
        </Field>
      </div>
      <ErrorMessage message={messageOf(appeals.error)} />
      <Loading when={appeals.fetching} />
      {page ? (
        <p className="muted">
          {page.totalCount === 0 ? 'No appeals here.' : `${page.totalCount} appeal${page.totalCount === 1 ? '' : 's'}, oldest first`}
        </p>
      ) : null}
      <ol className="queue">
        {rows.map((a) => (
          <li key={a.id} className="card">
            <p>
              <Badge tone={a.status === 'PENDING' ? 'warn' : 'plain'}>{a.status}</Badge> Filed <When at={a.createdAt} />
              {a.decidedAt ? (
                <>
                  , decided <When at={a.decidedAt} />
                </>
              ) : null}
            </p>
            <blockquote>{a.statement}</blockquote>
            <Origin
              suspensionId={a.suspensionId}
              appealId={a.id}
              pending={a.status === 'PENDING'}
              me={session.sub}
              onDone={appeals.refresh}
            />
          </li>
        ))}
      </ol>
      <Pager page={page} after={after} setAfter={setAfter} />
    </Section>
  );
}

function Origin({
  suspensionId,
  appealId,
  pending,
  me,
  onDone,
}: {
  suspensionId: string;
  appealId: string;
  pending: boolean;
  me: string;
  onDone: () => void;
}) {
  const origin = useGql(SuspensionOrigin, { id: suspensionId });
  const created = origin.data?.auditLog.find((e) => e.action === 'suspension.create');
  const detail = parseAuditState(created?.after);
  const imposedBy = created?.actor ?? null;
  const mine = imposedBy !== null && imposedBy === me;
  return (
    <>
      <p>
        Suspension <code>{suspensionId}</code>
        {detail.clause ? <> under clause {detail.clause}</> : null}
        {detail.accountId ? (
          <>
            {' '}
            of <Link href={`/admin/accounts/${encodeURIComponent(detail.accountId)}`}>{detail.accountId}</Link>
          </>
        ) : null}
        {imposedBy ? (
          <>
            , imposed by <strong>{imposedBy}</strong>
          </>
        ) : null}
        {detail.reason ? <>: “{detail.reason}”</> : null}
      </p>
      <ErrorMessage message={messageOf(origin.error)} />
      {pending && mine ? <Notice>You imposed this suspension, so another admin must decide this appeal (four-eyes rule).</Notice> : null}
      {pending && !mine && origin.data ? <DecideForm id={appealId} onDone={onDone} /> : null}
    </>
  );
}

function parseAuditState(json: string | null | undefined): { accountId?: string; clause?: string; reason?: string } {
  try {
    return json ? JSON.parse(json) : {};
  } catch {
    return {};
  }
}

function DecideForm({ id, onDone }: { id: string; onDone: () => void }) {
  const decide = useAction(Decide);
  const [decision, setDecision] = useState<AppealDecision>('UPHOLD');
  const [note, setNote] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await decide.run({ id, input: { decision, note } })) onDone();
  };
  return (
    <form className="row" onSubmit={submit} aria-label={`Decide appeal ${id}`}>
      <fieldset>
        <legend>Decision</legend>
        <label>
          <input
            type="radio"
            name={`decision-${id}`}
            value="UPHOLD"
            checked={decision === 'UPHOLD'}
            onChange={() => setDecision('UPHOLD')}
          />{' '}
          Uphold the suspension
        </label>
        <label>
          <input
            type="radio"
            name={`decision-${id}`}
            value="OVERTURN"
            checked={decision === 'OVERTURN'}
            onChange={() => setDecision('OVERTURN')}
          />{' '}
          Overturn (lifts it)
        </label>
      </fieldset>
      <Field label="Decision note">{(fid) => <input id={fid} value={note} onChange={(e) => setNote(e.target.value)} required />}</Field>
      <button type="submit" className="primary" disabled={decide.busy}>
        Decide
      </button>
      <ErrorMessage message={decide.error} />
    </form>
  );
}
