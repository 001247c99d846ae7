import { admin, admin2, codeOf, service, startTestApp, TestApp, userOf } from '../support/test-app';
import { ENTITLEMENT_FOR_USE } from '../support/operations';

// End to end through the public API only: onboarding, then every admin action
// that changes a decision, each seen by `entitlement` the moment it returns.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

async function ok<T = any>(principal: Parameters<TestApp['exec']>[0], query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await app.exec(principal, query, variables);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

const codes = async (id: string, use = 'PERSONAL') =>
  (await ok(service, ENTITLEMENT_FOR_USE, { id, use })).entitlement.reasons.map((r: { code: string }) => r.code);

async function onboardedCompany(email: string, plan = 'pro'): Promise<string> {
  const { createAccount } = await ok(
    service,
    `mutation($e: String!, $p: String!) { createAccount(input: { email: $e, displayName: "Acme", planCode: $p }) { id } }`,
    { e: email, p: plan },
  );
  const id = createAccount.id;
  expect(await codes(id)).toEqual(['ONBOARDING_INCOMPLETE', 'POLICY_NOT_ACCEPTED']);
  await ok(
    userOf(id),
    `mutation($id: ID!) { declareOrganization(accountId: $id, input: { kind: COMPANY, naicsCode: "512110", jurisdiction: "CA" }) { id } }`,
    { id },
  );
  expect(await codes(id)).toEqual(['POLICY_NOT_ACCEPTED']);
  await ok(userOf(id), `mutation($id: ID!) { acceptPolicy(accountId: $id, version: "2026-01-19") { id } }`, { id });
  expect(await codes(id)).toEqual([]);
  return id;
}

test('plan changes and industry re-declarations change the decision at once', async () => {
  const id = await onboardedCompany('plan@acme.test', 'free');
  expect(await codes(id, 'COMMERCIAL')).toEqual(['FREE_PLAN_COMMERCIAL_USE']);
  await ok(service, `mutation($id: ID!) { changePlan(accountId: $id, planCode: "pro") { id } }`, { id });
  expect(await codes(id, 'COMMERCIAL')).toEqual([]);
  await ok(service, `mutation($id: ID!) { declareOrganization(accountId: $id, input: { kind: COMPANY, naicsCode: "312230" }) { id } }`, {
    id,
  });
  expect(await codes(id, 'COMMERCIAL')).toEqual(['PROHIBITED_INDUSTRY']);
});

test('authorizations granted and revoked', async () => {
  const id = await onboardedCompany('auth@acme.test');
  expect(await codes(id, 'EMBEDDING')).toEqual(['AUTHORIZATION_REQUIRED']);
  const { grantAuthorization } = await ok(
    admin,
    `mutation($id: ID!) { grantAuthorization(input: { accountId: $id, kind: EMBEDDING, reference: "DOC-7" }) { id active } }`,
    { id },
  );
  expect(grantAuthorization.active).toBe(true);
  expect(await codes(id, 'EMBEDDING')).toEqual([]);
  await ok(admin, `mutation($a: ID!) { revokeAuthorization(id: $a, reason: "contract ended") { revokedAt } }`, {
    a: grantAuthorization.id,
  });
  expect(await codes(id, 'EMBEDDING')).toEqual(['AUTHORIZATION_REQUIRED']);
});

test('suspension, appeal overturned by a second admin, and lifting', async () => {
  const id = await onboardedCompany('susp@acme.test');
  const endsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const { suspendAccount } = await ok(
    admin,
    `mutation($id: ID!, $e: DateTimeISO) { suspendAccount(input: { accountId: $id, clause: "4(e)", reason: "spam", endsAt: $e }) { id } }`,
    { id, e: endsAt },
  );
  const denied = (await ok(service, ENTITLEMENT_FOR_USE, { id, use: 'PERSONAL' })).entitlement;
  expect(denied).toMatchObject({ allowed: false, validUntil: endsAt });
  expect(denied.reasons[0]).toMatchObject({ code: 'ACCOUNT_SUSPENDED', clause: 'Enforcement', remedy: 'APPEAL' });
  expect((await ok(userOf(id), `query($id: ID!) { account(id: $id) { status } }`, { id })).account.status).toBe('SUSPENDED');

  const { fileAppeal } = await ok(
    userOf(id),
    `mutation($s: ID!) { fileAppeal(input: { suspensionId: $s, statement: "We never sent spam." }) { id status } }`,
    { s: suspendAccount.id },
  );
  expect(fileAppeal.status).toBe('PENDING');
  // The admin who suspended may not decide; a second admin does.
  expect(
    codeOf(
      await app.exec(admin, `mutation($a: ID!) { decideAppeal(id: $a, input: { decision: OVERTURN, note: "x" }) { id } }`, {
        a: fileAppeal.id,
      }),
    ),
  ).toBe('FORBIDDEN');
  await ok(admin2, `mutation($a: ID!) { decideAppeal(id: $a, input: { decision: OVERTURN, note: "logs show otherwise" }) { status } }`, {
    a: fileAppeal.id,
  });
  expect(await codes(id)).toEqual([]);

  const again = await ok(admin, `mutation($id: ID!) { suspendAccount(input: { accountId: $id, clause: "9(d)", reason: "load" }) { id } }`, {
    id,
  });
  expect(await codes(id)).toEqual(['ACCOUNT_SUSPENDED']);
  await ok(admin, `mutation($s: ID!) { liftSuspension(id: $s, reason: "resolved") { liftedAt } }`, { s: again.suspendAccount.id });
  expect(await codes(id)).toEqual([]);
});

test('government status verified by an admin overrides the declaration both ways', async () => {
  const id = await onboardedCompany('gov@acme.test');
  await ok(
    admin,
    `mutation($id: ID!) { verifyGovernmentStatus(accountId: $id, governmentEntity: true, note: "city agency") { governmentEntity } }`,
    { id },
  );
  expect(await codes(id)).toEqual(['GOVERNMENT_ENTITY']);
  await ok(admin, `mutation($id: ID!) { grantAuthorization(input: { accountId: $id, kind: GOVERNMENT_USE, reference: "GOV-1" }) { id } }`, {
    id,
  });
  expect(await codes(id)).toEqual([]);

  const body = await onboardedCompany('body@gov.test');
  await ok(
    service,
    `mutation($id: ID!) { declareOrganization(accountId: $id, input: { kind: GOVERNMENT_BODY, naicsCode: "921110" }) { id } }`,
    { id: body },
  );
  expect(await codes(body)).toEqual(['GOVERNMENT_ENTITY']);
  await ok(
    admin,
    `mutation($id: ID!) { verifyGovernmentStatus(accountId: $id, governmentEntity: false, note: "private contractor") { governmentEntity } }`,
    { id: body },
  );
  expect(await codes(body)).toEqual([]);
});

test('a significant policy version published with notice is required when it takes effect', async () => {
  const id = await onboardedCompany('policy@acme.test');
  const effectiveAt = new Date(Date.now() + 31 * 86_400_000).toISOString();
  await ok(
    admin,
    `mutation($e: DateTimeISO!) { publishPolicyVersion(input: { version: "2027-01-01", effectiveAt: $e, significant: true, summary: "New rules" }) { version } }`,
    { e: effectiveAt },
  );
  const now = (await ok(service, ENTITLEMENT_FOR_USE, { id, use: 'PERSONAL' })).entitlement;
  expect(now).toMatchObject({ allowed: true, validUntil: effectiveAt });
  const later = await ok(service, `query($id: ID!, $at: DateTimeISO) { entitlement(accountId: $id, at: $at) { reasons { code } } }`, {
    id,
    at: effectiveAt,
  });
  expect(later.entitlement.reasons).toEqual([{ code: 'POLICY_NOT_ACCEPTED' }]);
  await ok(userOf(id), `mutation($id: ID!) { acceptPolicy(accountId: $id, version: "2027-01-01") { acceptedPolicyVersion } }`, { id });
  const accepted = await ok(service, `query($id: ID!, $at: DateTimeISO) { entitlement(accountId: $id, at: $at) { allowed } }`, {
    id,
    at: effectiveAt,
  });
  expect(accepted.entitlement.allowed).toBe(true);
});

test('the account holder follows its appeal on its own account, and nobody else can', async () => {
  const id = await onboardedCompany('appeal-follow@acme.test');
  const other = await onboardedCompany('appeal-other@acme.test');
  const { suspendAccount } = await ok(
    admin,
    `mutation($id: ID!) { suspendAccount(input: { accountId: $id, clause: "4(b)", reason: "scam" }) { id } }`,
    { id },
  );
  const { fileAppeal } = await ok(
    userOf(id),
    `mutation($s: ID!) { fileAppeal(input: { suspensionId: $s, statement: "Not a scam." }) { id } }`,
    { s: suspendAccount.id },
  );
  const APPEALS = `query($id: ID!) { account(id: $id) { appeals { id status suspensionId decidedAt } } }`;
  expect((await ok(userOf(id), APPEALS, { id })).account.appeals).toEqual([
    { id: fileAppeal.id, status: 'PENDING', suspensionId: suspendAccount.id, decidedAt: null },
  ]);
  await ok(admin2, `mutation($a: ID!) { decideAppeal(id: $a, input: { decision: UPHOLD, note: "confirmed" }) { id } }`, {
    a: fileAppeal.id,
  });
  expect((await ok(userOf(id), APPEALS, { id })).account.appeals[0].status).toBe('UPHELD');
  expect(codeOf(await app.exec(userOf(other), APPEALS, { id }))).toBe('FORBIDDEN');
});

test('an account blocked by a linked suspension (9(n)) can appeal it, and an overturn frees both', async () => {
  const suspended = await onboardedCompany('farm-owner@acme.test');
  const linked = await onboardedCompany('farm-second@acme.test');
  const stranger = await onboardedCompany('stranger@acme.test');
  const RECORD = `mutation($id: ID!) { recordAccountSignals(accountId: $id, signals: [{ kind: PAYMENT_FINGERPRINT, value: "card-shared-9n" }]) }`;
  await ok(service, RECORD, { id: suspended });
  await ok(service, RECORD, { id: linked });
  const { suspendAccount } = await ok(
    admin,
    `mutation($id: ID!) { suspendAccount(input: { accountId: $id, clause: "9(n)", reason: "free-plan farm" }) { id } }`,
    { id: suspended },
  );
  const blocked = (await ok(service, ENTITLEMENT_FOR_USE, { id: linked, use: 'PERSONAL' })).entitlement;
  expect(blocked.reasons).toEqual([expect.objectContaining({ code: 'LINKED_TO_SUSPENDED_ACCOUNT', remedy: 'APPEAL' })]);

  const FILE = `mutation($s: ID!) { fileAppeal(input: { suspensionId: $s, statement: "That card is my employer's." }) { id status } }`;
  expect(codeOf(await app.exec(userOf(stranger), FILE, { s: suspendAccount.id }))).toBe('FORBIDDEN');
  const { fileAppeal } = await ok(userOf(linked), FILE, { s: suspendAccount.id });
  expect(
    (await ok(userOf(linked), `query($id: ID!) { account(id: $id) { appeals { id status } } }`, { id: linked })).account.appeals,
  ).toEqual([{ id: fileAppeal.id, status: 'PENDING' }]);
  await ok(admin2, `mutation($a: ID!) { decideAppeal(id: $a, input: { decision: OVERTURN, note: "shared corporate card" }) { status } }`, {
    a: fileAppeal.id,
  });
  expect(await codes(linked)).toEqual([]);
  expect(await codes(suspended)).toEqual([]);
});
