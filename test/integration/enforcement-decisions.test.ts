import { randomUUID } from 'node:crypto';
import { AccountSnapshot, decideEntitlement } from '../../src/domain/decide-entitlement';
import { OrganizationKind, ReasonCode, Use } from '../../src/domain/enums';
import { AccountEntity, IndustryEntity, OrganizationEntity, PlanEntity } from '../../src/entities';
import { readAccount } from '../support/account-reader';
import { admin, admin2, refusalOf, startTestApp, TestApp, userOf } from '../support/test-app';
import {
  DECIDE_APPEAL_WITH,
  FILE_APPEAL_ID,
  FILE_REPORT_ID,
  GRANT_AUTHORIZATION_ID,
  LIFT_SUSPENSION_ID,
  REVOKE_AUTHORIZATION_ID,
  SUSPEND_ACCOUNT_END,
  VERIFY_GOVERNMENT_STATUS_ID,
} from '../support/operations';
import { insertAccount, insertOrganization } from '../support/factories';

let app: TestApp;
const touched: string[] = [];
beforeAll(async () => {
  app = await startTestApp();
  app.services.transactions.onAccountsChanged((ids) => touched.push(...ids));
});
afterAll(async () => {
  await app.close();
});

// The entitlement query is built on another branch. Until it lands, these tests
// feed the pure decision (decideEntitlement) with the enforcement records exactly
// as the API returns them (Account.suspensions / Account.authorizations) and with
// the stored government verification; the rest of the snapshot is a fixed,
// otherwise-allowed baseline (onboarded, every policy version accepted).
async function decide(accountId: string, use: Use) {
  const read = await readAccount(
    app,
    admin,
    accountId,
    'suspensions { startsAt endsAt liftedAt } authorizations { kind validFrom expiresAt revokedAt }',
  );
  if (read.code) throw new Error(read.code);
  const toDate = (v: string | null) => (v === null ? null : new Date(v));
  const account = await app.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: accountId });
  const plan = await app.dataSource.getRepository(PlanEntity).findOneByOrFail({ code: account.planCode });
  const org = await app.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ accountId });
  const industry = org.naicsCode ? await app.dataSource.getRepository(IndustryEntity).findOneByOrFail({ code: org.naicsCode }) : null;
  const versions = await app.services.policy.listVersions();
  const snapshot: AccountSnapshot = {
    accountId,
    plan: { code: plan.code, commercialUse: plan.commercialUse },
    organization: {
      kind: org.kind,
      declaredSectors: org.declaredSectors,
      performsPublicFunctions: org.performsPublicFunctions,
      industry: industry && {
        code: industry.code,
        prohibitedSector: industry.prohibitedSector,
        governmentSector: industry.governmentSector,
      },
    },
    governmentVerified: account.governmentVerified,
    authorizations: read.account!.authorizations.map((a: any) => ({
      kind: a.kind,
      validFrom: new Date(a.validFrom),
      expiresAt: toDate(a.expiresAt),
      revokedAt: toDate(a.revokedAt),
    })),
    suspensions: read.account!.suspensions.map((s: any) => ({
      startsAt: new Date(s.startsAt),
      endsAt: toDate(s.endsAt),
      liftedAt: toDate(s.liftedAt),
    })),
    acceptedPolicyVersions: versions.map((v) => v.version),
    linkedSuspensions: [],
  };
  return decideEntitlement(snapshot, versions, use, new Date());
}

const codes = (d: { reasons: Array<{ code: ReasonCode }> }) => d.reasons.map((r) => r.code);

async function onboarded(overrides: Partial<OrganizationEntity> = {}, plan = 'pro') {
  const account = await insertAccount(app.dataSource, { planCode: plan });
  await insertOrganization(app.dataSource, account.id, overrides);
  return account;
}

async function ok(principal: typeof admin, query: string, variables: Record<string, unknown>) {
  const r = await app.exec(principal, query, variables);
  expect(r.errors).toBeUndefined();
  return Object.values(r.data!)[0] as Record<string, any>;
}

describe('effect of enforcement actions on the entitlement decision (pure decideEntitlement over the API records; no entitlement query)', () => {
  test('suspending denies at once with ACCOUNT_SUSPENDED (remedy APPEAL); lifting allows again at once', async () => {
    const account = await onboarded();
    expect((await decide(account.id, Use.PERSONAL)).allowed).toBe(true);
    const s = await ok(admin, SUSPEND_ACCOUNT_END, { input: { accountId: account.id, clause: 'Enforcement', reason: 'abuse' } });
    const denied = await decide(account.id, Use.PERSONAL);
    expect(denied).toMatchObject({ allowed: false, validUntil: null });
    expect(denied.reasons).toEqual([
      expect.objectContaining({ code: ReasonCode.ACCOUNT_SUSPENDED, clause: 'Enforcement', remedy: 'APPEAL' }),
    ]);
    await ok(admin, LIFT_SUSPENSION_ID, { id: s.id });
    expect((await decide(account.id, Use.PERSONAL)).allowed).toBe(true);
  });

  test('a suspension with an end reports that end as validUntil', async () => {
    const account = await onboarded();
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    await ok(admin, SUSPEND_ACCOUNT_END, { input: { accountId: account.id, clause: '9(n)', reason: 'cool-off', endsAt } });
    const d = await decide(account.id, Use.PERSONAL);
    expect(codes(d)).toEqual([ReasonCode.ACCOUNT_SUSPENDED]);
    expect(d.validUntil!.toISOString()).toBe(endsAt);
  });

  test('an overturned appeal allows at once; an upheld one changes nothing', async () => {
    const account = await onboarded();
    const s = await ok(admin, SUSPEND_ACCOUNT_END, { input: { accountId: account.id, clause: '9(n)', reason: 'x' } });
    const first = await ok(userOf(account.id), FILE_APPEAL_ID, { input: { suspensionId: s.id, statement: 'please' } });
    await ok(admin2, DECIDE_APPEAL_WITH, { id: first.id, d: 'UPHOLD' });
    expect(codes(await decide(account.id, Use.PERSONAL))).toEqual([ReasonCode.ACCOUNT_SUSPENDED]);
    const second = await ok(userOf(account.id), FILE_APPEAL_ID, { input: { suspensionId: s.id, statement: 'new evidence' } });
    await ok(admin2, DECIDE_APPEAL_WITH, { id: second.id, d: 'OVERTURN' });
    expect((await decide(account.id, Use.PERSONAL)).allowed).toBe(true);
  });

  test('granting an authorization allows its use at once; revoking denies it again with AUTHORIZATION_REQUIRED', async () => {
    const account = await onboarded();
    expect((await decide(account.id, Use.API_ACCESS)).reasons).toEqual([
      expect.objectContaining({ code: ReasonCode.AUTHORIZATION_REQUIRED, clause: '9(f)', authorization: 'API_ACCESS' }),
    ]);
    const a = await ok(admin, GRANT_AUTHORIZATION_ID, { input: { accountId: account.id, kind: 'API_ACCESS', reference: 'API-1' } });
    expect((await decide(account.id, Use.API_ACCESS)).allowed).toBe(true);
    await ok(admin, REVOKE_AUTHORIZATION_ID, { id: a.id });
    expect(codes(await decide(account.id, Use.API_ACCESS))).toEqual([ReasonCode.AUTHORIZATION_REQUIRED]);
  });

  test('a government verification overrides the self-declaration both ways', async () => {
    const company = await onboarded({ kind: OrganizationKind.COMPANY });
    expect((await decide(company.id, Use.PERSONAL)).allowed).toBe(true);
    await ok(admin, VERIFY_GOVERNMENT_STATUS_ID, { id: company.id, gov: true });
    expect((await decide(company.id, Use.PERSONAL)).reasons).toEqual([
      expect.objectContaining({ code: ReasonCode.GOVERNMENT_ENTITY, clause: '9(k)', authorization: 'GOVERNMENT_USE' }),
    ]);
    await ok(admin, GRANT_AUTHORIZATION_ID, { input: { accountId: company.id, kind: 'GOVERNMENT_USE', reference: 'GOV-1' } });
    expect((await decide(company.id, Use.PERSONAL)).allowed).toBe(true);

    const ministry = await onboarded({ kind: OrganizationKind.GOVERNMENT_BODY, naicsCode: '921110' });
    expect(codes(await decide(ministry.id, Use.PERSONAL))).toEqual([ReasonCode.GOVERNMENT_ENTITY]);
    await ok(admin, VERIFY_GOVERNMENT_STATUS_ID, { id: ministry.id, gov: false });
    expect((await decide(ministry.id, Use.PERSONAL)).allowed).toBe(true);
  });
});

describe('decision-cache invalidation: every action that can change a decision announces the account', () => {
  test('suspend, lift, grant, revoke, verify and an OVERTURN name the account; reports, appeals filed and UPHOLD do not', async () => {
    const account = await onboarded();
    const since = () => {
      touched.length = 0;
    };
    const expectTouched = (ids: string[]) => expect([...new Set(touched)]).toEqual(ids);

    since();
    const s = await ok(admin, SUSPEND_ACCOUNT_END, { input: { accountId: account.id, clause: '9(n)', reason: 'x' } });
    expectTouched([account.id]);
    since();
    await ok(userOf(randomUUID()), FILE_REPORT_ID, { input: { subjectAccountId: account.id, clause: '9(n)', description: 'x' } });
    expectTouched([]);
    since();
    const ap1 = await ok(userOf(account.id), FILE_APPEAL_ID, { input: { suspensionId: s.id, statement: 'x' } });
    expectTouched([]);
    since();
    await ok(admin2, DECIDE_APPEAL_WITH, { id: ap1.id, d: 'UPHOLD' });
    expectTouched([]);
    since();
    const ap2 = await ok(userOf(account.id), FILE_APPEAL_ID, { input: { suspensionId: s.id, statement: 'y' } });
    expectTouched([]);
    since();
    await ok(admin2, DECIDE_APPEAL_WITH, { id: ap2.id, d: 'OVERTURN' });
    expectTouched([account.id]);
    const s2 = await ok(admin, SUSPEND_ACCOUNT_END, { input: { accountId: account.id, clause: '9(n)', reason: 'x' } });
    since();
    await ok(admin, LIFT_SUSPENSION_ID, { id: s2.id });
    expectTouched([account.id]);
    since();
    const a = await ok(admin, GRANT_AUTHORIZATION_ID, { input: { accountId: account.id, kind: 'RESALE', reference: 'R' } });
    expectTouched([account.id]);
    since();
    await ok(admin, REVOKE_AUTHORIZATION_ID, { id: a.id });
    expectTouched([account.id]);
    since();
    await ok(admin, VERIFY_GOVERNMENT_STATUS_ID, { id: account.id, gov: false });
    expectTouched([account.id]);
    // A refused action announces nothing.
    since();
    expect(refusalOf(await app.exec(admin, REVOKE_AUTHORIZATION_ID, { id: a.id }))).toEqual({
      code: 'CONFLICT',
      reason: 'AUTHORIZATION_ALREADY_REVOKED',
    });
    expectTouched([]);
  });
});
