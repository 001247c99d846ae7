import { useState, type FormEvent } from 'react';
import { messageOf, useAction, useGql } from '../api';
import { graphql } from '../gql';
import type { AuthorizationKind, DecisionFragment } from '../gql/graphql';
import { Link } from '../router';
import { Badge, ErrorMessage, Field, isoOrNull, Loading, Notice, Pager, Section, When } from '../ui';
import { AuditTable } from './audit';

const AccountDetail = graphql(`
  query AccountDetail($id: ID!) {
    account(id: $id) {
      id
      email
      displayName
      status
      createdAt
      governmentEntity
      acceptedPolicyVersion
      plan {
        code
        name
        commercialUse
      }
      organization {
        kind
        legalName
        jurisdiction
        performsPublicFunctions
        declaredSectors
        declaredAt
        industry {
          code
          title
        }
      }
      authorizations {
        id
        kind
        reference
        grantedBy
        validFrom
        expiresAt
        revokedAt
        active
      }
      suspensions {
        id
        clause
        reason
        createdBy
        startsAt
        endsAt
        liftedAt
        active
      }
      policyAcceptances {
        version
        acceptedAt
      }
    }
    policyClauses {
      clause
      title
    }
  }
`);

graphql(`
  fragment Decision on Entitlement {
    use
    allowed
    validUntil
    policyVersion
    reasons {
      code
      clause
      message
      remedy
      authorization
    }
  }
`);

const Decisions = graphql(`
  query AccountDecisions($id: ID!) {
    personal: entitlement(accountId: $id, use: PERSONAL) {
      ...Decision
    }
    commercial: entitlement(accountId: $id, use: COMMERCIAL) {
      ...Decision
    }
    apiAccess: entitlement(accountId: $id, use: API_ACCESS) {
      ...Decision
    }
    embedding: entitlement(accountId: $id, use: EMBEDDING) {
      ...Decision
    }
    resale: entitlement(accountId: $id, use: RESALE) {
      ...Decision
    }
    modelTraining: entitlement(accountId: $id, use: MODEL_TRAINING) {
      ...Decision
    }
    competingProduct: entitlement(accountId: $id, use: COMPETING_PRODUCT) {
      ...Decision
    }
    reverseEngineering: entitlement(accountId: $id, use: REVERSE_ENGINEERING) {
      ...Decision
    }
    automatedDecisions: entitlement(accountId: $id, use: AUTOMATED_DECISIONS) {
      ...Decision
    }
    professionalAdvice: entitlement(accountId: $id, use: PROFESSIONAL_ADVICE) {
      ...Decision
    }
    gambling: entitlement(accountId: $id, use: GAMBLING) {
      ...Decision
    }
  }
`);

const Linked = graphql(`
  query AccountLinks($id: ID!, $after: String) {
    linkedAccountsConnection(accountId: $id, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          accountId
          planCode
          status
          sharedSignals
        }
      }
    }
  }
`);

const Grant = graphql(`
  mutation GrantAuthorization($input: GrantAuthorizationInput!) {
    grantAuthorization(input: $input) {
      id
    }
  }
`);
const Revoke = graphql(`
  mutation RevokeAuthorization($id: ID!, $reason: String!) {
    revokeAuthorization(id: $id, reason: $reason) {
      id
    }
  }
`);
const Suspend = graphql(`
  mutation SuspendAccount($input: SuspendAccountInput!) {
    suspendAccount(input: $input) {
      id
    }
  }
`);
const Lift = graphql(`
  mutation LiftSuspension($id: ID!, $reason: String!) {
    liftSuspension(id: $id, reason: $reason) {
      id
    }
  }
`);

const ChangePlan = graphql(`
  mutation ChangePlan($accountId: ID!, $planCode: String!) {
    changePlan(accountId: $accountId, planCode: $planCode) {
      id
    }
  }
`);
const VerifyGovernment = graphql(`
  mutation VerifyGovernmentStatus($accountId: ID!, $governmentEntity: Boolean!, $note: String!) {
    verifyGovernmentStatus(accountId: $accountId, governmentEntity: $governmentEntity, note: $note) {
      id
    }
  }
`);
const PlanCodes = graphql(`
  query PlanCodes {
    plans {
      code
      name
    }
  }
`);

const KINDS: AuthorizationKind[] = ['API_ACCESS', 'EMBEDDING', 'GOVERNMENT_USE', 'PROFESSIONAL_REVIEW', 'RESALE', 'REVERSE_ENGINEERING'];

export function AccountPage({ id }: { id: string }) {
  const detail = useGql(AccountDetail, { id });
  const decisions = useGql(Decisions, { id });
  const refresh = () => {
    detail.refresh();
    decisions.refresh();
  };
  const account = detail.data?.account;
  if (detail.error) return <ErrorMessage message={messageOf(detail.error)} />;
  if (!account) return detail.fetching ? <Loading when /> : <Notice>No account has the id {id}.</Notice>;
  return (
    <>
      <Section title={account.displayName}>
        <dl className="facts">
          <dt>Id</dt>
          <dd>
            <code>{account.id}</code>
          </dd>
          <dt>Email</dt>
          <dd>{account.email}</dd>
          <dt>Status</dt>
          <dd>
            <Badge tone={account.status === 'ACTIVE' ? 'ok' : 'bad'}>{account.status}</Badge>
          </dd>
          <dt>Plan</dt>
          <dd>
            {account.plan.name} ({account.plan.code}
            {account.plan.commercialUse ? ', commercial use' : ', no commercial use'})
          </dd>
          <dt>Created</dt>
          <dd>
            <When at={account.createdAt} />
          </dd>
          <dt>Accepted policy</dt>
          <dd>{account.acceptedPolicyVersion ?? <span className="muted">none</span>}</dd>
          <dt>Government entity</dt>
          <dd>{account.governmentEntity ? 'Yes' : 'No'}</dd>
        </dl>
        <div className="row">
          <PlanForm accountId={account.id} current={account.plan.code} onDone={refresh} />
          <GovernmentForm accountId={account.id} current={account.governmentEntity} onDone={refresh} />
        </div>
      </Section>
      <Section
        title="Decisions"
        actions={
          <button type="button" onClick={decisions.refresh}>
            Refresh decisions
          </button>
        }
      >
        <ErrorMessage message={messageOf(decisions.error)} />
        <table>
          <caption className="sr-only">Decision for every use</caption>
          <thead>
            <tr>
              <th scope="col">Use</th>
              <th scope="col">Decision</th>
              <th scope="col">Reasons and remedies</th>
              <th scope="col">Valid until</th>
            </tr>
          </thead>
          <tbody>
            {decisions.data
              ? Object.values(decisions.data)
                  .filter((d): d is DecisionFragment => typeof d === 'object' && d !== null)
                  .map((d) => (
                    <tr key={d.use} data-use={d.use}>
                      <th scope="row">{d.use}</th>
                      <td>
                        <Badge tone={d.allowed ? 'ok' : 'bad'}>{d.allowed ? 'ALLOWED' : 'DENIED'}</Badge>
                      </td>
                      <td>
                        {d.reasons.length === 0 ? <span className="muted">—</span> : null}
                        <ul className="plain">
                          {d.reasons.map((r) => (
                            <li key={r.code + r.clause}>
                              <code className="reason">{r.code}</code> (clause {r.clause}) {r.message}{' '}
                              <span className="muted">
                                Remedy: {r.remedy}
                                {r.authorization ? ` (${r.authorization})` : ''}
                              </span>
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        <When at={d.validUntil} />
                      </td>
                    </tr>
                  ))
              : null}
          </tbody>
        </table>
      </Section>
      <Section title="Organization">
        {account.organization ? (
          <dl className="facts">
            <dt>Kind</dt>
            <dd>{account.organization.kind}</dd>
            <dt>Legal name</dt>
            <dd>{account.organization.legalName ?? '—'}</dd>
            <dt>Jurisdiction</dt>
            <dd>{account.organization.jurisdiction ?? '—'}</dd>
            <dt>Industry</dt>
            <dd>{account.organization.industry ? `${account.organization.industry.code} ${account.organization.industry.title}` : '—'}</dd>
            <dt>Declared sectors</dt>
            <dd>{account.organization.declaredSectors.join(', ') || 'none'}</dd>
            <dt>Performs public functions</dt>
            <dd>{account.organization.performsPublicFunctions ? 'Yes' : 'No'}</dd>
            <dt>Declared</dt>
            <dd>
              <When at={account.organization.declaredAt} />
            </dd>
          </dl>
        ) : (
          <p className="muted">No organization declared.</p>
        )}
      </Section>
      <Authorizations accountId={account.id} rows={account.authorizations} onChange={refresh} />
      <Suspensions accountId={account.id} rows={account.suspensions} clauses={detail.data!.policyClauses} onChange={refresh} />
      <LinkedAccounts id={account.id} />
      <Section title="Policy acceptances">
        {account.policyAcceptances.length === 0 ? <p className="muted">None.</p> : null}
        <ul className="plain">
          {account.policyAcceptances.map((p) => (
            <li key={p.version + p.acceptedAt}>
              {p.version} accepted <When at={p.acceptedAt} />
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Audit trail of the account">
        <p className="muted">Changes to the account itself; each authorization and suspension links to its own history.</p>
        <AuditTable targetId={account.id} />
      </Section>
    </>
  );
}

function PlanForm({ accountId, current, onDone }: { accountId: string; current: string; onDone: () => void }) {
  const plans = useGql(PlanCodes, {});
  const change = useAction(ChangePlan);
  const [plan, setPlan] = useState(current);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await change.run({ accountId, planCode: plan })) onDone();
  };
  return (
    <form className="card inline" onSubmit={submit} aria-label="Change the plan">
      <Field label="Plan">
        {(id) => (
          <select id={id} value={plan} onChange={(e) => setPlan(e.target.value)}>
            {plans.data?.plans.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={change.busy || plan === current}>
        Change plan
      </button>
      <ErrorMessage message={change.error} />
    </form>
  );
}

/** An admin finding on 9(k): it overrides what the organization declared. */
function GovernmentForm({ accountId, current, onDone }: { accountId: string; current: boolean; onDone: () => void }) {
  const verify = useAction(VerifyGovernment);
  const [finding, setFinding] = useState(current ? 'yes' : 'no');
  const [note, setNote] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await verify.run({ accountId, governmentEntity: finding === 'yes', note })) {
      setNote('');
      onDone();
    }
  };
  return (
    <form className="card inline" onSubmit={submit} aria-label="Record a government-status finding">
      <Field label="Government entity (9(k))">
        {(id) => (
          <select id={id} value={finding} onChange={(e) => setFinding(e.target.value)}>
            <option value="no">Not a government entity</option>
            <option value="yes">A government entity</option>
          </select>
        )}
      </Field>
      <Field label="Finding note">{(id) => <input id={id} value={note} onChange={(e) => setNote(e.target.value)} required />}</Field>
      <button type="submit" disabled={verify.busy}>
        Record finding
      </button>
      <ErrorMessage message={verify.error} />
    </form>
  );
}

interface AuthorizationRow {
  id: string;
  kind: string;
  reference: string;
  grantedBy: string;
  validFrom: string;
  expiresAt?: string | null;
  revokedAt?: string | null;
  active: boolean;
}

function Authorizations({ accountId, rows, onChange }: { accountId: string; rows: AuthorizationRow[]; onChange: () => void }) {
  const grant = useAction(Grant);
  const [kind, setKind] = useState<AuthorizationKind>('API_ACCESS');
  const [reference, setReference] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [note, setNote] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await grant.run({
      input: { accountId, kind, reference, validFrom: isoOrNull(validFrom), expiresAt: isoOrNull(expiresAt), note: note || null },
    });
    if (done) {
      setReference('');
      setNote('');
      onChange();
    }
  };
  return (
    <Section title="Authorizations">
      <table>
        <caption className="sr-only">Written authorizations</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Reference</th>
            <th scope="col">Granted by</th>
            <th scope="col">Valid from</th>
            <th scope="col">Expires</th>
            <th scope="col">State</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>{a.kind}</td>
              <td>{a.reference}</td>
              <td>{a.grantedBy}</td>
              <td>
                <When at={a.validFrom} />
              </td>
              <td>
                <When at={a.expiresAt} />
              </td>
              <td>
                {a.revokedAt ? (
                  <Badge tone="plain">revoked</Badge>
                ) : (
                  <Badge tone={a.active ? 'ok' : 'plain'}>{a.active ? 'active' : 'inactive'}</Badge>
                )}
              </td>
              <td>
                <Link href={`/admin/audit?target=${encodeURIComponent(a.id)}`} aria-label={`History of authorization ${a.reference}`}>
                  History
                </Link>{' '}
                {a.revokedAt ? null : (
                  <ReasonAction
                    label={`Revoke ${a.kind} authorization ${a.reference}`}
                    verb="Revoke"
                    mutation={Revoke}
                    id={a.id}
                    onDone={onChange}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card" onSubmit={submit} aria-label="Grant an authorization">
        <h3>Grant an authorization</h3>
        <div className="row">
          <Field label="Kind">
            {(id) => (
              <select id={id} value={kind} onChange={(e) => setKind(e.target.value as AuthorizationKind)}>
                {KINDS.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Reference" hint="The signed agreement, e.g. a contract number">
            {(id) => <input id={id} value={reference} onChange={(e) => setReference(e.target.value)} required />}
          </Field>
          <Field label="Valid from" hint="Local time; empty: now">
            {(id) => <input id={id} type="datetime-local" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />}
          </Field>
          <Field label="Expires" hint="Local time; empty: no end">
            {(id) => <input id={id} type="datetime-local" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} />}
          </Field>
          <Field label="Note">{(id) => <input id={id} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
        </div>
        <button type="submit" className="primary" disabled={grant.busy}>
          Grant
        </button>
        <ErrorMessage message={grant.error} />
      </form>
    </Section>
  );
}

/** A per-row action that needs a reason: opens a small form, shows the API's refusal. */
function ReasonAction({
  label,
  verb,
  mutation,
  id,
  onDone,
}: {
  label: string;
  verb: string;
  mutation: typeof Revoke | typeof Lift;
  id: string;
  onDone: () => void;
}) {
  const action = useAction(mutation as typeof Revoke);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <button type="button" aria-label={label} onClick={() => setOpen(true)}>
        {verb}…
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run({ id, reason })) {
      setOpen(false);
      onDone();
    }
  };
  return (
    <form className="inline" onSubmit={submit} aria-label={label}>
      <Field label="Reason">
        {(fid) => <input id={fid} value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus />}
      </Field>
      <button type="submit" className="danger" disabled={action.busy}>
        {verb}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      <ErrorMessage message={action.error} />
    </form>
  );
}

interface SuspensionRow {
  id: string;
  clause: string;
  reason: string;
  createdBy: string;
  startsAt: string;
  endsAt?: string | null;
  liftedAt?: string | null;
  active: boolean;
}

function Suspensions({
  accountId,
  rows,
  clauses,
  onChange,
}: {
  accountId: string;
  rows: SuspensionRow[];
  clauses: Array<{ clause: string; title: string }>;
  onChange: () => void;
}) {
  const suspend = useAction(Suspend);
  const [clause, setClause] = useState('');
  const [reason, setReason] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await suspend.run({ input: { accountId, clause, reason, endsAt: isoOrNull(endsAt) } })) {
      setReason('');
      setEndsAt('');
      onChange();
    }
  };
  return (
    <Section title="Suspensions">
      <table>
        <caption className="sr-only">Suspensions</caption>
        <thead>
          <tr>
            <th scope="col">Clause</th>
            <th scope="col">Reason</th>
            <th scope="col">Imposed by</th>
            <th scope="col">From</th>
            <th scope="col">Until</th>
            <th scope="col">State</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <td>{s.clause}</td>
              <td>{s.reason}</td>
              <td>{s.createdBy}</td>
              <td>
                <When at={s.startsAt} />
              </td>
              <td>
                {s.liftedAt ? (
                  <>
                    lifted <When at={s.liftedAt} />
                  </>
                ) : (
                  <When at={s.endsAt} />
                )}
              </td>
              <td>
                <Badge tone={s.active ? 'bad' : 'plain'}>{s.active ? 'active' : 'ended'}</Badge>
              </td>
              <td>
                <Link
                  href={`/admin/audit?target=${encodeURIComponent(s.id)}`}
                  aria-label={`History of the suspension under clause ${s.clause}`}
                >
                  History
                </Link>{' '}
                {s.active ? (
                  <ReasonAction
                    label={`Lift suspension under clause ${s.clause}`}
                    verb="Lift"
                    mutation={Lift}
                    id={s.id}
                    onDone={onChange}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card" onSubmit={submit} aria-label="Suspend this account">
        <h3>Suspend this account</h3>
        <div className="row">
          <Field label="Clause">
            {(id) => (
              <select id={id} value={clause} onChange={(e) => setClause(e.target.value)} required>
                <option value="">Choose a clause…</option>
                {clauses.map((c) => (
                  <option key={c.clause} value={c.clause}>
                    {c.clause} {c.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Reason for suspension">
            {(id) => <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={2000} />}
          </Field>
          <Field label="Ends" hint="Local time; empty: until lifted">
            {(id) => <input id={id} type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />}
          </Field>
        </div>
        <button type="submit" className="danger" disabled={suspend.busy}>
          Suspend
        </button>
        <ErrorMessage message={suspend.error} />
      </form>
    </Section>
  );
}

function LinkedAccounts({ id }: { id: string }) {
  const [after, setAfter] = useState<string[]>([]);
  const linked = useGql(Linked, { id, after: after[after.length - 1] ?? null });
  const page = linked.data?.linkedAccountsConnection;
  return (
    <Section title="Linked accounts">
      <ErrorMessage message={messageOf(linked.error)} />
      {page && page.totalCount === 0 ? <p className="muted">None.</p> : null}
      <ul className="plain">
        {page?.edges.map(({ node: l }) => (
          <li key={l.accountId}>
            <Link href={`/admin/accounts/${encodeURIComponent(l.accountId)}`}>{l.accountId}</Link> ({l.planCode},{' '}
            <Badge tone={l.status === 'ACTIVE' ? 'ok' : 'bad'}>{l.status}</Badge>) shares {l.sharedSignals.join(', ')}
          </li>
        ))}
      </ul>
      <Pager page={page} after={after} setAfter={setAfter} />
    </Section>
  );
}
