import { createHash, randomUUID } from 'node:crypto';
import { encodeCursor } from '../../src/domain/cursor';
import { SignalKind } from '../../src/domain/enums';
import { addSignal, addSuspension, makeAccount } from '../support/fixtures';
import { admin, codeOf, service, startTestApp, TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

/** Pages through a connection field to the end, checking the page invariants on the way. */
async function pageAll(field: string, doc: string, vars: Record<string, unknown>, first: number) {
  const nodes: any[] = [];
  let after: string | null = null;
  let total: number | null = null;
  for (let i = 0; i < 500; i += 1) {
    const r: any = await app.exec(admin, doc, { ...vars, first, after });
    expect(r.errors).toBeUndefined();
    const c: any = r.data![field];
    total ??= c.totalCount;
    expect(c.totalCount).toBe(total);
    expect(c.edges.length).toBeLessThanOrEqual(first);
    nodes.push(...c.edges.map((e: any) => e.node));
    if (!c.pageInfo.hasNextPage) {
      expect(nodes).toHaveLength(total!);
      return nodes;
    }
    expect(c.edges).toHaveLength(first);
    expect(c.pageInfo.endCursor).toBe(c.edges[c.edges.length - 1].cursor);
    after = c.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

describe('reportsConnection', () => {
  const DOC = `query($status: ReportStatus, $subject: ID, $first: Int, $after: String) {
    reportsConnection(status: $status, subjectAccountId: $subject, first: $first, after: $after) {
      totalCount edges { cursor node { id status subjectAccountId } } pageInfo { hasNextPage endCursor } } }`;

  beforeAll(async () => {
    const subjects = [await makeAccount(app.dataSource), await makeAccount(app.dataSource)];
    // Equal instants and microsecond neighbours: the order must still be total and nothing skipped.
    const times = ['2030-01-01T00:00:00.000001Z', '2030-01-01T00:00:00.000001Z', '2030-01-01T00:00:00.000002Z', '2030-01-01T00:00:00Z'];
    for (let i = 0; i < 13; i += 1) {
      await app.dataSource.query(
        `INSERT INTO reports (subject_account_id, reporter_sub, reporter_role, clause, description, status, created_at, resolution_note, resolved_by, resolved_at)
         VALUES ($1, $2, 'user', '9(a)', 'test', $3, $4, $5, $6, $7)`,
        [
          subjects[i % 2],
          `reporter-${i}`,
          i % 3 === 0 ? 'DISMISSED' : 'OPEN',
          times[i % 4],
          i % 3 === 0 ? 'no' : null,
          i % 3 === 0 ? 'admin-1' : null,
          i % 3 === 0 ? new Date() : null,
        ],
      );
    }
  });

  test.each([1, 4, 200])('paging with first %i returns every report once, oldest first, like reports', async (first) => {
    const expected = await app.dataSource.query(`SELECT id FROM reports ORDER BY created_at, id`);
    expect(ids(await pageAll('reportsConnection', DOC, {}, first))).toEqual(ids(expected));
    const listed = await app.exec(admin, `{ reports { id } }`);
    expect(ids(await pageAll('reportsConnection', DOC, {}, first))).toEqual(ids(listed.data!.reports));
  });

  test('by status and by subject', async () => {
    const [{ subject_account_id: subject }] = await app.dataSource.query(`SELECT subject_account_id FROM reports LIMIT 1`);
    const open = await app.dataSource.query(`SELECT id FROM reports WHERE status = 'OPEN' ORDER BY created_at, id`);
    expect(ids(await pageAll('reportsConnection', DOC, { status: 'OPEN' }, 3))).toEqual(ids(open));
    const mine = await app.dataSource.query(
      `SELECT id FROM reports WHERE subject_account_id = $1 AND status = 'DISMISSED' ORDER BY created_at, id`,
      [subject],
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(ids(await pageAll('reportsConnection', DOC, { subject, status: 'DISMISSED' }, 1))).toEqual(ids(mine));
    expect(await pageAll('reportsConnection', DOC, { subject: randomUUID() }, 5)).toEqual([]);
    expect(codeOf(await app.exec(admin, DOC, { subject: 'nope' }))).toBe('BAD_USER_INPUT');
  });

  test('bad first and bad cursors are BAD_USER_INPUT', async () => {
    for (const vars of [{ first: 0 }, { first: 201 }, { after: 'x' }, { after: encodeCursor(['7']) }]) {
      expect(codeOf(await app.exec(admin, DOC, vars))).toBe('BAD_USER_INPUT');
    }
  });
});

describe('appealsConnection', () => {
  const DOC = `query($status: AppealStatus, $first: Int, $after: String) {
    appealsConnection(status: $status, first: $first, after: $after) {
      totalCount edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }`;

  beforeAll(async () => {
    for (let i = 0; i < 9; i += 1) {
      const account = await makeAccount(app.dataSource);
      const suspension = await addSuspension(app.dataSource, account);
      await app.dataSource.query(
        `INSERT INTO appeals (suspension_id, account_id, statement, filed_by, status, created_at, decision_note, decided_by, decided_at)
         VALUES ($1, $2::uuid, 'please', $2::text, $3, $4, $5, $6, $7)`,
        [
          suspension,
          account,
          i % 2 ? 'UPHELD' : 'PENDING',
          i < 4 ? '2030-02-02T00:00:00Z' : new Date(),
          i % 2 ? 'no' : null,
          i % 2 ? 'admin-2' : null,
          i % 2 ? new Date() : null,
        ],
      );
    }
  });

  test('every appeal once, oldest first, like appeals; by status', async () => {
    const listed = await app.exec(admin, `{ appeals { id } }`);
    expect(ids(await pageAll('appealsConnection', DOC, {}, 2))).toEqual(ids(listed.data!.appeals));
    const pending = await app.exec(admin, `{ appeals(status: PENDING) { id } }`);
    expect(ids(await pageAll('appealsConnection', DOC, { status: 'PENDING' }, 2))).toEqual(ids(pending.data!.appeals));
    expect(pending.data!.appeals).toHaveLength(5);
  });
});

describe('auditLogConnection', () => {
  const DOC = `query($targetId: String, $action: String, $first: Int, $after: String) {
    auditLogConnection(targetId: $targetId, action: $action, first: $first, after: $after) {
      totalCount edges { cursor node { sequence action targetId after } } pageInfo { hasNextPage endCursor } } }`;

  let created: string[] = [];
  beforeAll(async () => {
    created = [];
    for (let i = 0; i < 8; i += 1) {
      const r = await app.exec(service, `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, {
        input: { email: `audit-${i}-${randomUUID()}@example.com`, displayName: `Audit ${i}` },
      });
      expect(r.errors).toBeUndefined();
      created.push(r.data!.createAccount.id);
    }
    await app.exec(service, `mutation($id: ID!) { changePlan(accountId: $id, planCode: "pro") { id } }`, { id: created[0] });
  });

  test('every event once, newest first, like auditLog', async () => {
    const events = await pageAll('auditLogConnection', DOC, {}, 3);
    const expected = await app.dataSource.query(`SELECT sequence FROM audit_events ORDER BY sequence DESC`);
    expect(events.map((e) => e.sequence)).toEqual(expected.map((e: any) => e.sequence));
    const listed = await app.exec(admin, `{ auditLog(limit: 500) { sequence after } }`);
    expect(events.map((e) => ({ sequence: e.sequence, after: e.after }))).toEqual(listed.data!.auditLog);
  });

  test('by action, by target, and both', async () => {
    const creates = await pageAll('auditLogConnection', DOC, { action: 'account.create' }, 2);
    expect(creates.map((e) => e.targetId)).toEqual(expect.arrayContaining(created));
    expect(new Set(creates.map((e) => e.action))).toEqual(new Set(['account.create']));
    const target = await pageAll('auditLogConnection', DOC, { targetId: created[0] }, 1);
    const expected = await app.dataSource.query(`SELECT sequence FROM audit_events WHERE target_id = $1 ORDER BY sequence DESC`, [
      created[0],
    ]);
    expect(target.map((e) => e.sequence)).toEqual(expected.map((e: any) => e.sequence));
    expect(target[0].action).toBe('account.change-plan');
    expect(target.map((e) => e.action)).toContain('account.create');
    const both = await pageAll('auditLogConnection', DOC, { targetId: created[0], action: 'account.change-plan' }, 5);
    expect(both.map((e) => e.targetId)).toEqual([created[0]]);
    expect(await pageAll('auditLogConnection', DOC, { action: 'no.such.action' }, 5)).toEqual([]);
  });

  test('a cursor of another list is BAD_USER_INPUT', async () => {
    const accounts = await app.exec(admin, `{ accounts(first: 1) { pageInfo { endCursor } } }`);
    const r = await app.exec(admin, DOC, { after: accounts.data!.accounts.pageInfo.endCursor });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
  });
});

describe('linkedAccountsConnection', () => {
  const DOC = `query($id: ID!, $first: Int, $after: String) {
    linkedAccountsConnection(accountId: $id, first: $first, after: $after) {
      totalCount edges { cursor node { accountId sharedSignals status planCode } } pageInfo { hasNextPage endCursor } } }`;

  test('the same links as linkedAccounts, in the same order, each once', async () => {
    const me = await makeAccount(app.dataSource);
    const others: string[] = [];
    // Kinds shared with each: a mix so that all three parts of the order matter.
    const shares: SignalKind[][] = [
      [SignalKind.DEVICE_ID],
      [SignalKind.EMAIL],
      [SignalKind.EMAIL, SignalKind.DEVICE_ID],
      [SignalKind.IP_ADDRESS],
      [SignalKind.DEVICE_ID, SignalKind.IP_ADDRESS],
      [SignalKind.PAYMENT_FINGERPRINT],
      [SignalKind.DEVICE_ID],
      [SignalKind.EMAIL],
    ];
    for (const kinds of shares) {
      const other = await makeAccount(app.dataSource, { plan: others.length % 2 ? 'pro' : 'free' });
      others.push(other);
      for (const kind of kinds) {
        const hash = createHash('sha256').update(randomUUID()).digest('hex');
        await addSignal(app.dataSource, me, kind, hash);
        await addSignal(app.dataSource, other, kind, hash);
      }
    }
    await addSuspension(app.dataSource, others[3]);
    const listed = await app.exec(admin, `query($id: ID!) { linkedAccounts(accountId: $id) { accountId sharedSignals status planCode } }`, {
      id: me,
    });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.linkedAccounts).toHaveLength(others.length);
    for (const first of [1, 3, 50]) {
      const linkedPages = [];
      let after: string | null = null;
      for (;;) {
        const r: any = await app.exec(admin, DOC, { id: me, first, after });
        expect(r.errors).toBeUndefined();
        linkedPages.push(...r.data.linkedAccountsConnection.edges.map((e: any) => e.node));
        expect(r.data.linkedAccountsConnection.totalCount).toBe(others.length);
        if (!r.data.linkedAccountsConnection.pageInfo.hasNextPage) break;
        after = r.data.linkedAccountsConnection.pageInfo.endCursor;
      }
      expect(linkedPages).toEqual(listed.data!.linkedAccounts);
    }
    expect(listed.data!.linkedAccounts.find((l: any) => l.accountId === others[3]).status).toBe('SUSPENDED');
  });

  test('an unknown account is NOT_FOUND; a bad cursor BAD_USER_INPUT', async () => {
    expect(codeOf(await app.exec(admin, DOC, { id: randomUUID() }))).toBe('NOT_FOUND');
    const me = await makeAccount(app.dataSource);
    expect(codeOf(await app.exec(admin, DOC, { id: me, after: encodeCursor(['1', '2', 'x']) }))).toBe('BAD_USER_INPUT');
    expect(await app.exec(admin, DOC, { id: me })).toEqual({
      data: { linkedAccountsConnection: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } } },
      errors: undefined,
    });
  });
});
