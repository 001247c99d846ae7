import { randomUUID } from 'node:crypto';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from '../../src/domain/change-feed';
import { MAPPED_AUDIT_ACTIONS } from '../../src/services/feed/event-map';
import { makeAccount } from '../support/fixtures';
import { admin, admin2, codeOf, service, startTestApp, TestApp, userOf } from '../support/test-app';

// The transactional outbox: each audited change writes its event in the same
// transaction, or nothing is written at all.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

interface EventRow {
  id: string;
  type: string;
  account_id: string | null;
  payload: Record<string, any>;
}

async function eventsSince(id: string): Promise<EventRow[]> {
  return app.dataSource.query('SELECT id, type, account_id, payload FROM webhook_events WHERE id > $1 ORDER BY id', [id]);
}

async function lastEventId(): Promise<string> {
  const [row] = await app.dataSource.query('SELECT coalesce(max(id), 0)::text AS id FROM webhook_events');
  return row.id;
}

async function ok(principal: Parameters<TestApp['exec']>[0], query: string, variables: Record<string, unknown>) {
  const r = await app.exec(principal, query, variables);
  expect(r.errors).toBeUndefined();
  return r.data!;
}

test('every event type but entitlement.changed comes from an audited action, and each action maps to one', () => {
  expect(MAPPED_AUDIT_ACTIONS).toHaveLength(WEBHOOK_EVENT_TYPES.length - 1);
});

test('a journey through every audited change writes its events, in order, with ids and states only', async () => {
  const start = await lastEventId();
  const created = await ok(service, `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, {
    input: { email: `feed-${randomUUID()}@example.com`, displayName: 'Feed' },
  });
  const accountId: string = created.createAccount.id;
  await ok(service, `mutation($id: ID!) { changePlan(accountId: $id, planCode: "pro") { id } }`, { id: accountId });
  await ok(service, `mutation($id: ID!) { declareOrganization(accountId: $id, input: { kind: INDIVIDUAL }) { id } }`, { id: accountId });
  await ok(service, `mutation($id: ID!) { acceptPolicy(accountId: $id, version: "2026-01-19") { id } }`, { id: accountId });
  const grant = await ok(admin, `mutation($input: GrantAuthorizationInput!) { grantAuthorization(input: $input) { id } }`, {
    input: { accountId, kind: 'API_ACCESS', reference: 'DOC-FEED' },
  });
  await ok(admin, `mutation($id: ID!) { revokeAuthorization(id: $id, reason: "ended") { id } }`, { id: grant.grantAuthorization.id });
  const report = await ok(userOf(randomUUID()), `mutation($input: FileReportInput!) { fileReport(input: $input) { id } }`, {
    input: { subjectAccountId: accountId, clause: '9(a)', description: 'secret details of the report' },
  });
  await ok(admin, `mutation($id: ID!) { resolveReport(id: $id, input: { status: DISMISSED, note: "no" }) { id } }`, {
    id: report.fileReport.id,
  });
  const suspension = await ok(admin, `mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id } }`, {
    input: { accountId, clause: 'Enforcement', reason: 'private reason' },
  });
  const appeal = await ok(userOf(accountId), `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { id } }`, {
    input: { suspensionId: suspension.suspendAccount.id, statement: 'my statement' },
  });
  await ok(admin2, `mutation($id: ID!) { decideAppeal(id: $id, input: { decision: UPHOLD, note: "stays" }) { id } }`, {
    id: appeal.fileAppeal.id,
  });
  await ok(admin, `mutation($id: ID!) { liftSuspension(id: $id, reason: "lifted") { id } }`, { id: suspension.suspendAccount.id });
  await ok(admin, `mutation($input: PublishPolicyVersionInput!) { publishPolicyVersion(input: $input) { version } }`, {
    input: { version: `feed-${randomUUID().slice(0, 8)}`, effectiveAt: '2100-01-01T00:00:00Z', significant: false, summary: 'Feed' },
  });

  const events = await eventsSince(start);
  expect(events.map((e) => e.type)).toEqual([
    'account.created',
    'account.plan_changed',
    'organization.declared',
    'policy.accepted',
    'authorization.granted',
    'authorization.revoked',
    'report.filed',
    'report.resolved',
    'suspension.created',
    'appeal.filed',
    'appeal.decided',
    'suspension.lifted',
    'policy.published',
  ]);
  const byType = Object.fromEntries(events.map((e) => [e.type, e]));
  expect(byType['account.created']).toMatchObject({ account_id: accountId, payload: { accountId, plan: 'free' } });
  expect(byType['account.plan_changed'].payload).toEqual({ accountId, plan: 'pro', previousPlan: 'free' });
  expect(byType['suspension.created'].payload).toEqual({
    suspensionId: suspension.suspendAccount.id,
    accountId,
    clause: 'Enforcement',
    startsAt: expect.any(String),
    endsAt: null,
  });
  expect(byType['appeal.decided'].payload).toMatchObject({ appealId: appeal.fileAppeal.id, accountId, status: 'UPHELD' });
  expect(byType['policy.published'].account_id).toBeNull();
  // Free text and signal values never travel in the feed.
  const all = JSON.stringify(events.map((e) => e.payload));
  for (const secret of ['private reason', 'my statement', 'secret details', 'DOC-FEED', '@example.com']) expect(all).not.toContain(secret);
});

test('a refused change writes no event', async () => {
  const account = await makeAccount(app.dataSource);
  await ok(admin, `mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id } }`, {
    input: { accountId: account, clause: 'Enforcement', reason: 'x' },
  });
  const start = await lastEventId();
  const again = await app.exec(admin, `mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id } }`, {
    input: { accountId: account, clause: 'Enforcement', reason: 'x' },
  });
  expect(codeOf(again)).toBe('CONFLICT');
  expect(await eventsSince(start)).toEqual([]);
});

test('under concurrent changes, event ids follow the audit chain (the commit order)', async () => {
  const start = await lastEventId();
  const accounts = await Promise.all(Array.from({ length: 16 }, () => makeAccount(app.dataSource)));
  const results = await Promise.all(
    accounts.map((id, i) =>
      app.exec(service, `mutation($id: ID!, $plan: String!) { changePlan(accountId: $id, planCode: $plan) { id } }`, {
        id,
        plan: i % 2 ? 'pro' : 'enterprise',
      }),
    ),
  );
  expect(results.every((r) => r.errors === undefined)).toBe(true);
  const rows: Array<{ event_id: string; sequence: number }> = await app.dataSource.query(
    `SELECT e.id AS event_id, a.sequence FROM webhook_events e
       JOIN audit_events a ON a.action = 'account.change-plan' AND a.target_id = e.account_id::text
      WHERE e.id > $1 AND e.type = $2 ORDER BY e.id`,
    [start, WebhookEventType.ACCOUNT_PLAN_CHANGED],
  );
  expect(rows).toHaveLength(16);
  const sequences = rows.map((r) => r.sequence);
  expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
});
