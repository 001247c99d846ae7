import { useState, type FormEvent } from 'react';
import { messageOf, useAction, useGql } from '../api';
import { graphql } from '../gql';
import { Link } from '../router';
import { Badge, ErrorMessage, Field, Loading, Section, When } from '../ui';

const Read = graphql(`
  query PrincipalQuota($principal: String!) {
    principalQuota(principal: $principal) {
      principal
      source
      limit
      windowSeconds
      remaining
      resetAt
      override {
        limit
        windowSeconds
        note
        setBy
        setAt
      }
    }
  }
`);

const SetQuota = graphql(`
  mutation SetPrincipalQuota($input: SetPrincipalQuotaInput!) {
    setPrincipalQuota(input: $input) {
      principal
    }
  }
`);

const ClearQuota = graphql(`
  mutation ClearPrincipalQuota($principal: String!) {
    clearPrincipalQuota(principal: $principal) {
      principal
    }
  }
`);

const SOURCE_LABEL = { OVERRIDE: 'set by an admin', PLAN: "the account's plan", ROLE: "the role's default" } as const;

/** One principal's request budget: what is left of it, and an override (audited) in place of its role's or plan's. */
export function QuotasScreen({ initial }: { initial: string }) {
  const [typed, setTyped] = useState(initial);
  const [principal, setPrincipal] = useState(initial);
  const quota = useGql(Read, { principal }, principal === '');
  const q = quota.data?.principalQuota;
  return (
    <>
      <Section title="Request budgets">
        <p className="muted">
          Every token spends points from its principal&apos;s budget: <code>account:&lt;account id&gt;</code> for user tokens,{' '}
          <code>service:&lt;subject&gt;</code> or <code>admin:&lt;subject&gt;</code> for staff.
        </p>
        <form
          className="row"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            setPrincipal(typed.trim());
          }}
        >
          <Field label="Principal">
            {(id) => <input id={id} value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="service:frontend" />}
          </Field>
          <button type="submit">Show</button>
        </form>
        <ErrorMessage message={messageOf(quota.error)} />
        <Loading when={quota.fetching} />
        {q ? (
          <dl className="facts">
            <dt>Budget</dt>
            <dd>
              {q.limit.toLocaleString()} points per {q.windowSeconds.toLocaleString()} s{' '}
              <Badge tone={q.source === 'OVERRIDE' ? 'warn' : 'plain'}>{SOURCE_LABEL[q.source]}</Badge>
            </dd>
            <dt>Left now</dt>
            <dd data-testid="quota-remaining">{q.remaining.toLocaleString()}</dd>
            <dt>Full again</dt>
            <dd>
              <When at={q.resetAt} />
            </dd>
            {q.override ? (
              <>
                <dt>Override</dt>
                <dd>
                  {q.override.note} (by {q.override.setBy}, <When at={q.override.setAt} />;{' '}
                  <Link href={`/admin/audit?target=${encodeURIComponent(q.principal)}`}>history</Link>)
                </dd>
              </>
            ) : null}
          </dl>
        ) : null}
      </Section>
      {q ? <OverrideForm key={q.principal} principal={q.principal} hasOverride={q.override !== null} onDone={quota.refresh} /> : null}
    </>
  );
}

function OverrideForm({ principal, hasOverride, onDone }: { principal: string; hasOverride: boolean; onDone: () => void }) {
  const [limit, setLimit] = useState('');
  const [windowSeconds, setWindowSeconds] = useState('60');
  const [note, setNote] = useState('');
  const set = useAction(SetQuota);
  const clear = useAction(ClearQuota);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await set.run({ input: { principal, limit: Number(limit), windowSeconds: Number(windowSeconds), note } });
    if (done) {
      setNote('');
      onDone();
    }
  };
  return (
    <Section title="Override">
      <form onSubmit={submit}>
        <div className="row">
          <Field label="Points per window">
            {(id) => <input id={id} type="number" min={1} required value={limit} onChange={(e) => setLimit(e.target.value)} />}
          </Field>
          <Field label="Window (seconds)">
            {(id) => (
              <input
                id={id}
                type="number"
                min={1}
                max={86400}
                required
                value={windowSeconds}
                onChange={(e) => setWindowSeconds(e.target.value)}
              />
            )}
          </Field>
        </div>
        <Field label="Why" hint="Kept in the audit log.">
          {(id) => <input id={id} required maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <div className="row">
          <button type="submit" disabled={set.busy}>
            Set budget
          </button>
          {hasOverride ? (
            <button
              type="button"
              className="danger"
              disabled={clear.busy}
              onClick={async () => {
                if (await clear.run({ principal })) onDone();
              }}
            >
              Back to the default
            </button>
          ) : null}
        </div>
        <ErrorMessage message={set.error ?? clear.error} />
      </form>
    </Section>
  );
}
