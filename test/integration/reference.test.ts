import { admin, codeOf, service, startTestApp, TestApp, userOf } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('reference data', () => {
  test('plans: free has no commercial use, pro and enterprise do', async () => {
    const r = await app.exec(userOf('00000000-0000-0000-0000-000000000001'), '{ plans { code name commercialUse } }');
    expect(r.errors).toBeUndefined();
    expect(r.data!.plans).toEqual([
      { code: 'free', name: 'Free', commercialUse: false },
      { code: 'pro', name: 'Pro', commercialUse: true },
      { code: 'enterprise', name: 'Enterprise', commercialUse: true },
    ]);
  });

  test.each([
    ['332992', 'FIREARMS_OR_WEAPONS'],
    ['332993', 'FIREARMS_OR_WEAPONS'],
    ['332994', 'FIREARMS_OR_WEAPONS'],
    ['336992', 'FIREARMS_OR_WEAPONS'],
    ['312230', 'TOBACCO'],
    ['424940', 'TOBACCO'],
    ['453991', 'TOBACCO'],
    ['325411', 'PHARMACEUTICALS_OR_CONTROLLED_SUBSTANCES'],
    ['325412', 'PHARMACEUTICALS_OR_CONTROLLED_SUBSTANCES'],
    ['325414', 'PHARMACEUTICALS_OR_CONTROLLED_SUBSTANCES'],
    ['424210', 'PHARMACEUTICALS_OR_CONTROLLED_SUBSTANCES'],
    ['446110', 'PHARMACEUTICALS_OR_CONTROLLED_SUBSTANCES'],
    ['813110', 'RELIGIOUS_ORGANIZATION'],
    ['813940', 'POLITICAL_ADVOCACY'],
    ['512110', null],
    ['711130', null],
  ])('industry %s is in prohibited sector %s', async (code, sector) => {
    const r = await app.exec(service, 'query($c: String!) { industry(code: $c) { code title prohibitedSector governmentSector } }', {
      c: code,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.industry).toMatchObject({ code, prohibitedSector: sector, governmentSector: false });
    expect(r.data!.industry.title).toBe(r.data!.industry.title.trim());
    expect(r.data!.industry.title.length).toBeGreaterThan(3);
  });

  test.each(['92', '921110', '928110', '926150'])('every code of sector 92 is a government sector: %s', async (code) => {
    const r = await app.exec(service, 'query($c: String!) { industry(code: $c) { governmentSector } }', { c: code });
    expect(r.data!.industry).toEqual({ governmentSector: true });
  });

  test('the whole NAICS 2017 taxonomy is installed, with parents', async () => {
    const [{ count }] = await app.dataSource.query('SELECT count(*)::int AS count FROM industries');
    expect(count).toBe(2196);
    const [{ orphans }] = await app.dataSource.query(
      `SELECT count(*)::int AS orphans FROM industries WHERE length(code) > 2 AND code NOT LIKE '%-%' AND parent_code IS NULL`,
    );
    expect(orphans).toBe(0);
    const r = await app.exec(service, '{ industry(code: "332") { parentCode title } }');
    expect(r.data!.industry).toEqual({ parentCode: '31-33', title: 'Fabricated Metal Product Manufacturing' });
  });

  test.each(['999999', 'abc', '', "1' OR '1'='1"])('an unknown or malformed industry code is null, not an error: %j', async (code) => {
    const r = await app.exec(service, 'query($c: String!) { industry(code: $c) { code } }', { c: code });
    expect(r.errors).toBeUndefined();
    expect(r.data!.industry).toBeNull();
  });

  test('the clause registry numbers clauses as the policy does', async () => {
    const r = await app.exec(admin, '{ policyClauses { clause title } }');
    const clauses = r.data!.policyClauses.map((c: { clause: string }) => c.clause);
    for (const c of [
      '1(a)',
      '1(d)',
      '2(c)',
      '3(b)',
      '4(e)',
      '5(c)',
      '6(c)',
      '7(b)',
      '8(g)',
      '9(a)',
      '9(k)',
      '9(n)',
      '10(a)',
      '10(a)(i)',
      '10(a)(iv)',
      '10(a)(vi)',
      '10(c)(i)',
      '10(c)(vii)',
      '10(d)(iii)',
      '10(e)',
      'Enforcement',
      'Updates',
    ]) {
      expect(clauses).toContain(c);
    }
    expect(new Set(clauses).size).toBe(clauses.length);
    expect(r.data!.policyClauses.every((c: { title: string }) => c.title.length > 0)).toBe(true);
  });

  test('the initial policy version is the policy date, significant and in effect', async () => {
    const r = await app.exec(
      service,
      '{ currentPolicy { version effectiveAt significant publishedAt summary } policyVersions { version } }',
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.currentPolicy).toMatchObject({ version: '2026-01-19', effectiveAt: '2026-01-19T00:00:00.000Z', significant: true });
    expect(r.data!.policyVersions).toEqual([{ version: '2026-01-19' }]);
  });

  test('a principal without any known role is forbidden', async () => {
    const r = await app.exec({ sub: 'x', roles: [] }, '{ plans { code } }');
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(r.data).toBeNull();
  });
});
