import { hasAcceptedRequired, PolicyVersionFact } from '../../src/domain/decide-entitlement';
import { addPolicyVersion, seedAccount } from '../support/factories';
import { POLICY_VERSION_IMPACT } from '../support/operations';
import { admin, startTestApp, TestApp } from '../support/test-app';

/*
 * policyVersionImpact counts in SQL what the decision decides in the domain
 * (hasAcceptedRequired): an account is affected unless it accepted the version
 * or one taking effect strictly later. Every version of a table of versions
 * and acceptances is measured both ways.
 */

const INITIAL = '2026-01-19';
const T = new Date('2030-01-01T00:00:00.000Z');
const VERSIONS: Array<[string, Date]> = [
  ['imp-early', new Date('2029-01-01T00:00:00.000Z')],
  ['imp-target', T],
  ['imp-aa-tie', T], // same instant, smaller name
  ['imp-zz-tie', T], // same instant, greater name
  ['imp-later', new Date('2030-02-01T00:00:00.000Z')],
];
const ACCEPTANCES: string[][] = [
  [],
  [INITIAL],
  ['imp-early'],
  ['imp-target'],
  ['imp-aa-tie'],
  ['imp-zz-tie'],
  ['imp-later'],
  [INITIAL, 'imp-early'],
  ['imp-early', 'imp-later'],
  ['imp-aa-tie', 'imp-zz-tie'],
];

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  for (const [version, effectiveAt] of VERSIONS) await addPolicyVersion(app.dataSource, version, effectiveAt);
  for (const acceptedVersions of ACCEPTANCES) await seedAccount(app.dataSource, { acceptedVersions });
});
afterAll(async () => {
  await app.close();
});

async function domainView(): Promise<{ versions: PolicyVersionFact[]; accepted: Map<string, string[]> }> {
  const versions: PolicyVersionFact[] = (await app.dataSource.query('SELECT version, effective_at, significant FROM policy_versions')).map(
    (r: { version: string; effective_at: Date; significant: boolean }) => ({
      version: r.version,
      effectiveAt: r.effective_at,
      significant: r.significant,
    }),
  );
  const rows: Array<{ id: string; accepted: string[] }> = await app.dataSource.query(
    `SELECT a.id, coalesce(array_agg(pa.version) FILTER (WHERE pa.version IS NOT NULL), '{}') AS accepted
       FROM accounts a LEFT JOIN policy_acceptances pa ON pa.account_id = a.id GROUP BY a.id`,
  );
  return { versions, accepted: new Map(rows.map((r) => [r.id, r.accepted])) };
}

test.each([INITIAL, ...VERSIONS.map(([v]) => v)])('the accounts %s affects are those the decision would deny for it', async (version) => {
  const { versions, accepted } = await domainView();
  const required = versions.find((v) => v.version === version)!;
  const expected = [...accepted].filter(([, list]) => !hasAcceptedRequired(list, required, versions)).map(([id]) => id);

  const r = await app.exec(admin, POLICY_VERSION_IMPACT, { v: version });
  expect(r.errors).toBeUndefined();
  const impact = r.data!.policyVersionImpact as { affectedAccounts: number; sampleAccountIds: string[] };
  expect(impact.affectedAccounts).toBe(expected.length);
  expect(impact.sampleAccountIds).toHaveLength(Math.min(20, expected.length));
  expect(expected).toEqual(expect.arrayContaining(impact.sampleAccountIds));
});

test('the table covers both outcomes for the target version', async () => {
  const { versions, accepted } = await domainView();
  const required = versions.find((v) => v.version === 'imp-target')!;
  const outcomes = new Set([...accepted.values()].map((list) => hasAcceptedRequired(list, required, versions)));
  expect(outcomes).toEqual(new Set([true, false]));
});
