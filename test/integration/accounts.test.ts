import { randomUUID } from 'node:crypto';
import { Role } from '../../src/domain/enums';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { admin, codeOf, reasonOf, refusalOf, service, startTestApp, TestApp, userOf } from '../support/test-app';
import { ACCOUNT, CHANGE_PLAN, CREATE_ACCOUNT } from '../support/operations';
import { auditCount, auditRowsOf } from '../support/audit';
import { withoutBackgroundQueries } from '../support/background';
import { createAccountThroughApi } from '../support/factories';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const uniqueEmail = () => `u-${randomUUID()}@example.com`;

async function accountRows(email: string): Promise<Array<{ id: string; email: string; plan_code: string }>> {
  return app.dataSource.query('SELECT id, email, plan_code FROM accounts WHERE email = $1', [email]);
}

describe('createAccount', () => {
  test('creates an account: email trimmed and lower-cased, name trimmed, free plan by default, audited', async () => {
    const local = `Ada.${randomUUID()}`;
    const r = await app.exec(service, CREATE_ACCOUNT, { input: { email: `  ${local}@Example.COM `, displayName: '  Ada Lovelace  ' } });
    expect(r.errors).toBeUndefined();
    const account = r.data!.createAccount;
    expect(account).toMatchObject({
      email: `${local.toLowerCase()}@example.com`,
      displayName: 'Ada Lovelace',
      plan: { code: 'free', name: 'Free', commercialUse: false },
      organization: null,
      governmentEntity: false,
      acceptedPolicyVersion: null,
      policyAcceptances: [],
    });
    expect(Number.isNaN(Date.parse(account.createdAt))).toBe(false);

    const rows = await accountRows(account.email);
    expect(rows).toEqual([{ id: account.id, email: account.email, plan_code: 'free' }]);
    const events = await auditRowsOf(app, account.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'account.create',
      actor: 'service-1',
      actor_role: 'service',
      target_type: 'Account',
      before: null,
      after: { id: account.id, email: account.email, displayName: 'Ada Lovelace', planCode: 'free' },
    });
  });

  test('admin may create accounts on a paid plan; a user may not create accounts', async () => {
    const r = await app.exec(admin, CREATE_ACCOUNT, { input: { email: uniqueEmail(), displayName: 'Pro', planCode: 'pro' } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.createAccount.plan).toEqual({ code: 'pro', name: 'Pro', commercialUse: true });

    const own = await createAccountThroughApi(app);
    const email = uniqueEmail();
    const denied = await app.exec(userOf(own), CREATE_ACCOUNT, { input: { email, displayName: 'X' } });
    expect(codeOf(denied)).toBe('FORBIDDEN');
    expect(await accountRows(email)).toEqual([]);
  });

  test('a second account with the same email in any case is a CONFLICT, and nothing is written', async () => {
    const email = uniqueEmail();
    await createAccountThroughApi(app, { email });
    const before = await auditCount(app);
    const r = await app.exec(service, CREATE_ACCOUNT, { input: { email: ` ${email.toUpperCase()}`, displayName: 'Twin' } });
    expect(reasonOf(r)).toBe('EMAIL_TAKEN');
    expect(codeOf(r)).toBe('CONFLICT');
    expect(r.data).toBeNull();
    expect(await accountRows(email)).toHaveLength(1);
    expect(await auditCount(app)).toBe(before);
  });

  test('20 concurrent requests with one email: exactly one succeeds, the others get CONFLICT', async () => {
    const email = uniqueEmail();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.exec(i % 2 ? admin : service, CREATE_ACCOUNT, {
          input: { email: i % 3 ? email : email.toUpperCase(), displayName: `Racer ${i}` },
        }),
      ),
    );
    const ok = results.filter((r) => r.errors === undefined);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(19);
    expect(results.filter((r) => reasonOf(r) === 'EMAIL_TAKEN')).toHaveLength(19);
    const rows = await accountRows(email);
    expect(rows).toEqual([{ id: ok[0].data!.createAccount.id, email, plan_code: 'free' }]);
    expect(await auditRowsOf(app, rows[0].id)).toHaveLength(1);
  });

  test.each([
    ['not an email', 'email'],
    ['ada@', 'email'],
    ['@example.com', 'email'],
    ['ada@example', 'email'],
    ['a b@example.com', 'email'],
    ['', 'email'],
  ])('email %j is BAD_USER_INPUT on the email field', async (email, field) => {
    const before = await auditCount(app);
    const r = await app.exec(service, CREATE_ACCOUNT, { input: { email, displayName: 'X' } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.fields).toEqual([{ field, message: expect.any(String) }]);
    expect(await auditCount(app)).toBe(before);
  });

  test.each([
    ['empty', ''],
    ['only spaces', '    '],
    ['101 characters', 'x'.repeat(101)],
  ])('displayName %s is BAD_USER_INPUT', async (_label, displayName) => {
    const email = uniqueEmail();
    const r = await app.exec(service, CREATE_ACCOUNT, { input: { email, displayName } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.fields).toEqual([{ field: 'displayName', message: expect.stringContaining('100') }]);
    expect(await accountRows(email)).toEqual([]);
  });

  test('displayName of 100 characters after trimming is fine', async () => {
    const r = await app.exec(service, CREATE_ACCOUNT, { input: { email: uniqueEmail(), displayName: `  ${'n'.repeat(100)}  ` } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.createAccount.displayName).toBe('n'.repeat(100));
  });

  test('an unknown plan is BAD_USER_INPUT and writes nothing', async () => {
    const email = uniqueEmail();
    const r = await app.exec(service, CREATE_ACCOUNT, { input: { email, displayName: 'X', planCode: 'platinum' } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toContain('platinum');
    expect(r.errors![0].extensions!.fields).toEqual([{ field: 'planCode', message: expect.any(String) }]);
    expect(await accountRows(email)).toEqual([]);
  });

  test('an unknown plan alone gives the reason UNKNOWN_PLAN, as changePlan does', async () => {
    const email = uniqueEmail();
    const r = await app.exec(service, CREATE_ACCOUNT, { input: { email, displayName: 'B', planCode: 'gold' } });
    expect(refusalOf(r)).toEqual({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_PLAN' });
    expect(r.errors![0].extensions!.fields).toEqual([{ field: 'planCode', message: 'Unknown plan "gold"' }]);
    expect(await accountRows(email)).toEqual([]);
  });

  test('several bad fields are reported together', async () => {
    const r = await app.exec(service, CREATE_ACCOUNT, { input: { email: 'nope', displayName: ' ', planCode: 'gold' } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.fields.map((f: { field: string }) => f.field)).toEqual(['email', 'displayName', 'planCode']);
    expect(reasonOf(r)).toBe('INVALID_FIELDS');
  });
});

describe('changePlan', () => {
  test('moves an account to another plan, audited with before and after', async () => {
    const id = await createAccountThroughApi(app);
    const r = await app.exec(admin, CHANGE_PLAN, { id, plan: 'pro' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.changePlan).toEqual({ id, plan: { code: 'pro', commercialUse: true } });
    const [{ plan_code }] = await app.dataSource.query('SELECT plan_code FROM accounts WHERE id = $1', [id]);
    expect(plan_code).toBe('pro');
    const events = await auditRowsOf(app, id);
    expect(events.map((e) => e.action)).toEqual(['account.create', 'account.change-plan']);
    expect(events[1]).toMatchObject({ actor: 'admin-1', before: { planCode: 'free' }, after: { planCode: 'pro' } });

    const back = await app.exec(service, CHANGE_PLAN, { id, plan: 'free' });
    expect(back.data!.changePlan.plan.code).toBe('free');
  });

  test('the same plan again changes nothing and records nothing', async () => {
    const id = await createAccountThroughApi(app);
    const r = await app.exec(service, CHANGE_PLAN, { id, plan: 'free' });
    expect(r.errors).toBeUndefined();
    expect((await auditRowsOf(app, id)).map((e) => e.action)).toEqual(['account.create']);
  });

  test('an unknown account is NOT_FOUND, a malformed id too', async () => {
    expect(refusalOf(await app.exec(service, CHANGE_PLAN, { id: randomUUID(), plan: 'pro' }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'ACCOUNT_NOT_FOUND',
    });
    expect(refusalOf(await app.exec(service, CHANGE_PLAN, { id: 'not-a-uuid', plan: 'pro' }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'ACCOUNT_NOT_FOUND',
    });
  });

  test('an unknown plan is BAD_USER_INPUT and leaves the account as it was', async () => {
    const id = await createAccountThroughApi(app);
    const r = await app.exec(admin, CHANGE_PLAN, { id, plan: 'platinum' });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.fields).toEqual([{ field: 'planCode', message: expect.stringContaining('platinum') }]);
    const [{ plan_code }] = await app.dataSource.query('SELECT plan_code FROM accounts WHERE id = $1', [id]);
    expect(plan_code).toBe('free');
    expect(await auditRowsOf(app, id)).toHaveLength(1);
  });

  test('a user may not change a plan, not even its own', async () => {
    const id = await createAccountThroughApi(app);
    expect(codeOf(await app.exec(userOf(id), CHANGE_PLAN, { id, plan: 'enterprise' }))).toBe('FORBIDDEN');
    const [{ plan_code }] = await app.dataSource.query('SELECT plan_code FROM accounts WHERE id = $1', [id]);
    expect(plan_code).toBe('free');
  });
});

describe('account and me', () => {
  test('staff read any account; a user reads its own', async () => {
    const id = await createAccountThroughApi(app, { displayName: 'Reader' });
    for (const principal of [admin, service, userOf(id)]) {
      const r = await app.exec(principal, ACCOUNT, { id });
      expect(r.errors).toBeUndefined();
      expect(r.data!.account).toMatchObject({ id, displayName: 'Reader', plan: { code: 'free' } });
    }
  });

  test('a user reading another account is FORBIDDEN and learns nothing', async () => {
    const mine = await createAccountThroughApi(app);
    const theirs = await createAccountThroughApi(app);
    for (const id of [theirs, randomUUID(), 'not-a-uuid']) {
      const r = await app.exec(userOf(mine), ACCOUNT, { id });
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(r.data!.account).toBeNull();
    }
  });

  test.each(['not-a-uuid', "1' OR '1'='1", '', '00000000-0000-0000-0000-00000000000g'])(
    'a malformed id %j is NOT_FOUND, never a server error',
    async (id) => {
      const r = await app.exec(admin, ACCOUNT, { id });
      expect(refusalOf(r)).toEqual({ code: 'NOT_FOUND', reason: 'ACCOUNT_NOT_FOUND' });
    },
  );

  test('an unknown id is NOT_FOUND', async () => {
    const r = await app.exec(service, ACCOUNT, { id: randomUUID() });
    expect(refusalOf(r)).toEqual({ code: 'NOT_FOUND', reason: 'ACCOUNT_NOT_FOUND' });
    expect(r.data!.account).toBeNull();
  });

  test("me is the calling user's account; null for staff and for a user without one", async () => {
    const id = await createAccountThroughApi(app, { displayName: 'Me Myself' });
    const mine = await app.exec(userOf(id), '{ me { id displayName plan { code } } }');
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.me).toEqual({ id, displayName: 'Me Myself', plan: { code: 'free' } });
    for (const principal of [admin, service, userOf(randomUUID()), userOf('not-a-uuid')]) {
      const r = await app.exec(principal, '{ me { id } }');
      expect(r.errors).toBeUndefined();
      expect(r.data!.me).toBeNull();
    }
  });

  test('me over real HTTP with a bearer token', async () => {
    const id = await createAccountThroughApi(app);
    const token = await app.token({ sub: id, roles: [Role.USER] });
    const res = await app.http('{ me { id plan { code } } }', undefined, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: { me: { id, plan: { code: 'free' } } },
      // Every response reports what it cost against the caller's budget (docs/quotas.md).
      extensions: { cost: expect.objectContaining({ requested: expect.any(Number), remaining: expect.any(Number) }) },
    });
  });

  test('a list of accounts costs as many SQL statements as one account (field resolvers are batched)', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, () => createAccountThroughApi(app)));
    for (const id of ids) {
      await app.exec(
        service,
        'mutation($id: ID!) { declareOrganization(accountId: $id, input: { kind: COMPANY, naicsCode: "512110" }) { id } }',
        { id },
      );
      await app.exec(service, 'mutation($id: ID!) { acceptPolicy(accountId: $id, version: "2026-01-19") { id } }', { id });
    }
    const fields =
      'id plan { code } organization { kind industry { code } } governmentEntity acceptedPolicyVersion policyAcceptances { version }';
    const query = (n: number) =>
      `{ ${ids
        .slice(0, n)
        .map((id, i) => `a${i}: account(id: "${id}") { ${fields} }`)
        .join(' ')} }`;
    const statements = (n: number) =>
      withoutBackgroundQueries(app, async () => {
        const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
        try {
          const r = await app.exec(service, query(n));
          expect(r.errors).toBeUndefined();
          expect(
            Object.values(r.data!).every((a: any) => a.organization.industry.code === '512110' && a.acceptedPolicyVersion === '2026-01-19'),
          ).toBe(true);
          return spy.mock.calls.length;
        } finally {
          spy.mockRestore();
        }
      });
    const one = await statements(1);
    const six = await statements(6);
    expect(one).toBeGreaterThan(0);
    expect(six).toBe(one);
  });
});

describe('audit log', () => {
  test('the hash chain is intact after all of the above', async () => {
    const r = await app.exec(admin, '{ verifyAuditLog { ok } }');
    expect(r.data!.verifyAuditLog.ok).toBe(true);
  });
});
