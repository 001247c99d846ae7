import {
  AccountSnapshot,
  AuthorizationFact,
  decideEntitlement,
  EntitlementDecision,
  OrganizationFact,
  PolicyVersionFact,
  SuspensionFact,
} from '../../src/domain/decide-entitlement';
import { AuthorizationKind, OrganizationKind, Use } from '../../src/domain/enums';

// validUntil is the first instant after `at` at which the answer (allowed, its
// reasons, the policy version in effect) is different: not merely the next
// date found in the records.

const HOUR = 60 * 60 * 1000;
const T = new Date('2025-06-01T00:00:00.000Z');
const h = (hours: number) => new Date(T.getTime() + hours * HOUR);
const V1: PolicyVersionFact = { version: '1.0', effectiveAt: new Date('2024-01-01T00:00:00Z'), significant: true };

function org(over: Partial<OrganizationFact> = {}): OrganizationFact {
  return {
    kind: OrganizationKind.COMPANY,
    industry: { code: '512250', prohibitedSector: null, governmentSector: false },
    declaredSectors: [],
    performsPublicFunctions: false,
    ...over,
  };
}

function snapshot(over: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    accountId: 'acc-1',
    plan: { code: 'pro', commercialUse: true },
    organization: org(),
    governmentVerified: null,
    authorizations: [],
    suspensions: [],
    acceptedPolicyVersions: ['1.0'],
    linkedSuspensions: [],
    ...over,
  };
}

const auth = (kind: AuthorizationKind, from: number, expires: number | null = null, revoked: number | null = null): AuthorizationFact => ({
  kind,
  validFrom: h(from),
  expiresAt: expires === null ? null : h(expires),
  revokedAt: revoked === null ? null : h(revoked),
});
const susp = (starts: number, ends: number | null = null, lifted: number | null = null): SuspensionFact => ({
  startsAt: h(starts),
  endsAt: ends === null ? null : h(ends),
  liftedAt: lifted === null ? null : h(lifted),
});

const { API_ACCESS, EMBEDDING, RESALE, GOVERNMENT_USE } = AuthorizationKind;

/** What a client would compare: allowed, reason codes/clauses/authorizations, policy version. */
const answer = (d: EntitlementDecision) =>
  JSON.stringify([d.allowed, d.reasons.map((r) => [r.code, r.clause, r.remedy, r.authorization]), d.policyVersion]);

type Row = [label: string, over: Partial<AccountSnapshot>, use: Use, expectedHours: number | null, versions?: PolicyVersionFact[]];

const ROWS: Row[] = [
  // The reported case: API_ACCESS granted until +2 h and revoked, EMBEDDING granted from +5 h.
  [
    'issue: EMBEDDING waits for its own grant, not the revoked API_ACCESS expiry',
    { authorizations: [auth(API_ACCESS, -1, 2, -0.5), auth(EMBEDDING, 5)] },
    Use.EMBEDDING,
    5,
  ],
  [
    'issue: the revoked API_ACCESS decision never changes again',
    { authorizations: [auth(API_ACCESS, -1, 2, -0.5), auth(EMBEDDING, 5)] },
    Use.API_ACCESS,
    null,
  ],
  [
    'issue: an unrestricted use is unaffected by either grant',
    { authorizations: [auth(API_ACCESS, -1, 2, -0.5), auth(EMBEDDING, 5)] },
    Use.PERSONAL,
    null,
  ],

  // Revoked records
  ['a grant revoked before it starts never starts', { authorizations: [auth(API_ACCESS, 3, 10, -1)] }, Use.API_ACCESS, null],
  ['a grant revoked in the future: the revocation ends it', { authorizations: [auth(API_ACCESS, -1, 10, 4)] }, Use.API_ACCESS, 4],
  ['a grant that expires before its revocation: the expiry ends it', { authorizations: [auth(API_ACCESS, -1, 3, 8)] }, Use.API_ACCESS, 3],
  [
    'a renewal that starts as the old grant expires: no gap, the renewal end counts',
    { authorizations: [auth(API_ACCESS, -1, 3), auth(API_ACCESS, 3, 9)] },
    Use.API_ACCESS,
    9,
  ],
  [
    'a revoked renewal: the old grant expiry counts',
    { authorizations: [auth(API_ACCESS, -1, 3), auth(API_ACCESS, 3, 9, -1)] },
    Use.API_ACCESS,
    3,
  ],

  // Lifted suspensions
  ['a scheduled suspension lifted before it starts never starts', { suspensions: [susp(2, 6, -1)] }, Use.PERSONAL, null],
  ['a lifted suspension: its old end is no change', { suspensions: [susp(-5, 6, -1)] }, Use.PERSONAL, null],
  ['a suspension lifted in the future: the lift is the change', { suspensions: [susp(-5, null, 2)] }, Use.PERSONAL, 2],
  ['overlapping suspensions: the later end counts', { suspensions: [susp(-5, 2), susp(-1, 7)] }, Use.PERSONAL, 7],
  ['a lifted linked suspension is no change', { linkedSuspensions: [susp(1, 4, -1)] }, Use.PERSONAL, null],
  [
    'a linked suspension that ends while the own one goes on: the reasons change',
    { suspensions: [susp(-1)], linkedSuspensions: [susp(-1, 2)] },
    Use.PERSONAL,
    2,
  ],

  // Other uses' authorizations
  [
    'a RESALE expiry does not change an API_ACCESS decision',
    { authorizations: [auth(API_ACCESS, -1), auth(RESALE, -1, 2)] },
    Use.API_ACCESS,
    null,
  ],
  ['a RESALE grant starting does not change a denied EMBEDDING decision', { authorizations: [auth(RESALE, 2)] }, Use.EMBEDDING, null],
  ['GOVERNMENT_USE expiry is no change for a company', { authorizations: [auth(GOVERNMENT_USE, -1, 2)] }, Use.PERSONAL, null],
  [
    'GOVERNMENT_USE expiry is the change for a government body',
    { organization: org({ kind: OrganizationKind.GOVERNMENT_BODY }), authorizations: [auth(GOVERNMENT_USE, -1, 2)] },
    Use.PERSONAL,
    2,
  ],

  // Already denied: a change of reasons is a change, an unrelated date is not
  ['prohibited use: a suspension ending removes a reason', { suspensions: [susp(-1, 3)] }, Use.MODEL_TRAINING, 3],
  ['prohibited use: a grant for API access changes nothing', { authorizations: [auth(API_ACCESS, 3)] }, Use.MODEL_TRAINING, null],
  ['a suspension that starts and ends in the future: its start', { suspensions: [susp(2, 4)] }, Use.PERSONAL, 2],
  ['a suspension that has started: its end', { suspensions: [susp(-2, 4)] }, Use.PERSONAL, 4],

  // Policy versions
  ['a significant version not accepted yet', {}, Use.PERSONAL, 6, [V1, { version: '2.0', effectiveAt: h(6), significant: true }]],
  [
    'a version already accepted still changes the version in effect',
    { acceptedPolicyVersions: ['1.0', '2.0'] },
    Use.PERSONAL,
    6,
    [V1, { version: '2.0', effectiveAt: h(6), significant: true }],
  ],
  ['nothing at all', {}, Use.PERSONAL, null],
];

describe('validUntil: the first instant the answer changes', () => {
  test.each(ROWS)('%s', (_label, over, use, expectedHours, versions = [V1]) => {
    const s = snapshot(over);
    const now = decideEntitlement(s, versions, use, T);
    expect(now.validUntil).toEqual(expectedHours === null ? null : h(expectedHours));
    if (now.validUntil !== null) {
      // The same answer up to the last millisecond before, a different one at it.
      expect(answer(decideEntitlement(s, versions, use, new Date(now.validUntil.getTime() - 1)))).toBe(answer(now));
      expect(answer(decideEntitlement(s, versions, use, now.validUntil))).not.toBe(answer(now));
    }
  });
});

// Independent check: records on a whole-hour grid, scanned hour by hour.
describe('validUntil agrees with an hour-by-hour scan of random records', () => {
  let seed = 13;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const hour = () => rand(24) - 6;
  const maybe = () => (rand(3) === 0 ? null : hour());
  const kinds = Object.values(AuthorizationKind);
  const uses = Object.values(Use);

  test('500 random snapshots', () => {
    for (let i = 0; i < 500; i += 1) {
      const s = snapshot({
        organization: org({ kind: rand(4) === 0 ? OrganizationKind.GOVERNMENT_BODY : OrganizationKind.COMPANY }),
        authorizations: Array.from({ length: rand(4) }, () => auth(kinds[rand(kinds.length)], hour(), maybe(), maybe())),
        suspensions: Array.from({ length: rand(2) }, () => susp(hour(), maybe(), maybe())),
        linkedSuspensions: Array.from({ length: rand(2) }, () => susp(hour(), maybe(), maybe())),
      });
      const versions = rand(2) === 0 ? [V1] : [V1, { version: '2.0', effectiveAt: h(rand(20)), significant: rand(2) === 0 }];
      const use = uses[rand(uses.length)];
      const now = decideEntitlement(s, versions, use, T);
      let expected: Date | null = null;
      for (let k = 1; k <= 24 && expected === null; k += 1) {
        if (answer(decideEntitlement(s, versions, use, h(k))) !== answer(now)) expected = h(k);
      }
      expect({ i, validUntil: now.validUntil }).toEqual({ i, validUntil: expected });
    }
  });
});
