import { randomUUID } from 'node:crypto';
import { admin, codeOf, refusalOf, service, startTestApp, TestApp, userOf } from '../support/test-app';
import { DECLARE_ORGANIZATION } from '../support/operations';
import { auditCount, auditRowsOf } from '../support/audit';
import { createAccountThroughApi } from '../support/factories';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

async function organizationRow(accountId: string) {
  const rows = await app.dataSource.query(
    'SELECT kind, legal_name, jurisdiction, naics_code, declared_sectors, performs_public_functions FROM organizations WHERE account_id = $1',
    [accountId],
  );
  return rows[0] ?? null;
}

describe('declareOrganization', () => {
  test('records the declaration: jurisdiction upper-cased, sectors de-duplicated, industry resolved, audited', async () => {
    const id = await createAccountThroughApi(app);
    const r = await app.exec(userOf(id), DECLARE_ORGANIZATION, {
      id,
      input: {
        kind: 'COMPANY',
        legalName: '  Acme Arms Ltd.  ',
        jurisdiction: ' ca ',
        naicsCode: '332994',
        declaredSectors: ['FIREARMS_OR_WEAPONS', 'TOBACCO', 'FIREARMS_OR_WEAPONS'],
      },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.declareOrganization).toMatchObject({
      id,
      governmentEntity: false,
      organization: {
        kind: 'COMPANY',
        legalName: 'Acme Arms Ltd.',
        jurisdiction: 'CA',
        declaredSectors: ['FIREARMS_OR_WEAPONS', 'TOBACCO'],
        performsPublicFunctions: false,
        industry: { code: '332994', prohibitedSector: 'FIREARMS_OR_WEAPONS', governmentSector: false, title: expect.stringMatching(/\S$/) },
      },
    });
    expect(await organizationRow(id)).toEqual({
      kind: 'COMPANY',
      legal_name: 'Acme Arms Ltd.',
      jurisdiction: 'CA',
      naics_code: '332994',
      declared_sectors: ['FIREARMS_OR_WEAPONS', 'TOBACCO'],
      performs_public_functions: false,
    });
    const events = await auditRowsOf(app, id);
    expect(events.map((e) => e.action)).toEqual(['account.create', 'organization.declare']);
    expect(events[1]).toMatchObject({
      actor: id,
      actor_role: 'user',
      target_type: 'Account',
      before: null,
      after: {
        kind: 'COMPANY',
        legalName: 'Acme Arms Ltd.',
        jurisdiction: 'CA',
        naicsCode: '332994',
        declaredSectors: ['FIREARMS_OR_WEAPONS', 'TOBACCO'],
        performsPublicFunctions: false,
      },
    });
  });

  test('re-declaring replaces the previous declaration; the audit log keeps both', async () => {
    const id = await createAccountThroughApi(app);
    await app.exec(service, DECLARE_ORGANIZATION, {
      id,
      input: { kind: 'COMPANY', naicsCode: '512110', jurisdiction: 'US', legalName: 'First' },
    });
    const r = await app.exec(admin, DECLARE_ORGANIZATION, { id, input: { kind: 'INDIVIDUAL' } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.declareOrganization.organization).toMatchObject({
      kind: 'INDIVIDUAL',
      legalName: null,
      jurisdiction: null,
      industry: null,
      declaredSectors: [],
      performsPublicFunctions: false,
    });
    const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM organizations WHERE account_id = $1', [id]);
    expect(n).toBe(1);
    const declared = (await auditRowsOf(app, id)).filter((e) => e.action === 'organization.declare');
    expect(declared).toHaveLength(2);
    expect(declared[0]).toMatchObject({
      actor_role: 'service',
      before: null,
      after: { kind: 'COMPANY', legalName: 'First', naicsCode: '512110' },
    });
    expect(declared[1]).toMatchObject({
      actor_role: 'admin',
      before: { kind: 'COMPANY', legalName: 'First', jurisdiction: 'US', naicsCode: '512110' },
      after: { kind: 'INDIVIDUAL', legalName: null, jurisdiction: null, naicsCode: null },
    });
  });

  test('two declarations in one operation: the second result shows the second declaration', async () => {
    const id = await createAccountThroughApi(app);
    const r = await app.exec(
      userOf(id),
      `mutation($id: ID!) {
      first: declareOrganization(accountId: $id, input: { kind: COMPANY, naicsCode: "512110" }) { organization { kind } governmentEntity }
      second: declareOrganization(accountId: $id, input: { kind: GOVERNMENT_BODY }) { organization { kind } governmentEntity }
    }`,
      { id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      first: { organization: { kind: 'COMPANY' }, governmentEntity: false },
      second: { organization: { kind: 'GOVERNMENT_BODY' }, governmentEntity: true },
    });
  });

  test('an individual needs no industry, jurisdiction or name', async () => {
    const id = await createAccountThroughApi(app);
    const r = await app.exec(userOf(id), DECLARE_ORGANIZATION, { id, input: { kind: 'INDIVIDUAL', legalName: '   ', jurisdiction: '' } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.declareOrganization.organization).toMatchObject({
      kind: 'INDIVIDUAL',
      legalName: null,
      jurisdiction: null,
      industry: null,
    });
  });

  test('a user may not declare for another account', async () => {
    const mine = await createAccountThroughApi(app);
    const theirs = await createAccountThroughApi(app);
    const r = await app.exec(userOf(mine), DECLARE_ORGANIZATION, { id: theirs, input: { kind: 'COMPANY' } });
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(await organizationRow(theirs)).toBeNull();
  });

  test('an unknown account is NOT_FOUND, a malformed id too', async () => {
    expect(refusalOf(await app.exec(service, DECLARE_ORGANIZATION, { id: randomUUID(), input: { kind: 'COMPANY' } }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'ACCOUNT_NOT_FOUND',
    });
    expect(refusalOf(await app.exec(admin, DECLARE_ORGANIZATION, { id: 'x', input: { kind: 'COMPANY' } }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'ACCOUNT_NOT_FOUND',
    });
  });

  test.each(['999999', '111111', 'abc', "1' OR '1'='1", '00'])('an unknown industry %j is BAD_USER_INPUT naming the code', async (code) => {
    const id = await createAccountThroughApi(app);
    const before = await auditCount(app);
    const r = await app.exec(service, DECLARE_ORGANIZATION, { id, input: { kind: 'COMPANY', naicsCode: code } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toContain(code);
    expect(r.errors![0].extensions).toMatchObject({
      naicsCode: code,
      fields: [{ field: 'naicsCode', message: expect.stringContaining(code) }],
    });
    expect(await organizationRow(id)).toBeNull();
    expect(await auditCount(app)).toBe(before);
  });

  test.each(['ZZ', 'USA', 'U1', 'X', '840', 'Canada'])('jurisdiction %j is not an ISO 3166-1 alpha-2 code', async (jurisdiction) => {
    const id = await createAccountThroughApi(app);
    const r = await app.exec(service, DECLARE_ORGANIZATION, { id, input: { kind: 'COMPANY', jurisdiction } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.fields).toEqual([{ field: 'jurisdiction', message: expect.any(String) }]);
    expect(await organizationRow(id)).toBeNull();
  });

  test.each([
    ['de', 'DE'],
    ['Jp', 'JP'],
    [' br ', 'BR'],
  ])('jurisdiction %j is stored as %s', async (given, stored) => {
    const id = await createAccountThroughApi(app);
    const r = await app.exec(service, DECLARE_ORGANIZATION, { id, input: { kind: 'NONPROFIT', jurisdiction: given } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.declareOrganization.organization.jurisdiction).toBe(stored);
  });

  test('legalName: 200 characters are fine, 201 are BAD_USER_INPUT', async () => {
    const id = await createAccountThroughApi(app);
    const ok = await app.exec(service, DECLARE_ORGANIZATION, { id, input: { kind: 'COMPANY', legalName: 'L'.repeat(200) } });
    expect(ok.data!.declareOrganization.organization.legalName).toBe('L'.repeat(200));
    const bad = await app.exec(service, DECLARE_ORGANIZATION, { id, input: { kind: 'NONPROFIT', legalName: 'L'.repeat(201) } });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.fields).toEqual([{ field: 'legalName', message: expect.stringContaining('200') }]);
    expect((await organizationRow(id)).kind).toBe('COMPANY');
  });

  test('a failed re-declaration leaves the previous declaration and the audit log as they were', async () => {
    const id = await createAccountThroughApi(app);
    await app.exec(service, DECLARE_ORGANIZATION, { id, input: { kind: 'COMPANY', naicsCode: '512110', jurisdiction: 'FR' } });
    const rowBefore = await organizationRow(id);
    const eventsBefore = await auditCount(app);
    const r = await app.exec(service, DECLARE_ORGANIZATION, { id, input: { kind: 'NONPROFIT', naicsCode: '000000', jurisdiction: 'FR' } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(await organizationRow(id)).toEqual(rowBefore);
    expect(await auditCount(app)).toBe(eventsBefore);
  });

  test('an unknown enum value in variables is BAD_USER_INPUT, in-process and over HTTP', async () => {
    const id = await createAccountThroughApi(app);
    const r = await app.exec(service, DECLARE_ORGANIZATION, { id, input: { kind: 'COMPANY', declaredSectors: ['GAMBLING'] } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toContain('GAMBLING');
    const token = await app.token({ sub: service.sub, roles: service.roles });
    const res = await app.http(DECLARE_ORGANIZATION, { id, input: { kind: 'CORPORATION' } }, { authorization: `Bearer ${token}` });
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await organizationRow(id)).toBeNull();
  });
});

describe('governmentEntity', () => {
  test.each([
    ['a company', { kind: 'COMPANY', naicsCode: '512110' }, false],
    ['a government body', { kind: 'GOVERNMENT_BODY' }, true],
    ['an intergovernmental organization', { kind: 'INTERGOVERNMENTAL_ORGANIZATION' }, true],
    ['a government-owned corporation without public functions', { kind: 'GOVERNMENT_OWNED_CORPORATION', naicsCode: '221122' }, false],
    [
      'a government-owned corporation performing public functions',
      { kind: 'GOVERNMENT_OWNED_CORPORATION', naicsCode: '221122', performsPublicFunctions: true },
      true,
    ],
    ['a nonprofit in NAICS sector 92', { kind: 'NONPROFIT', naicsCode: '921110' }, true],
  ])('%s: %s', async (_label, input, expected) => {
    const id = await createAccountThroughApi(app);
    const r = await app.exec(service, DECLARE_ORGANIZATION, { id, input });
    expect(r.errors).toBeUndefined();
    expect(r.data!.declareOrganization.governmentEntity).toBe(expected);
  });

  test('an admin verification overrides the self-declaration both ways', async () => {
    const body = await createAccountThroughApi(app);
    const company = await createAccountThroughApi(app);
    await app.exec(service, DECLARE_ORGANIZATION, { id: body, input: { kind: 'GOVERNMENT_BODY' } });
    await app.exec(service, DECLARE_ORGANIZATION, { id: company, input: { kind: 'COMPANY' } });
    const verify =
      'UPDATE accounts SET government_verified = $2, government_verified_by = $3, government_verified_at = now() WHERE id = $1';
    await app.dataSource.query(verify, [body, false, 'admin-1']);
    await app.dataSource.query(verify, [company, true, 'admin-1']);
    const q = 'query($a: ID!, $b: ID!) { a: account(id: $a) { governmentEntity } b: account(id: $b) { governmentEntity } }';
    const r = await app.exec(admin, q, { a: body, b: company });
    expect(r.data).toEqual({ a: { governmentEntity: false }, b: { governmentEntity: true } });
  });

  test('no declaration: not a government entity, no organization', async () => {
    const id = await createAccountThroughApi(app);
    const r = await app.exec(userOf(id), '{ me { organization { kind } governmentEntity } }');
    expect(r.data!.me).toEqual({ organization: null, governmentEntity: false });
  });
});
