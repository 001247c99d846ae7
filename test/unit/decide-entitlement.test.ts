import {
  AccountSnapshot,
  AuthorizationFact,
  decideEntitlement,
  OrganizationFact,
  PolicyVersionFact,
  REASON_MESSAGES,
  SuspensionFact,
} from '../../src/domain/decide-entitlement';
import { AuthorizationKind, OrganizationKind, ProhibitedSector, ReasonCode, Remedy, Use } from '../../src/domain/enums';

const d = (iso: string) => new Date(iso);
const plus = (t: Date, msDelta: number) => new Date(t.getTime() + msDelta);
const DAY = 24 * 60 * 60 * 1000;

const T = d('2025-06-01T00:00:00.000Z');
const V1: PolicyVersionFact = { version: '1.0', effectiveAt: d('2024-01-01T00:00:00Z'), significant: true };
const VERSIONS = [V1];

const CIVIL_INDUSTRY = { code: '512250', prohibitedSector: null, governmentSector: false };
const SECTOR_92 = { code: '921110', prohibitedSector: null, governmentSector: true };

function org(over: Partial<OrganizationFact> = {}): OrganizationFact {
  return {
    kind: OrganizationKind.COMPANY,
    industry: CIVIL_INDUSTRY,
    declaredSectors: [],
    performsPublicFunctions: false,
    ...over,
  };
}

/** A paid, onboarded company that accepted the current policy: allowed for every use that needs nothing more. */
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

function auth(kind: AuthorizationKind, over: Partial<AuthorizationFact> = {}): AuthorizationFact {
  return { kind, validFrom: plus(T, -30 * DAY), expiresAt: null, revokedAt: null, ...over };
}

function suspension(over: Partial<SuspensionFact> = {}): SuspensionFact {
  return { startsAt: plus(T, -DAY), endsAt: null, liftedAt: null, ...over };
}

const decide = (s: AccountSnapshot, use: Use = Use.PERSONAL, at: Date = T, versions: PolicyVersionFact[] = VERSIONS) =>
  decideEntitlement(s, versions, use, at);

/** Compact [code, clause] view of the reasons, in order. */
const codes = (s: AccountSnapshot, use: Use = Use.PERSONAL, at: Date = T, versions: PolicyVersionFact[] = VERSIONS) =>
  decide(s, use, at, versions).reasons.map((r) => [r.code, r.clause]);

const ALL_AUTHORIZATIONS = Object.values(AuthorizationKind).map((k) => auth(k));

describe('decision envelope', () => {
  test('an allowed decision carries the inputs back and no reasons', () => {
    const decision = decide(snapshot(), Use.COMMERCIAL);
    expect(decision).toEqual({
      accountId: 'acc-1',
      use: Use.COMMERCIAL,
      allowed: true,
      reasons: [],
      policyVersion: '1.0',
      decidedAt: T,
      validUntil: null,
    });
  });

  test.each(Object.values(Use))('allowed === (reasons.length === 0) and authorization null except 9(k)/auth, for %s', (use) => {
    const s = snapshot({ organization: org({ kind: OrganizationKind.GOVERNMENT_BODY }), suspensions: [suspension()] });
    const decision = decide(s, use);
    expect(decision.allowed).toBe(decision.reasons.length === 0);
    for (const r of decision.reasons) {
      const expectsKind = r.code === ReasonCode.AUTHORIZATION_REQUIRED || r.code === ReasonCode.GOVERNMENT_ENTITY;
      expect(r.authorization === null).toBe(!expectsKind);
      expect(r.message.length).toBeGreaterThan(0);
    }
  });
});

describe('one rule at a time', () => {
  test.each<[string, AccountSnapshot, Use, [ReasonCode, string, Remedy, AuthorizationKind | null][]]>([
    ['baseline PERSONAL', snapshot(), Use.PERSONAL, []],
    ['baseline COMMERCIAL on a paid plan', snapshot(), Use.COMMERCIAL, []],
    ['free plan, PERSONAL', snapshot({ plan: { code: 'free', commercialUse: false } }), Use.PERSONAL, []],
    [
      'active suspension',
      snapshot({ suspensions: [suspension()] }),
      Use.PERSONAL,
      [[ReasonCode.ACCOUNT_SUSPENDED, 'Enforcement', Remedy.APPEAL, null]],
    ],
    [
      'two active suspensions give one reason',
      snapshot({ suspensions: [suspension(), suspension({ endsAt: plus(T, DAY) })] }),
      Use.PERSONAL,
      [[ReasonCode.ACCOUNT_SUSPENDED, 'Enforcement', Remedy.APPEAL, null]],
    ],
    [
      'linked suspended account (several links, one reason)',
      snapshot({ linkedSuspensions: [suspension(), suspension({ endsAt: plus(T, DAY) })] }),
      Use.PERSONAL,
      [[ReasonCode.LINKED_TO_SUSPENDED_ACCOUNT, '9(n)', Remedy.APPEAL, null]],
    ],
    ['linked suspension only scheduled', snapshot({ linkedSuspensions: [suspension({ startsAt: plus(T, DAY) })] }), Use.PERSONAL, []],
    [
      'no organization',
      snapshot({ organization: null }),
      Use.PERSONAL,
      [[ReasonCode.ONBOARDING_INCOMPLETE, '10(a)', Remedy.COMPLETE_ONBOARDING, null]],
    ],
    [
      'company without industry',
      snapshot({ organization: org({ industry: null }) }),
      Use.PERSONAL,
      [[ReasonCode.ONBOARDING_INCOMPLETE, '10(a)', Remedy.COMPLETE_ONBOARDING, null]],
    ],
    [
      'nonprofit without industry',
      snapshot({ organization: org({ kind: OrganizationKind.NONPROFIT, industry: null }) }),
      Use.PERSONAL,
      [[ReasonCode.ONBOARDING_INCOMPLETE, '10(a)', Remedy.COMPLETE_ONBOARDING, null]],
    ],
    [
      'individual without industry is complete',
      snapshot({ organization: org({ kind: OrganizationKind.INDIVIDUAL, industry: null }) }),
      Use.PERSONAL,
      [],
    ],
    [
      'policy not accepted',
      snapshot({ acceptedPolicyVersions: [] }),
      Use.PERSONAL,
      [[ReasonCode.POLICY_NOT_ACCEPTED, 'Updates', Remedy.ACCEPT_POLICY, null]],
    ],
    [
      'government body',
      snapshot({ organization: org({ kind: OrganizationKind.GOVERNMENT_BODY }) }),
      Use.PERSONAL,
      [[ReasonCode.GOVERNMENT_ENTITY, '9(k)', Remedy.REQUEST_AUTHORIZATION, AuthorizationKind.GOVERNMENT_USE]],
    ],
    [
      'free plan, COMMERCIAL',
      snapshot({ plan: { code: 'free', commercialUse: false } }),
      Use.COMMERCIAL,
      [[ReasonCode.FREE_PLAN_COMMERCIAL_USE, '9(a)', Remedy.UPGRADE_PLAN, null]],
    ],
    [
      'free plan, RESALE: plan and authorization',
      snapshot({ plan: { code: 'free', commercialUse: false } }),
      Use.RESALE,
      [
        [ReasonCode.FREE_PLAN_COMMERCIAL_USE, '9(a)', Remedy.UPGRADE_PLAN, null],
        [ReasonCode.AUTHORIZATION_REQUIRED, '9(b)', Remedy.REQUEST_AUTHORIZATION, AuthorizationKind.RESALE],
      ],
    ],
    [
      'free plan, RESALE with authorization: plan still needed',
      snapshot({ plan: { code: 'free', commercialUse: false }, authorizations: [auth(AuthorizationKind.RESALE)] }),
      Use.RESALE,
      [[ReasonCode.FREE_PLAN_COMMERCIAL_USE, '9(a)', Remedy.UPGRADE_PLAN, null]],
    ],
  ])('%s', (_label, s, use, expected) => {
    const decision = decide(s, use);
    expect(decision.reasons.map((r) => [r.code, r.clause, r.remedy, r.authorization])).toEqual(expected);
    expect(decision.allowed).toBe(expected.length === 0);
  });
});

describe('prohibited uses (never allowed, whatever the authorizations)', () => {
  test.each([
    [Use.MODEL_TRAINING, '9(h)'],
    [Use.COMPETING_PRODUCT, '9(g)'],
    [Use.GAMBLING, '3(c)'],
    [Use.AUTOMATED_DECISIONS, '3(d)'],
  ])('%s -> %s', (use, clause) => {
    const decision = decide(snapshot({ authorizations: ALL_AUTHORIZATIONS }), use);
    expect(decision.allowed).toBe(false);
    expect(decision.reasons).toEqual([
      { code: ReasonCode.USE_PROHIBITED, clause, message: REASON_MESSAGES.useProhibited[use], remedy: Remedy.NONE, authorization: null },
    ]);
  });
});

describe('uses that need a written authorization', () => {
  const cases: [Use, AuthorizationKind, string][] = [
    [Use.API_ACCESS, AuthorizationKind.API_ACCESS, '9(f)'],
    [Use.RESALE, AuthorizationKind.RESALE, '9(b)'],
    [Use.EMBEDDING, AuthorizationKind.EMBEDDING, '9(m)'],
    [Use.REVERSE_ENGINEERING, AuthorizationKind.REVERSE_ENGINEERING, '9(e)'],
    [Use.PROFESSIONAL_ADVICE, AuthorizationKind.PROFESSIONAL_REVIEW, '3(b)'],
  ];

  test.each(cases)('%s without %s -> AUTHORIZATION_REQUIRED %s', (use, kind, clause) => {
    expect(decide(snapshot(), use).reasons).toEqual([
      {
        code: ReasonCode.AUTHORIZATION_REQUIRED,
        clause,
        message: REASON_MESSAGES.authorizationRequired[kind],
        remedy: Remedy.REQUEST_AUTHORIZATION,
        authorization: kind,
      },
    ]);
  });

  test.each(cases)('%s with every other kind still needs %s', (use, kind) => {
    const others = ALL_AUTHORIZATIONS.filter((a) => a.kind !== kind);
    expect(codes(snapshot({ authorizations: others }), use)).toEqual([[ReasonCode.AUTHORIZATION_REQUIRED, expect.any(String)]]);
  });

  const FROM = d('2025-05-01T00:00:00Z');
  const UNTIL = d('2025-07-01T00:00:00Z');
  const REVOKED = d('2025-06-15T00:00:00Z');
  const boundaries: [string, Partial<AuthorizationFact>, Date, boolean][] = [
    ['1 ms before validFrom', { validFrom: FROM, expiresAt: UNTIL }, plus(FROM, -1), false],
    ['exactly at validFrom', { validFrom: FROM, expiresAt: UNTIL }, FROM, true],
    ['1 ms before expiresAt', { validFrom: FROM, expiresAt: UNTIL }, plus(UNTIL, -1), true],
    ['exactly at expiresAt', { validFrom: FROM, expiresAt: UNTIL }, UNTIL, false],
    ['1 ms before revokedAt', { validFrom: FROM, expiresAt: UNTIL, revokedAt: REVOKED }, plus(REVOKED, -1), true],
    ['exactly at revokedAt', { validFrom: FROM, expiresAt: UNTIL, revokedAt: REVOKED }, REVOKED, false],
    ['open-ended', { validFrom: FROM }, d('2030-01-01T00:00:00Z'), true],
  ];
  const rows = cases.flatMap(([use, kind]) =>
    boundaries.map(([label, window, at, allowed]) => [use, kind, label, window, at, allowed] as const),
  );

  test.each(rows)('%s with %s authorization, %s', (use, kind, _label, window, at, allowed) => {
    const decision = decide(snapshot({ authorizations: [auth(kind, window)] }), use, at);
    expect(decision.allowed).toBe(allowed);
  });
});

describe('prohibited industries (10(a))', () => {
  const sectors: [ProhibitedSector, string][] = [
    [ProhibitedSector.FIREARMS_OR_WEAPONS, '10(a)(i)'],
    [ProhibitedSector.TOBACCO, '10(a)(ii)'],
    [ProhibitedSector.PHARMACEUTICALS_OR_CONTROLLED_SUBSTANCES, '10(a)(iii)'],
    [ProhibitedSector.ADULT_ENTERTAINMENT, '10(a)(iv)'],
    [ProhibitedSector.RELIGIOUS_ORGANIZATION, '10(a)(v)'],
    [ProhibitedSector.POLITICAL_ADVOCACY, '10(a)(vi)'],
  ];
  const expected = (sector: ProhibitedSector, clause: string) => [
    { code: ReasonCode.PROHIBITED_INDUSTRY, clause, message: REASON_MESSAGES.sector[sector], remedy: Remedy.NONE, authorization: null },
  ];

  test.each(sectors)('%s via the industry -> %s', (sector, clause) => {
    const s = snapshot({ organization: org({ industry: { code: '000000', prohibitedSector: sector, governmentSector: false } }) });
    expect(decide(s).reasons).toEqual(expected(sector, clause));
  });

  test.each(sectors)('%s via declaration -> %s', (sector, clause) => {
    expect(decide(snapshot({ organization: org({ declaredSectors: [sector] }) })).reasons).toEqual(expected(sector, clause));
  });

  test.each(sectors)('%s declared by an individual without industry -> %s', (sector, clause) => {
    const s = snapshot({ organization: org({ kind: OrganizationKind.INDIVIDUAL, industry: null, declaredSectors: [sector] }) });
    expect(decide(s).reasons).toEqual(expected(sector, clause));
  });

  test.each(sectors)('%s via industry and declaration (twice) is one reason', (sector, clause) => {
    const s = snapshot({
      organization: org({
        industry: { code: '000000', prohibitedSector: sector, governmentSector: false },
        declaredSectors: [sector, sector],
      }),
    });
    expect(decide(s).reasons).toEqual(expected(sector, clause));
  });

  test('several sectors come out in the enum order, deduplicated', () => {
    const s = snapshot({
      organization: org({
        industry: { code: '000000', prohibitedSector: ProhibitedSector.ADULT_ENTERTAINMENT, governmentSector: false },
        declaredSectors: [ProhibitedSector.POLITICAL_ADVOCACY, ProhibitedSector.ADULT_ENTERTAINMENT, ProhibitedSector.FIREARMS_OR_WEAPONS],
      }),
    });
    expect(codes(s)).toEqual([
      [ReasonCode.PROHIBITED_INDUSTRY, '10(a)(i)'],
      [ReasonCode.PROHIBITED_INDUSTRY, '10(a)(iv)'],
      [ReasonCode.PROHIBITED_INDUSTRY, '10(a)(vi)'],
    ]);
  });

  test('all sectors declared give six reasons in order', () => {
    const s = snapshot({ organization: org({ declaredSectors: [...Object.values(ProhibitedSector)].reverse() }) });
    expect(codes(s)).toEqual(sectors.map(([, clause]) => [ReasonCode.PROHIBITED_INDUSTRY, clause]));
  });
});

describe('government entities (9(k))', () => {
  const GOV = [[ReasonCode.GOVERNMENT_ENTITY, '9(k)']];
  const govAuth = (over: Partial<AuthorizationFact> = {}) => auth(AuthorizationKind.GOVERNMENT_USE, over);

  test.each<[string, Partial<AccountSnapshot>, (string | ReasonCode)[][]]>([
    ['INDIVIDUAL', { organization: org({ kind: OrganizationKind.INDIVIDUAL }) }, []],
    ['COMPANY', { organization: org({ kind: OrganizationKind.COMPANY }) }, []],
    ['NONPROFIT', { organization: org({ kind: OrganizationKind.NONPROFIT }) }, []],
    ['GOVERNMENT_BODY', { organization: org({ kind: OrganizationKind.GOVERNMENT_BODY }) }, GOV],
    ['INTERGOVERNMENTAL_ORGANIZATION', { organization: org({ kind: OrganizationKind.INTERGOVERNMENTAL_ORGANIZATION }) }, GOV],
    ['GOC without public functions', { organization: org({ kind: OrganizationKind.GOVERNMENT_OWNED_CORPORATION }) }, []],
    [
      'GOC with public functions',
      { organization: org({ kind: OrganizationKind.GOVERNMENT_OWNED_CORPORATION, performsPublicFunctions: true }) },
      GOV,
    ],
    ['COMPANY in NAICS sector 92', { organization: org({ industry: SECTOR_92 }) }, GOV],
    ['verified true overrides a COMPANY', { governmentVerified: true }, GOV],
    [
      'verified false overrides a GOVERNMENT_BODY',
      { governmentVerified: false, organization: org({ kind: OrganizationKind.GOVERNMENT_BODY }) },
      [],
    ],
    ['verified false overrides sector 92', { governmentVerified: false, organization: org({ industry: SECTOR_92 }) }, []],
    [
      'verified false overrides a GOC with public functions',
      {
        governmentVerified: false,
        organization: org({ kind: OrganizationKind.GOVERNMENT_OWNED_CORPORATION, performsPublicFunctions: true }),
      },
      [],
    ],
    [
      'GOVERNMENT_USE authorization lifts it',
      { organization: org({ kind: OrganizationKind.GOVERNMENT_BODY }), authorizations: [govAuth()] },
      [],
    ],
    ['GOVERNMENT_USE authorization lifts a verified entity', { governmentVerified: true, authorizations: [govAuth()] }, []],
    [
      'expired GOVERNMENT_USE authorization does not',
      { organization: org({ kind: OrganizationKind.GOVERNMENT_BODY }), authorizations: [govAuth({ expiresAt: T })] },
      GOV,
    ],
    [
      'revoked GOVERNMENT_USE authorization does not',
      { organization: org({ kind: OrganizationKind.GOVERNMENT_BODY }), authorizations: [govAuth({ revokedAt: plus(T, -1) })] },
      GOV,
    ],
    [
      'future GOVERNMENT_USE authorization does not',
      { organization: org({ kind: OrganizationKind.GOVERNMENT_BODY }), authorizations: [govAuth({ validFrom: plus(T, 1) })] },
      GOV,
    ],
    [
      'other kinds do not',
      {
        organization: org({ kind: OrganizationKind.GOVERNMENT_BODY }),
        authorizations: ALL_AUTHORIZATIONS.filter((a) => a.kind !== AuthorizationKind.GOVERNMENT_USE),
      },
      GOV,
    ],
  ])('%s', (_label, over, expected) => {
    expect(codes(snapshot(over))).toEqual(expected);
  });

  test('the reason names the GOVERNMENT_USE authorization', () => {
    expect(decide(snapshot({ governmentVerified: true })).reasons).toEqual([
      {
        code: ReasonCode.GOVERNMENT_ENTITY,
        clause: '9(k)',
        message: REASON_MESSAGES.government,
        remedy: Remedy.REQUEST_AUTHORIZATION,
        authorization: AuthorizationKind.GOVERNMENT_USE,
      },
    ]);
  });
});

describe('suspension boundaries', () => {
  const START = d('2025-05-01T00:00:00Z');
  const END = d('2025-07-01T00:00:00Z');
  const LIFT = d('2025-06-15T00:00:00Z');

  const rows: [string, SuspensionFact, Date, boolean][] = [
    ['1 ms before startsAt', suspension({ startsAt: START, endsAt: END }), plus(START, -1), true],
    ['exactly at startsAt', suspension({ startsAt: START, endsAt: END }), START, false],
    ['1 ms before endsAt', suspension({ startsAt: START, endsAt: END }), plus(END, -1), false],
    ['exactly at endsAt', suspension({ startsAt: START, endsAt: END }), END, true],
    ['indefinite', suspension({ startsAt: START }), d('2030-01-01T00:00:00Z'), false],
    ['1 ms before liftedAt', suspension({ startsAt: START, liftedAt: LIFT }), plus(LIFT, -1), false],
    ['exactly at liftedAt', suspension({ startsAt: START, liftedAt: LIFT }), LIFT, true],
  ];

  test.each(rows)('own: %s', (_label, s, at, allowed) => {
    expect(decide(snapshot({ suspensions: [s] }), Use.PERSONAL, at).allowed).toBe(allowed);
  });

  test.each(rows)('linked: %s', (_label, s, at, allowed) => {
    const decision = decide(snapshot({ linkedSuspensions: [s] }), Use.PERSONAL, at);
    expect(decision.allowed).toBe(allowed);
    if (!allowed) expect(decision.reasons.map((r) => r.code)).toEqual([ReasonCode.LINKED_TO_SUSPENDED_ACCOUNT]);
  });
});

describe('policy acceptance', () => {
  const v1 = V1;
  const v11minor: PolicyVersionFact = { version: '1.1', effectiveAt: d('2024-06-01T00:00:00Z'), significant: false };
  const v2: PolicyVersionFact = { version: '2.0', effectiveAt: d('2025-03-01T00:00:00Z'), significant: true };
  const v21minor: PolicyVersionFact = { version: '2.1', effectiveAt: d('2025-05-01T00:00:00Z'), significant: false };
  const v3future: PolicyVersionFact = { version: '3.0', effectiveAt: d('2025-09-01T00:00:00Z'), significant: true };
  const all = [v1, v11minor, v2, v21minor, v3future];
  const NOT_ACCEPTED = [[ReasonCode.POLICY_NOT_ACCEPTED, 'Updates']];

  test.each<[string, string[], PolicyVersionFact[], Date, (string | ReasonCode)[][]]>([
    ['accepted the required version', ['2.0'], all, T, []],
    ['accepted only an older version', ['1.0'], all, T, NOT_ACCEPTED],
    ['accepted only an older minor version', ['1.0', '1.1'], all, T, NOT_ACCEPTED],
    ['accepted a later minor version', ['2.1'], all, T, []],
    ['accepted a later, not yet effective, version', ['3.0'], all, T, []],
    ['accepted nothing', [], all, T, NOT_ACCEPTED],
    ['accepted an unknown version', ['9.9'], all, T, NOT_ACCEPTED],
    ['a minor version does not create a requirement', ['1.0'], [v1, v11minor], T, []],
    ['only minor versions: nothing required', [], [v11minor], T, []],
    ['no versions at all: nothing required', [], [], T, []],
    ['before any significant version takes effect', [], all, d('2023-06-01T00:00:00Z'), []],
    ['1 ms before a new significant version', ['1.0'], all, plus(v2.effectiveAt, -1), []],
    ['exactly when a new significant version takes effect', ['1.0'], all, v2.effectiveAt, NOT_ACCEPTED],
    ['future significant version: not yet required', ['2.0'], all, plus(v3future.effectiveAt, -1), []],
    ['future significant version once in effect', ['2.0'], all, v3future.effectiveAt, NOT_ACCEPTED],
  ])('%s', (_label, accepted, versions, at, expected) => {
    expect(codes(snapshot({ acceptedPolicyVersions: accepted }), Use.PERSONAL, at, versions)).toEqual(expected);
  });

  test.each<[string, PolicyVersionFact[], Date, string]>([
    ['the significant version in effect', all, T, '2.1'],
    ['a minor version in effect is reported', all, d('2024-07-01T00:00:00Z'), '1.1'],
    ['before everything: the earliest', all, d('2023-01-01T00:00:00Z'), '1.0'],
    ['no versions: empty', [], T, ''],
    ['exactly at effectiveAt', all, v2.effectiveAt, '2.0'],
  ])('policyVersion: %s', (_label, versions, at, expected) => {
    expect(decide(snapshot({ acceptedPolicyVersions: ['3.0'] }), Use.PERSONAL, at, versions).policyVersion).toBe(expected);
  });
});

describe('validUntil', () => {
  const at = T;
  const soon = plus(T, DAY);
  const later = plus(T, 2 * DAY);
  const past = plus(T, -DAY);

  test.each<[string, Partial<AccountSnapshot>, PolicyVersionFact[], Date | null]>([
    ['nothing scheduled', {}, VERSIONS, null],
    [
      'only past events',
      {
        authorizations: [auth(AuthorizationKind.API_ACCESS, { validFrom: past, expiresAt: at })],
        suspensions: [suspension({ startsAt: past, endsAt: at })],
      },
      VERSIONS,
      null,
    ],
    ['own suspension ends', { suspensions: [suspension({ endsAt: soon })] }, VERSIONS, soon],
    ['own suspension starts', { suspensions: [suspension({ startsAt: soon })] }, VERSIONS, soon],
    ['own suspension lifted later', { suspensions: [suspension({ liftedAt: soon })] }, VERSIONS, soon],
    ['linked suspension ends', { linkedSuspensions: [suspension({ endsAt: soon })] }, VERSIONS, soon],
    ['linked suspension starts', { linkedSuspensions: [suspension({ startsAt: soon, endsAt: later })] }, VERSIONS, soon],
    ['authorization starts', { authorizations: [auth(AuthorizationKind.API_ACCESS, { validFrom: soon })] }, VERSIONS, soon],
    ['authorization expires', { authorizations: [auth(AuthorizationKind.API_ACCESS, { expiresAt: soon })] }, VERSIONS, soon],
    ['authorization revocation scheduled', { authorizations: [auth(AuthorizationKind.API_ACCESS, { revokedAt: soon })] }, VERSIONS, soon],
    ['significant policy version takes effect', {}, [V1, { version: '2.0', effectiveAt: soon, significant: true }], soon],
    ['minor policy version takes effect', {}, [V1, { version: '1.1', effectiveAt: soon, significant: false }], soon],
    [
      'the earliest of several',
      {
        suspensions: [suspension({ endsAt: later })],
        linkedSuspensions: [suspension({ endsAt: plus(T, 3 * DAY) })],
        authorizations: [auth(AuthorizationKind.API_ACCESS, { expiresAt: plus(T, 1) })],
      },
      [V1, { version: '2.0', effectiveAt: soon, significant: true }],
      plus(T, 1),
    ],
    ['an event exactly at the instant is not "after"', { suspensions: [suspension({ endsAt: at })] }, VERSIONS, null],
  ])('%s', (_label, over, versions, expected) => {
    expect(decide(snapshot(over), Use.API_ACCESS, at, versions).validUntil).toEqual(expected);
  });

  test('the decision really changes at validUntil', () => {
    const s = snapshot({ authorizations: [auth(AuthorizationKind.API_ACCESS, { expiresAt: soon })] });
    const now = decide(s, Use.API_ACCESS, at);
    expect(now.allowed).toBe(true);
    expect(decide(s, Use.API_ACCESS, plus(now.validUntil!, -1)).allowed).toBe(true);
    expect(decide(s, Use.API_ACCESS, now.validUntil!).allowed).toBe(false);
  });
});

describe('several reasons, in the fixed order', () => {
  test('everything at once', () => {
    const s = snapshot({
      plan: { code: 'free', commercialUse: false },
      organization: org({
        kind: OrganizationKind.GOVERNMENT_BODY,
        industry: null,
        declaredSectors: [ProhibitedSector.TOBACCO, ProhibitedSector.FIREARMS_OR_WEAPONS],
      }),
      suspensions: [suspension()],
      linkedSuspensions: [suspension()],
      acceptedPolicyVersions: [],
    });
    expect(codes(s, Use.RESALE)).toEqual([
      [ReasonCode.ACCOUNT_SUSPENDED, 'Enforcement'],
      [ReasonCode.LINKED_TO_SUSPENDED_ACCOUNT, '9(n)'],
      [ReasonCode.ONBOARDING_INCOMPLETE, '10(a)'],
      [ReasonCode.POLICY_NOT_ACCEPTED, 'Updates'],
      [ReasonCode.PROHIBITED_INDUSTRY, '10(a)(i)'],
      [ReasonCode.PROHIBITED_INDUSTRY, '10(a)(ii)'],
      [ReasonCode.GOVERNMENT_ENTITY, '9(k)'],
      [ReasonCode.FREE_PLAN_COMMERCIAL_USE, '9(a)'],
      [ReasonCode.AUTHORIZATION_REQUIRED, '9(b)'],
    ]);
  });

  test.each<[string, Partial<AccountSnapshot>, Use, (string | ReasonCode)[][]]>([
    [
      'suspended, no organization, prohibited use',
      { suspensions: [suspension()], organization: null },
      Use.MODEL_TRAINING,
      [
        [ReasonCode.ACCOUNT_SUSPENDED, 'Enforcement'],
        [ReasonCode.ONBOARDING_INCOMPLETE, '10(a)'],
        [ReasonCode.USE_PROHIBITED, '9(h)'],
      ],
    ],
    [
      'policy, sector 92 and missing API authorization',
      { acceptedPolicyVersions: [], organization: org({ industry: SECTOR_92 }) },
      Use.API_ACCESS,
      [
        [ReasonCode.POLICY_NOT_ACCEPTED, 'Updates'],
        [ReasonCode.GOVERNMENT_ENTITY, '9(k)'],
        [ReasonCode.AUTHORIZATION_REQUIRED, '9(f)'],
      ],
    ],
    [
      'prohibited industry, government, gambling',
      {
        organization: org({
          kind: OrganizationKind.INTERGOVERNMENTAL_ORGANIZATION,
          declaredSectors: [ProhibitedSector.RELIGIOUS_ORGANIZATION],
        }),
      },
      Use.GAMBLING,
      [
        [ReasonCode.PROHIBITED_INDUSTRY, '10(a)(v)'],
        [ReasonCode.GOVERNMENT_ENTITY, '9(k)'],
        [ReasonCode.USE_PROHIBITED, '3(c)'],
      ],
    ],
    [
      'linked suspension and free-plan commercial use',
      { linkedSuspensions: [suspension()], plan: { code: 'free', commercialUse: false } },
      Use.COMMERCIAL,
      [
        [ReasonCode.LINKED_TO_SUSPENDED_ACCOUNT, '9(n)'],
        [ReasonCode.FREE_PLAN_COMMERCIAL_USE, '9(a)'],
      ],
    ],
  ])('%s', (_label, over, use, expected) => {
    expect(codes(snapshot(over), use)).toEqual(expected);
  });
});
