import { randomUUID } from 'node:crypto';
import { AuthorizationEntity } from '../../src/entities';
import type { GraphQLContext } from '../../src/graphql/context';
import { enforcementLoaders } from '../../src/graphql/enforcement-loaders';
import { readAccount } from '../support/account-reader';
import { admin, admin2, codeOf, reasonOf, refusalOf, service, startTestApp, TestApp, userOf } from '../support/test-app';
import { GRANT_AUTHORIZATION, REVOKE_AUTHORIZATION } from '../support/operations';
import { auditEventsOf } from '../support/audit';
import { race, reasonsOf, snapshot, tally } from '../support/enforcement';
import { insertAccount } from '../support/factories';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function grant(input: Record<string, unknown>) {
  const r = await app.exec(admin, GRANT_AUTHORIZATION, { input: { kind: 'API_ACCESS', reference: 'DOC-1', ...input } });
  expect(r.errors).toBeUndefined();
  return r.data!.grantAuthorization;
}

describe('grantAuthorization', () => {
  test('records the authorization with the granting admin, validFrom defaulting to now, and audits it', async () => {
    const account = await insertAccount(app.dataSource);
    const before = Date.now();
    const r = await app.exec(admin, GRANT_AUTHORIZATION, {
      input: { accountId: account.id, kind: 'RESALE', reference: '  CONTRACT-2026-041  ', expiresAt: inDays(365), note: 'signed by legal' },
    });
    expect(r.errors).toBeUndefined();
    const a = r.data!.grantAuthorization;
    expect(a).toMatchObject({
      accountId: account.id,
      kind: 'RESALE',
      reference: 'CONTRACT-2026-041',
      revokedAt: null,
      active: true,
      grantedBy: admin.sub,
    });
    expect(Date.parse(a.validFrom)).toBeGreaterThanOrEqual(before - 5);
    expect(Date.parse(a.validFrom)).toBeLessThanOrEqual(Date.now());

    const row = await app.dataSource.getRepository(AuthorizationEntity).findOneByOrFail({ id: a.id });
    expect(row).toMatchObject({ note: 'signed by legal', grantedBy: 'admin-1', revokedBy: null });

    const events = await auditEventsOf(app, a.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: 'admin-1',
      action: 'authorization.grant',
      targetType: 'Authorization',
      targetId: a.id,
      before: null,
      after: { accountId: account.id, kind: 'RESALE', reference: 'CONTRACT-2026-041', revokedAt: null, grantedBy: 'admin-1' },
    });
  });

  test('a future validFrom is stored as given and is not active yet', async () => {
    const account = await insertAccount(app.dataSource);
    const validFrom = inDays(10);
    const expiresAt = inDays(20);
    const a = await grant({ accountId: account.id, validFrom, expiresAt });
    expect(a).toMatchObject({ validFrom, expiresAt, active: false });
  });

  test('the account shows it, and its active flag, to its own user', async () => {
    const account = await insertAccount(app.dataSource);
    const a = await grant({ accountId: account.id, kind: 'EMBEDDING' });
    const read = await readAccount(app, userOf(account.id), account.id, 'authorizations { id kind active }');
    expect(read.code).toBeUndefined();
    expect(read.account!.authorizations).toEqual([{ id: a.id, kind: 'EMBEDDING', active: true }]);
    const other = await readAccount(app, userOf(randomUUID()), account.id, 'authorizations { id }');
    expect(other.code).toBe('FORBIDDEN');
  });

  test.each([
    ['empty reference', { reference: '' }, 'reference'],
    ['blank reference', { reference: '   ' }, 'reference'],
    ['reference over 200 characters', { reference: 'x'.repeat(201) }, 'reference'],
    ['expiresAt equal to validFrom', { validFrom: '2030-01-01T00:00:00.000Z', expiresAt: '2030-01-01T00:00:00.000Z' }, 'expiresAt'],
    ['expiresAt before validFrom', { validFrom: '2030-01-01T00:00:00.000Z', expiresAt: '2029-12-31T00:00:00.000Z' }, 'expiresAt'],
    ['expiresAt before the default validFrom (now)', { expiresAt: '2020-01-01T00:00:00.000Z' }, 'expiresAt'],
  ])('%s: BAD_USER_INPUT, nothing written', async (_name, input, field) => {
    const account = await insertAccount(app.dataSource);
    const before = await snapshot(app);
    const r = await app.exec(admin, GRANT_AUTHORIZATION, {
      input: { accountId: account.id, kind: 'API_ACCESS', reference: 'DOC', ...input },
    });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field })]);
    expect(await snapshot(app)).toEqual(before);
  });

  test('a reference of exactly 200 characters is accepted', async () => {
    const account = await insertAccount(app.dataSource);
    const a = await grant({ accountId: account.id, reference: 'r'.repeat(200) });
    expect(a.reference).toHaveLength(200);
  });

  test.each([
    ['unknown', randomUUID()],
    ['malformed', 'not-a-uuid'],
  ])('%s account: NOT_FOUND, nothing written', async (_name, accountId) => {
    const before = await snapshot(app);
    const r = await app.exec(admin, GRANT_AUTHORIZATION, { input: { accountId, kind: 'API_ACCESS', reference: 'DOC' } });
    expect(refusalOf(r)).toEqual({ code: 'NOT_FOUND', reason: 'ACCOUNT_NOT_FOUND' });
    expect(await snapshot(app)).toEqual(before);
  });

  test.each([
    ['service', service],
    ['user', userOf(randomUUID())],
  ])('a %s may not grant: FORBIDDEN', async (_name, principal) => {
    const account = await insertAccount(app.dataSource);
    const before = await snapshot(app);
    const r = await app.exec(principal, GRANT_AUTHORIZATION, { input: { accountId: account.id, kind: 'API_ACCESS', reference: 'DOC' } });
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(await snapshot(app)).toEqual(before);
  });

  test('overlapping an unrevoked authorization of the same kind: CONFLICT, nothing written', async () => {
    const account = await insertAccount(app.dataSource);
    await grant({ accountId: account.id, kind: 'API_ACCESS', validFrom: inDays(-10), expiresAt: inDays(10) });
    const before = await snapshot(app);
    const r = await app.exec(admin, GRANT_AUTHORIZATION, {
      input: { accountId: account.id, kind: 'API_ACCESS', reference: 'DOC-2', validFrom: inDays(5) },
    });
    expect(reasonOf(r)).toBe('AUTHORIZATION_OVERLAPS');
    expect(codeOf(r)).toBe('CONFLICT');
    expect(await snapshot(app)).toEqual(before);
  });

  test('another kind, a non-overlapping period, another account, or after revocation: allowed', async () => {
    const account = await insertAccount(app.dataSource);
    const first = await grant({ accountId: account.id, kind: 'API_ACCESS', validFrom: inDays(-10), expiresAt: inDays(10) });
    await grant({ accountId: account.id, kind: 'RESALE' });
    // [from, expires) is half-open: the next may start exactly where the first expires.
    await grant({ accountId: account.id, kind: 'API_ACCESS', validFrom: first.expiresAt, expiresAt: inDays(30) });
    const otherAccount = await insertAccount(app.dataSource);
    await grant({ accountId: otherAccount.id, kind: 'API_ACCESS' });
    const revoked = await app.exec(admin, REVOKE_AUTHORIZATION, { id: first.id, reason: 'replaced' });
    expect(revoked.errors).toBeUndefined();
    const replacement = await grant({ accountId: account.id, kind: 'API_ACCESS', validFrom: inDays(-1), expiresAt: inDays(9) });
    expect(replacement.active).toBe(true);
  });

  test('20 concurrent grants of one kind for one account: exactly one succeeds, the rest CONFLICT', async () => {
    const account = await insertAccount(app.dataSource);
    const outcomes = await race(app, admin, 20, GRANT_AUTHORIZATION, {
      input: { accountId: account.id, kind: 'GOVERNMENT_USE', reference: 'GOV-7' },
    });
    expect(reasonsOf(outcomes)).toEqual(['AUTHORIZATION_OVERLAPS']);
    expect(tally(outcomes)).toEqual({ ok: 1, CONFLICT: 19 });
    const rows = await app.dataSource.getRepository(AuthorizationEntity).findBy({ accountId: account.id });
    expect(rows).toHaveLength(1);
    expect(await auditEventsOf(app, rows[0].id)).toHaveLength(1);
  });
});

describe('revokeAuthorization', () => {
  test('sets revokedAt, who and why; active becomes false at once; audited with before and after', async () => {
    const account = await insertAccount(app.dataSource);
    const a = await grant({ accountId: account.id, kind: 'PROFESSIONAL_REVIEW' });
    const r = await app.exec(admin2, REVOKE_AUTHORIZATION, { id: a.id, reason: '  reviewer left  ' });
    expect(r.errors).toBeUndefined();
    const revoked = r.data!.revokeAuthorization;
    expect(revoked).toMatchObject({ id: a.id, active: false, grantedBy: 'admin-1' });
    expect(Date.parse(revoked.revokedAt)).toBeLessThanOrEqual(Date.now());

    const row = await app.dataSource.getRepository(AuthorizationEntity).findOneByOrFail({ id: a.id });
    expect(row).toMatchObject({ revokedBy: 'admin-2', revokeReason: 'reviewer left' });

    const read = await readAccount(app, admin, account.id, 'authorizations { id active revokedAt }');
    expect(read.account!.authorizations).toEqual([{ id: a.id, active: false, revokedAt: revoked.revokedAt }]);

    const events = await auditEventsOf(app, a.id);
    expect(events.map((e) => e.action)).toEqual(['authorization.grant', 'authorization.revoke']);
    expect(events[1]).toMatchObject({
      actor: 'admin-2',
      targetType: 'Authorization',
      targetId: a.id,
      before: { revokedAt: null, revokedBy: null, revokeReason: null },
      after: { revokedAt: revoked.revokedAt, revokedBy: 'admin-2', revokeReason: 'reviewer left' },
    });
  });

  test('already revoked: CONFLICT, nothing written', async () => {
    const account = await insertAccount(app.dataSource);
    const a = await grant({ accountId: account.id });
    expect((await app.exec(admin, REVOKE_AUTHORIZATION, { id: a.id, reason: 'first' })).errors).toBeUndefined();
    const before = await snapshot(app);
    const r = await app.exec(admin, REVOKE_AUTHORIZATION, { id: a.id, reason: 'second' });
    expect(reasonOf(r)).toBe('AUTHORIZATION_ALREADY_REVOKED');
    expect(codeOf(r)).toBe('CONFLICT');
    expect(await snapshot(app)).toEqual(before);
  });

  test.each([
    ['unknown', randomUUID()],
    ['malformed', '42'],
  ])('%s id: NOT_FOUND', async (_name, id) => {
    const r = await app.exec(admin, REVOKE_AUTHORIZATION, { id, reason: 'x' });
    expect(refusalOf(r)).toEqual({ code: 'NOT_FOUND', reason: 'AUTHORIZATION_NOT_FOUND' });
  });

  test('a reason is required: BAD_USER_INPUT, nothing written', async () => {
    const account = await insertAccount(app.dataSource);
    const a = await grant({ accountId: account.id });
    const before = await snapshot(app);
    const r = await app.exec(admin, REVOKE_AUTHORIZATION, { id: a.id, reason: '  ' });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(await snapshot(app)).toEqual(before);
  });

  test('a service may not revoke: FORBIDDEN', async () => {
    const account = await insertAccount(app.dataSource);
    const a = await grant({ accountId: account.id });
    expect(codeOf(await app.exec(service, REVOKE_AUTHORIZATION, { id: a.id, reason: 'x' }))).toBe('FORBIDDEN');
  });

  test('20 concurrent revocations: exactly one succeeds, the rest CONFLICT, one audit event', async () => {
    const account = await insertAccount(app.dataSource);
    const a = await grant({ accountId: account.id });
    const outcomes = await race(app, admin, 20, REVOKE_AUTHORIZATION, { id: a.id, reason: 'race' });
    expect(reasonsOf(outcomes)).toEqual(['AUTHORIZATION_ALREADY_REVOKED']);
    expect(tally(outcomes)).toEqual({ ok: 1, CONFLICT: 19 });
    expect((await auditEventsOf(app, a.id)).map((e) => e.action)).toEqual(['authorization.grant', 'authorization.revoke']);
  });
});

describe('Account.authorizations batching', () => {
  test('one query serves every account of an operation, each getting only its own rows', async () => {
    const [x, y, z] = await Promise.all([insertAccount(app.dataSource), insertAccount(app.dataSource), insertAccount(app.dataSource)]);
    const ax = await grant({ accountId: x.id, kind: 'API_ACCESS' });
    const ay1 = await grant({ accountId: y.id, kind: 'RESALE', validFrom: inDays(-2) });
    const ay2 = await grant({ accountId: y.id, kind: 'EMBEDDING', validFrom: inDays(-1) });
    const ctx = { principal: admin, requestId: 'batch', services: app.services, logger: undefined as never } as GraphQLContext;
    const spy = jest.spyOn(app.services.authorizations, 'listForAccounts');
    try {
      const loaders = enforcementLoaders(ctx);
      const [lx, ly, lz] = await Promise.all([x, y, z].map((a) => loaders.authorizationsByAccount.load(a.id)));
      expect(lx.map((a) => a.id)).toEqual([ax.id]);
      expect(ly.map((a) => a.id)).toEqual([ay2.id, ay1.id]);
      expect(lz).toEqual([]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('validUntil after grants and a revocation', () => {
  test('API_ACCESS granted for 2 h and revoked, EMBEDDING granted from +5 h: EMBEDDING is valid until that grant starts', async () => {
    const account = await insertAccount(app.dataSource);
    const api = await grant({ accountId: account.id, kind: 'API_ACCESS', expiresAt: new Date(Date.now() + 2 * 3_600_000).toISOString() });
    const revoked = await app.exec(admin, REVOKE_AUTHORIZATION, { id: api.id, reason: 'contract ended' });
    expect(revoked.errors).toBeUndefined();
    const from = new Date(Date.now() + 5 * 3_600_000).toISOString();
    await grant({ accountId: account.id, kind: 'EMBEDDING', validFrom: from });
    const DECIDE = 'query($id: ID!, $use: Use!) { entitlement(accountId: $id, use: $use) { allowed validUntil } }';
    const embedding = await app.exec(service, DECIDE, { id: account.id, use: 'EMBEDDING' });
    expect(embedding.errors).toBeUndefined();
    expect(embedding.data!.entitlement).toEqual({ allowed: false, validUntil: from });
    const apiAccess = await app.exec(service, DECIDE, { id: account.id, use: 'API_ACCESS' });
    expect(apiAccess.data!.entitlement).toEqual({ allowed: false, validUntil: null });
  });
});
