import { createHash } from 'node:crypto';
import { execute, parse } from 'graphql';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuthorizationKind, OrganizationKind, ProhibitedSector, SignalKind, Use } from '../../src/domain/enums';
import { buildAppSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/logger';
import { SYSTEM_ACTOR } from '../../src/services/shared/actor';
import { admin, codeOf, service, startTestApp, TestApp, userOf } from '../support/test-app';
import { ENTITLEMENT, ENTITLEMENTS } from '../support/operations';
import { withoutBackgroundQueries } from '../support/background';
import { addAuthorization, addPolicyVersion, addSignal, addSuspension, seedAccount } from '../support/factories';

let app: TestApp;
let ds: DataSource;
beforeAll(async () => {
  app = await startTestApp();
  ds = app.dataSource;
});
afterAll(async () => {
  await app.close();
});

async function decide(id: string, use: Use = Use.PERSONAL, at?: Date) {
  const r = await app.exec(service, ENTITLEMENT, { id, use, at: at?.toISOString() });
  expect(r.errors).toBeUndefined();
  return r.data!.entitlement;
}

/** A change committed the way every mutation commits: in the runner, touching the account. */
function change(accountIds: string[], sql: (ds: DataSource) => Promise<unknown>) {
  return app.services.transactions.run(SYSTEM_ACTOR, async (uow) => {
    await sql(uow.manager.connection);
    uow.touchAccounts(...accountIds);
    uow.changes.push({ action: 'test.change', targetType: 'Account', targetId: accountIds[0] });
  });
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

describe('entitlement through GraphQL', () => {
  test('an onboarded individual may use the service personally; nothing is scheduled', async () => {
    const id = await seedAccount(ds);
    const e = await decide(id);
    expect(e).toMatchObject({ accountId: id, use: 'PERSONAL', allowed: true, reasons: [], policyVersion: '2026-01-19', validUntil: null });
    expect(Math.abs(Date.parse(e.decidedAt) - Date.now())).toBeLessThan(5000);
  });

  test('a fresh account lists every reason, in order, with clause and remedy', async () => {
    const id = await seedAccount(ds, { organization: null, acceptedVersions: [] });
    const e = await decide(id, Use.COMMERCIAL);
    expect(e.allowed).toBe(false);
    expect(e.reasons.map((r: any) => [r.code, r.clause, r.remedy])).toEqual([
      ['ONBOARDING_INCOMPLETE', '10(a)', 'COMPLETE_ONBOARDING'],
      ['POLICY_NOT_ACCEPTED', 'Updates', 'ACCEPT_POLICY'],
      ['FREE_PLAN_COMMERCIAL_USE', '9(a)', 'UPGRADE_PLAN'],
    ]);
    expect(e.reasons.every((r: any) => r.message.length > 0)).toBe(true);
  });

  test.each([
    ['332994', 'FIREARMS_OR_WEAPONS', '10(a)(i)'],
    ['312230', 'TOBACCO', '10(a)(ii)'],
    ['325412', 'PHARMACEUTICALS_OR_CONTROLLED_SUBSTANCES', '10(a)(iii)'],
    ['813110', 'RELIGIOUS_ORGANIZATION', '10(a)(v)'],
    ['813940', 'POLITICAL_ADVOCACY', '10(a)(vi)'],
  ])('a company in industry %s is denied under %s', async (naicsCode, _sector, clause) => {
    const id = await seedAccount(ds, { plan: 'pro', organization: { kind: OrganizationKind.COMPANY, naicsCode } });
    const e = await decide(id, Use.COMMERCIAL);
    expect(e.reasons).toEqual([expect.objectContaining({ code: 'PROHIBITED_INDUSTRY', clause, remedy: 'NONE', authorization: null })]);
  });

  test('a declared adult-entertainment sector is denied under 10(a)(iv)', async () => {
    const id = await seedAccount(ds, {
      plan: 'pro',
      organization: { kind: OrganizationKind.COMPANY, naicsCode: '512110', declaredSectors: [ProhibitedSector.ADULT_ENTERTAINMENT] },
    });
    const e = await decide(id);
    expect(e.reasons.map((r: any) => r.clause)).toEqual(['10(a)(iv)']);
  });

  test('a government body needs a GOVERNMENT_USE authorization; an admin verification overrides the declaration', async () => {
    const gov = await seedAccount(ds, {
      plan: 'enterprise',
      organization: { kind: OrganizationKind.GOVERNMENT_BODY, naicsCode: '921110' },
    });
    expect((await decide(gov)).reasons).toEqual([
      expect.objectContaining({
        code: 'GOVERNMENT_ENTITY',
        clause: '9(k)',
        remedy: 'REQUEST_AUTHORIZATION',
        authorization: 'GOVERNMENT_USE',
      }),
    ]);
    await change([gov], (c) => addAuthorization(c, gov, AuthorizationKind.GOVERNMENT_USE));
    expect((await decide(gov)).allowed).toBe(true);

    const notGov = await seedAccount(ds, {
      organization: { kind: OrganizationKind.GOVERNMENT_BODY, naicsCode: '921110' },
      governmentVerified: false,
    });
    expect((await decide(notGov)).allowed).toBe(true);
    const secretlyGov = await seedAccount(ds, { governmentVerified: true });
    expect((await decide(secretlyGov)).reasons.map((r: any) => r.code)).toEqual(['GOVERNMENT_ENTITY']);
  });

  test.each([
    [Use.API_ACCESS, AuthorizationKind.API_ACCESS, '9(f)'],
    [Use.RESALE, AuthorizationKind.RESALE, '9(b)'],
    [Use.EMBEDDING, AuthorizationKind.EMBEDDING, '9(m)'],
    [Use.REVERSE_ENGINEERING, AuthorizationKind.REVERSE_ENGINEERING, '9(e)'],
    [Use.PROFESSIONAL_ADVICE, AuthorizationKind.PROFESSIONAL_REVIEW, '3(b)'],
  ])('%s needs a %s authorization (%s), which expires', async (use, kind, clause) => {
    const id = await seedAccount(ds, { plan: 'pro' });
    expect((await decide(id, use)).reasons).toEqual([
      expect.objectContaining({ code: 'AUTHORIZATION_REQUIRED', clause, remedy: 'REQUEST_AUTHORIZATION', authorization: kind }),
    ]);
    const expiresAt = new Date(Date.now() + 86_400_000);
    await change([id], (c) => addAuthorization(c, id, kind, { expiresAt }));
    const granted = await decide(id, use);
    expect(granted).toMatchObject({ allowed: true, validUntil: expiresAt.toISOString() });
    const later = await decide(id, use, expiresAt);
    expect(later.allowed).toBe(false);
  });

  test.each([
    [Use.MODEL_TRAINING, '9(h)'],
    [Use.COMPETING_PRODUCT, '9(g)'],
    [Use.GAMBLING, '3(c)'],
    [Use.AUTOMATED_DECISIONS, '3(d)'],
  ])('%s is never allowed (%s)', async (use, clause) => {
    const id = await seedAccount(ds, { plan: 'enterprise' });
    expect((await decide(id, use)).reasons).toEqual([expect.objectContaining({ code: 'USE_PROHIBITED', clause, remedy: 'NONE' })]);
  });

  test('a suspension denies until it ends; `at` looks past it', async () => {
    const id = await seedAccount(ds);
    const endsAt = new Date(Date.now() + 3_600_000);
    await change([id], (c) => addSuspension(c, id, { endsAt }));
    const e = await decide(id);
    expect(e).toMatchObject({ allowed: false, validUntil: endsAt.toISOString() });
    expect(e.reasons[0]).toMatchObject({ code: 'ACCOUNT_SUSPENDED', clause: 'Enforcement', remedy: 'APPEAL' });
    expect((await decide(id, Use.PERSONAL, endsAt)).allowed).toBe(true);
  });

  test('a scheduled significant policy version is required once it takes effect', async () => {
    const id = await seedAccount(ds);
    const effectiveAt = new Date(Date.now() + 40 * 86_400_000);
    await change(['*'], (c) => addPolicyVersion(c, `v-${Date.now()}`, effectiveAt));
    const now = await decide(id);
    expect(now).toMatchObject({ allowed: true, validUntil: effectiveAt.toISOString() });
    const then = await decide(id, Use.PERSONAL, effectiveAt);
    expect(then.reasons.map((r: any) => r.code)).toEqual(['POLICY_NOT_ACCEPTED']);
  });

  test('an account sharing a payment fingerprint with a suspended account is denied (9(n)); a shared device is not enough', async () => {
    const suspended = await seedAccount(ds);
    const other = await seedAccount(ds);
    const deviceOnly = await seedAccount(ds);
    await addSignal(ds, suspended, SignalKind.PAYMENT_FINGERPRINT, hash('card-1'));
    await addSignal(ds, other, SignalKind.PAYMENT_FINGERPRINT, hash('card-1'));
    await addSignal(ds, suspended, SignalKind.DEVICE_ID, hash('device-1'));
    await addSignal(ds, deviceOnly, SignalKind.DEVICE_ID, hash('device-1'));
    expect((await decide(other)).allowed).toBe(true);
    await change([suspended], (c) => addSuspension(c, suspended));
    expect((await decide(other)).reasons).toEqual([
      expect.objectContaining({ code: 'LINKED_TO_SUSPENDED_ACCOUNT', clause: '9(n)', remedy: 'APPEAL' }),
    ]);
    expect((await decide(deviceOnly)).allowed).toBe(true);
    // Lifting the suspension of the linked account frees the other at once (cache follows the link).
    await change([suspended], (c) =>
      c.query(`UPDATE suspensions SET lifted_at = now(), lifted_by = 'admin-0' WHERE account_id = $1`, [suspended]),
    );
    expect((await decide(other)).allowed).toBe(true);
  });
});

describe('answered from memory', () => {
  test('a warm entitlement is answered synchronously: no promise between the schema and the cached decision', async () => {
    const id = await seedAccount(ds);
    await decide(id); // loads the snapshot into memory
    const contextValue = { principal: userOf(id), requestId: 'sync-check', services: app.services, logger: createLogger('silent') };
    const document = parse(`query($id: ID!) { entitlement(accountId: $id) { allowed reasons { code } } }`);
    const result = execute({ schema: buildAppSchema(), document, contextValue, variableValues: { id } });
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toEqual({ data: { entitlement: { allowed: true, reasons: [] } } });

    // The same path still refuses another account's user, as @Authorized and the ownership check say.
    const other = await seedAccount(ds);
    const refused = execute({ schema: buildAppSchema(), document, contextValue, variableValues: { id: other } });
    expect(refused).not.toBeInstanceOf(Promise);
    expect(refused).toMatchObject({ data: null, errors: [{ message: 'You may only act on your own account' }] });
  });
});

describe('entitlements (batch)', () => {
  test('answers in the order asked, duplicates included', async () => {
    const a = await seedAccount(ds);
    const b = await seedAccount(ds, { organization: null });
    const r = await app.exec(service, ENTITLEMENTS, { ids: [b, a, b] });
    expect(r.errors).toBeUndefined();
    expect(r.data!.entitlements.map((e: any) => [e.accountId, e.allowed])).toEqual([
      [b, false],
      [a, true],
      [b, false],
    ]);
  });

  test('unknown and malformed ids are NOT_FOUND, naming them', async () => {
    const a = await seedAccount(ds);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const r = await app.exec(service, ENTITLEMENTS, { ids: [a, unknown, 'nope'] });
    expect(codeOf(r)).toBe('NOT_FOUND');
    expect(r.errors![0].message).toContain(unknown);
    expect(r.errors![0].message).toContain('nope');
    expect(r.data).toBeNull();
  });

  test('more than 1,000 ids is BAD_USER_INPUT, cached or not', async () => {
    const ids = Array.from({ length: 1001 }, () => '00000000-0000-4000-8000-000000000000');
    expect(codeOf(await app.exec(service, ENTITLEMENTS, { ids }))).toBe('BAD_USER_INPUT');
    const warm = await seedAccount(ds);
    expect((await app.exec(service, ENTITLEMENTS, { ids: [warm] })).errors).toBeUndefined();
    expect(codeOf(await app.exec(service, ENTITLEMENTS, { ids: Array.from({ length: 1001 }, () => warm) }))).toBe('BAD_USER_INPUT');
  });

  test('loading 200 cold snapshots takes a bounded number of SQL statements', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 200; i += 1) ids.push(await seedAccount(ds));
    await addSignal(ds, ids[0], SignalKind.EMAIL, hash('shared@example.test'));
    await addSignal(ds, ids[1], SignalKind.EMAIL, hash('shared@example.test'));
    app.services.entitlements.invalidate(['*']);
    // Count every statement any pg client sends, whoever sends it (the catalog poll paused).
    let statements = 0;
    await withoutBackgroundQueries(app, async () => {
      const original = Client.prototype.query;
      const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: any[]) {
        statements += 1;
        return (original as any).apply(this, args);
      });
      try {
        const r = await app.exec(service, ENTITLEMENTS, { ids });
        expect(r.errors).toBeUndefined();
        expect(r.data!.entitlements).toHaveLength(200);
      } finally {
        spy.mockRestore();
      }
    });
    // the policy versions (flushed above) and one statement for all 200 snapshots, links included
    expect(statements).toBeGreaterThanOrEqual(1);
    expect(statements).toBeLessThanOrEqual(2);
  });
});

describe('who may ask', () => {
  test('a user may ask about its own account only', async () => {
    const mine = await seedAccount(ds);
    const theirs = await seedAccount(ds);
    expect((await app.exec(userOf(mine), ENTITLEMENT, { id: mine })).errors).toBeUndefined();
    expect(codeOf(await app.exec(userOf(mine), ENTITLEMENT, { id: theirs }))).toBe('FORBIDDEN');
    expect(codeOf(await app.exec(userOf(mine), ENTITLEMENTS, { ids: [mine, theirs] }))).toBe('FORBIDDEN');
    expect((await app.exec(admin, ENTITLEMENT, { id: theirs })).errors).toBeUndefined();
  });

  test('unknown or malformed account ids are NOT_FOUND', async () => {
    expect(codeOf(await app.exec(service, ENTITLEMENT, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(codeOf(await app.exec(service, ENTITLEMENT, { id: 'not-a-uuid' }))).toBe('NOT_FOUND');
  });

  test('a malformed `at` is BAD_USER_INPUT', async () => {
    const id = await seedAccount(ds);
    expect(codeOf(await app.exec(service, ENTITLEMENT, { id, at: 'tomorrow' }))).toBe('BAD_USER_INPUT');
  });
});

describe('fails closed', () => {
  test('a database failure is an error without internals, never an answer', async () => {
    const id = await seedAccount(ds);
    await ds.query('ALTER TABLE plans RENAME TO plans_gone');
    try {
      const r = await app.http(ENTITLEMENT, { id }, { authorization: `Bearer ${await app.token({ sub: 'svc', roles: ['service'] })}` });
      expect(r.body.data).toBeNull();
      expect(r.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      const text = JSON.stringify(r.body);
      expect(text).not.toMatch(/plans|SELECT|relation|postgres|stack|at \//i);
    } finally {
      await ds.query('ALTER TABLE plans_gone RENAME TO plans');
    }
  });
});
