import {
  compareVersions,
  isAuthorizationActive,
  isNewer,
  isSuspensionActive,
  latestVersion,
  policyVersionInEffect,
  requiredPolicyVersion,
  satisfiesRequirement,
} from '../../src/domain/activity';

const d = (iso: string) => new Date(iso);
const ms = (iso: string, delta: number) => new Date(d(iso).getTime() + delta);

const FROM = '2025-01-01T00:00:00.000Z';
const UNTIL = '2025-07-01T00:00:00.000Z';
const REVOKED = '2025-04-01T00:00:00.000Z';

describe('isAuthorizationActive', () => {
  const bounded = { validFrom: d(FROM), expiresAt: d(UNTIL), revokedAt: null };
  const open = { validFrom: d(FROM), expiresAt: null, revokedAt: null };
  const revoked = { validFrom: d(FROM), expiresAt: d(UNTIL), revokedAt: d(REVOKED) };

  test.each([
    ['1 ms before validFrom', bounded, ms(FROM, -1), false],
    ['exactly at validFrom', bounded, d(FROM), true],
    ['1 ms before expiresAt', bounded, ms(UNTIL, -1), true],
    ['exactly at expiresAt', bounded, d(UNTIL), false],
    ['after expiresAt', bounded, ms(UNTIL, 1), false],
    ['open-ended, far future', open, d('2999-01-01T00:00:00Z'), true],
    ['open-ended, before validFrom', open, ms(FROM, -1), false],
    ['1 ms before revokedAt', revoked, ms(REVOKED, -1), true],
    ['exactly at revokedAt', revoked, d(REVOKED), false],
    ['after revokedAt', revoked, ms(REVOKED, 1), false],
    ['revoked before it started', { validFrom: d(FROM), expiresAt: null, revokedAt: ms(FROM, -10) }, d(FROM), false],
  ])('%s', (_label, auth, t, expected) => {
    expect(isAuthorizationActive(auth, t)).toBe(expected);
  });
});

describe('isSuspensionActive', () => {
  const bounded = { startsAt: d(FROM), endsAt: d(UNTIL), liftedAt: null };
  const indefinite = { startsAt: d(FROM), endsAt: null, liftedAt: null };
  const lifted = { startsAt: d(FROM), endsAt: null, liftedAt: d(REVOKED) };

  test.each([
    ['1 ms before startsAt', bounded, ms(FROM, -1), false],
    ['exactly at startsAt', bounded, d(FROM), true],
    ['1 ms before endsAt', bounded, ms(UNTIL, -1), true],
    ['exactly at endsAt', bounded, d(UNTIL), false],
    ['indefinite, far future', indefinite, d('2999-01-01T00:00:00Z'), true],
    ['1 ms before liftedAt', lifted, ms(REVOKED, -1), true],
    ['exactly at liftedAt', lifted, d(REVOKED), false],
    ['after liftedAt', lifted, ms(REVOKED, 1), false],
  ])('%s', (_label, s, t, expected) => {
    expect(isSuspensionActive(s, t)).toBe(expected);
  });
});

describe('requiredPolicyVersion', () => {
  const v1 = { version: '1.0', effectiveAt: d('2024-01-01T00:00:00Z'), significant: true };
  const v11 = { version: '1.1', effectiveAt: d('2024-06-01T00:00:00Z'), significant: false };
  const v2 = { version: '2.0', effectiveAt: d('2025-01-01T00:00:00Z'), significant: true };
  const v2b = { version: '2.0b', effectiveAt: d('2025-01-01T00:00:00Z'), significant: true };
  const all = [v2, v11, v1];

  test.each([
    ['nothing published', [], d('2025-02-01T00:00:00Z'), null],
    ['before any version', all, d('2023-01-01T00:00:00Z'), null],
    ['only a minor version in effect', [v11], d('2025-02-01T00:00:00Z'), null],
    ['first significant version', all, d('2024-03-01T00:00:00Z'), '1.0'],
    ['minor version does not replace the requirement', all, d('2024-07-01T00:00:00Z'), '1.0'],
    ['exactly at effectiveAt', all, d('2025-01-01T00:00:00Z'), '2.0'],
    ['1 ms before effectiveAt', all, ms('2025-01-01T00:00:00Z', -1), '1.0'],
    ['same effectiveAt: greater version string', [v2, v2b, v1], d('2025-02-01T00:00:00Z'), '2.0b'],
  ])('%s', (_label, versions, t, expected) => {
    expect(requiredPolicyVersion(versions, t)?.version ?? null).toBe(expected);
  });
});

describe('policyVersionInEffect', () => {
  const v1 = { version: '1.0', effectiveAt: d('2024-01-01T00:00:00Z'), significant: true };
  const v11 = { version: '1.1', effectiveAt: d('2024-06-01T00:00:00Z'), significant: false };
  const v2 = { version: '2.0', effectiveAt: d('2025-01-01T00:00:00Z'), significant: true };
  const v2b = { version: '2.0b', effectiveAt: d('2025-01-01T00:00:00Z'), significant: false };

  test.each([
    ['empty list', [], d('2025-02-01T00:00:00Z'), ''],
    ['none in effect yet: the earliest', [v2, v11, v1], d('2023-01-01T00:00:00Z'), '1.0'],
    ['a minor version counts', [v2, v11, v1], d('2024-07-01T00:00:00Z'), '1.1'],
    ['exactly at effectiveAt', [v2, v11, v1], d('2025-01-01T00:00:00Z'), '2.0'],
    ['1 ms before effectiveAt', [v2, v11, v1], ms('2025-01-01T00:00:00Z', -1), '1.1'],
    ['tie broken by version string', [v2b, v2, v1], d('2025-02-01T00:00:00Z'), '2.0b'],
    ['none in effect, tie at the earliest', [v2, v2b], d('2024-02-01T00:00:00Z'), '2.0b'],
  ])('%s', (_label, versions, t, expected) => {
    expect(policyVersionInEffect(versions, t)).toBe(expected);
  });
});

describe('one version order', () => {
  const v = (version: string, iso: string, significant = true) => ({ version, effectiveAt: d(iso), significant });
  test.each([
    ['later effective date is newer', v('a', '2026-06-01'), v('z', '2026-01-01'), 1],
    ['earlier effective date is older', v('z', '2026-01-01'), v('a', '2026-06-01'), -1],
    ['same instant: the greater name is newer', v('b', '2026-01-01'), v('a', '2026-01-01'), 1],
    ['same instant: the smaller name is older', v('a', '2026-01-01'), v('b', '2026-01-01'), -1],
    ['the same version', v('a', '2026-01-01'), v('a', '2026-01-01'), 0],
  ])('%s', (_label, a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
    expect(isNewer(a, b)).toBe(sign > 0);
  });

  test('latestVersion and the version in effect agree once every version is in effect', () => {
    const versions = [
      v('2026-c', '2026-01-01', false),
      v('2026-a', '2026-01-01'),
      v('2026-b', '2025-06-01'),
      v('2026-d', '2026-01-01', false),
    ];
    const after = d('2027-01-01');
    expect(latestVersion(versions)?.version).toBe('2026-d');
    expect(policyVersionInEffect(versions, after)).toBe('2026-d');
    expect(requiredPolicyVersion(versions, after)?.version).toBe('2026-a');
  });
});

describe('satisfiesRequirement', () => {
  const required = { version: 'req', effectiveAt: d('2026-01-01T00:00:00Z') };
  test.each([
    ['the required version itself', { version: 'req', effectiveAt: required.effectiveAt }, true],
    ['a version effective 1 ms later', { version: 'a', effectiveAt: ms('2026-01-01T00:00:00Z', 1) }, true],
    ['a version of the same instant with a greater name', { version: 'zzz', effectiveAt: required.effectiveAt }, false],
    ['a version of the same instant with a smaller name', { version: 'aaa', effectiveAt: required.effectiveAt }, false],
    ['an earlier version', { version: 'zzz', effectiveAt: ms('2026-01-01T00:00:00Z', -1) }, false],
  ])('%s: %s', (_label, accepted, expected) => {
    expect(satisfiesRequirement(accepted, required)).toBe(expected);
  });
});
