// The entitlement decision: may this account use the service this way at this
// instant? Pure: everything it needs is in its arguments, including the time.

import { AuthorizationKind, OrganizationKind, ProhibitedSector, ReasonCode, Remedy, Use } from './enums';
import {
  AuthorizationWindow,
  PolicyVersionWindow,
  SuspensionWindow,
  isAuthorizationActive,
  isSuspensionActive,
  policyVersionInEffect,
  requiredPolicyVersion,
  satisfiesRequirement,
} from './activity';
import {
  AUTHORIZATION_FOR_USE,
  COMMERCIAL_USES,
  FREE_PLAN_COMMERCIAL_CLAUSE,
  GOVERNMENT_CLAUSE,
  LINKED_ACCOUNT_CLAUSE,
  ONBOARDING_CLAUSE,
  POLICY_UPDATES_CLAUSE,
  SECTOR_CLAUSE,
  SUSPENSION_CLAUSE,
  USE_PROHIBITED_CLAUSE,
} from './clauses';
import { isGovernmentEntity } from './government';

export interface AuthorizationFact extends AuthorizationWindow {
  kind: AuthorizationKind;
}

export type SuspensionFact = SuspensionWindow;

export type PolicyVersionFact = PolicyVersionWindow;

export interface OrganizationFact {
  kind: OrganizationKind;
  industry: { code: string; prohibitedSector: ProhibitedSector | null; governmentSector: boolean } | null;
  declaredSectors: ProhibitedSector[];
  performsPublicFunctions: boolean;
}

export interface AccountSnapshot {
  accountId: string;
  plan: { code: string; commercialUse: boolean };
  organization: OrganizationFact | null;
  /** Admin verification; null = not verified, the self-declaration decides. */
  governmentVerified: boolean | null;
  authorizations: AuthorizationFact[];
  suspensions: SuspensionFact[];
  /** Every version the account has accepted. */
  acceptedPolicyVersions: string[];
  /** Active-or-scheduled suspensions of other accounts linked by EMAIL or PAYMENT_FINGERPRINT (9(n)). */
  linkedSuspensions: SuspensionFact[];
}

export interface DecisionReason {
  code: ReasonCode;
  clause: string;
  message: string;
  remedy: Remedy;
  authorization: AuthorizationKind | null;
}

export interface EntitlementDecision {
  accountId: string;
  use: Use;
  allowed: boolean;
  reasons: DecisionReason[];
  policyVersion: string;
  decidedAt: Date;
  validUntil: Date | null;
}

/** Every message a decision can carry, kept together so wording stays consistent. */
export const REASON_MESSAGES = {
  suspended: 'This account is suspended.',
  linked: 'This account is linked to a suspended account.',
  onboarding: 'Finish onboarding: tell us about your organization and its industry.',
  policy: 'Accept the current Prohibited Use Policy to continue.',
  government: 'Government entities need our written authorization to use the service.',
  freePlan: 'Commercial use needs a paid plan.',
  sector: {
    [ProhibitedSector.FIREARMS_OR_WEAPONS]: 'The service is not available to the firearms or weapons industry.',
    [ProhibitedSector.TOBACCO]: 'The service is not available to the tobacco industry.',
    [ProhibitedSector.PHARMACEUTICALS_OR_CONTROLLED_SUBSTANCES]:
      'The service is not available to the prescription drug or controlled substance industry.',
    [ProhibitedSector.ADULT_ENTERTAINMENT]: 'The service is not available to the adult entertainment industry.',
    [ProhibitedSector.RELIGIOUS_ORGANIZATION]: 'The service is not available to religious organizations.',
    [ProhibitedSector.POLITICAL_ADVOCACY]: 'The service is not available for political advocacy or campaigning.',
  } satisfies Record<ProhibitedSector, string>,
  useProhibited: {
    [Use.MODEL_TRAINING]: 'Output may not be used to train AI models.',
    [Use.COMPETING_PRODUCT]: 'The service may not be used to build a competing product.',
    [Use.GAMBLING]: 'The service may not be used for real-money gambling.',
    [Use.AUTOMATED_DECISIONS]: 'The service may not be used for high-stakes automated decisions about people.',
  } as Partial<Record<Use, string>>,
  authorizationRequired: {
    [AuthorizationKind.API_ACCESS]: 'API access needs our written authorization.',
    [AuthorizationKind.RESALE]: 'Reselling the service needs our written authorization.',
    [AuthorizationKind.EMBEDDING]: 'Embedding the service elsewhere needs our written authorization.',
    [AuthorizationKind.GOVERNMENT_USE]: 'Government use needs our written authorization.',
    [AuthorizationKind.REVERSE_ENGINEERING]: 'Reverse engineering needs our written authorization.',
    [AuthorizationKind.PROFESSIONAL_REVIEW]: 'Professional advice needs an authorized qualified-professional review.',
  } satisfies Record<AuthorizationKind, string>,
} as const;

const SECTOR_ORDER: readonly ProhibitedSector[] = Object.values(ProhibitedSector);

function reason(
  code: ReasonCode,
  clause: string,
  message: string,
  remedy: Remedy,
  authorization: AuthorizationKind | null = null,
): DecisionReason {
  return { code, clause, message, remedy, authorization };
}

function hasActiveAuthorization(snapshot: AccountSnapshot, kind: AuthorizationKind, at: Date): boolean {
  return snapshot.authorizations.some((a) => a.kind === kind && isAuthorizationActive(a, at));
}

/**
 * True when the account accepted the required version or any version effective
 * after it (satisfiesRequirement). policyVersionImpact counts the same in SQL;
 * an integration test holds the two to each other.
 */
export function hasAcceptedRequired(
  accepted: readonly string[],
  required: PolicyVersionFact,
  versions: readonly PolicyVersionFact[],
): boolean {
  const acceptedSet = new Set(accepted);
  if (acceptedSet.has(required.version)) return true;
  return versions.some((v) => acceptedSet.has(v.version) && satisfiesRequirement(v, required));
}

/** Distinct prohibited sectors from the industry and the declaration, in enum order. */
function prohibitedSectors(organization: OrganizationFact | null): ProhibitedSector[] {
  if (organization === null) return [];
  const found = new Set<ProhibitedSector>(organization.declaredSectors);
  if (organization.industry?.prohibitedSector) found.add(organization.industry.prohibitedSector);
  return SECTOR_ORDER.filter((s) => found.has(s));
}

/** Candidate instants after `at` where a time-bound input changes state, ascending, distinct. */
function boundariesAfter(snapshot: AccountSnapshot, policyVersions: readonly PolicyVersionFact[], at: Date): number[] {
  const now = at.getTime();
  const out: number[] = [];
  const consider = (d: Date | null): void => {
    if (d !== null && d.getTime() > now) out.push(d.getTime());
  };
  for (const a of snapshot.authorizations) {
    consider(a.validFrom);
    consider(a.expiresAt);
    consider(a.revokedAt);
  }
  for (const s of snapshot.suspensions) {
    consider(s.startsAt);
    consider(s.endsAt);
    consider(s.liftedAt);
  }
  for (const s of snapshot.linkedSuspensions) {
    consider(s.startsAt);
    consider(s.endsAt);
    consider(s.liftedAt);
  }
  for (const v of policyVersions) consider(v.effectiveAt);
  if (out.length < 2) return out;
  out.sort((x, y) => x - y);
  return out.filter((ms, i) => i === 0 || ms !== out[i - 1]);
}

/** The same answer: same allowed (implied by the reasons), same reasons in order, same policy version. */
function sameAnswer(a: DecisionReason[], aVersion: string, b: DecisionReason[], bVersion: string): boolean {
  if (aVersion !== bVersion || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i];
    const y = b[i];
    if (
      x.code !== y.code ||
      x.clause !== y.clause ||
      x.remedy !== y.remedy ||
      x.authorization !== y.authorization ||
      x.message !== y.message
    ) {
      return false;
    }
  }
  return true;
}

/**
 * The first instant after `at` at which the answer (allowed, its reasons,
 * the policy version in effect) differs from `reasons`/`version`. The inputs
 * are step functions of time that only change at a boundary, so deciding at
 * each boundary in order finds it exactly; an authorization of another use,
 * or a record revoked before it would have mattered, is skipped over.
 */
function nextChange(
  snapshot: AccountSnapshot,
  policyVersions: readonly PolicyVersionFact[],
  use: Use,
  at: Date,
  reasons: DecisionReason[],
  version: string,
): Date | null {
  for (const ms of boundariesAfter(snapshot, policyVersions, at)) {
    const t = new Date(ms);
    if (!sameAnswer(reasonsAt(snapshot, policyVersions, use, t), policyVersionInEffect(policyVersions, t), reasons, version)) return t;
  }
  return null;
}

/**
 * Decide whether `snapshot`'s account may make `use` of the service at `at`.
 * Every applicable reason is returned, in a fixed order (suspension, linked
 * suspension, onboarding, policy acceptance, industry, government, use, plan,
 * authorization), so clients can show all remedies at once. `validUntil` is
 * the first instant after `at` at which that answer (allowed, reasons, policy
 * version in effect) is different, or null when the records schedule no change.
 */
export function decideEntitlement(snapshot: AccountSnapshot, policyVersions: PolicyVersionFact[], use: Use, at: Date): EntitlementDecision {
  const reasons = reasonsAt(snapshot, policyVersions, use, at);
  const policyVersion = policyVersionInEffect(policyVersions, at);
  return {
    accountId: snapshot.accountId,
    use,
    allowed: reasons.length === 0,
    reasons,
    policyVersion,
    decidedAt: at,
    validUntil: nextChange(snapshot, policyVersions, use, at, reasons, policyVersion),
  };
}

/** Every reason that applies at `at`, in the fixed order. */
function reasonsAt(snapshot: AccountSnapshot, policyVersions: readonly PolicyVersionFact[], use: Use, at: Date): DecisionReason[] {
  const reasons: DecisionReason[] = [];
  const org = snapshot.organization;

  if (snapshot.suspensions.some((s) => isSuspensionActive(s, at))) {
    reasons.push(reason(ReasonCode.ACCOUNT_SUSPENDED, SUSPENSION_CLAUSE, REASON_MESSAGES.suspended, Remedy.APPEAL));
  }
  if (snapshot.linkedSuspensions.some((s) => isSuspensionActive(s, at))) {
    reasons.push(reason(ReasonCode.LINKED_TO_SUSPENDED_ACCOUNT, LINKED_ACCOUNT_CLAUSE, REASON_MESSAGES.linked, Remedy.APPEAL));
  }

  // Without an industry we cannot check 10(a), so non-individuals must give one.
  if (org === null || (org.kind !== OrganizationKind.INDIVIDUAL && org.industry === null)) {
    reasons.push(reason(ReasonCode.ONBOARDING_INCOMPLETE, ONBOARDING_CLAUSE, REASON_MESSAGES.onboarding, Remedy.COMPLETE_ONBOARDING));
  }

  const required = requiredPolicyVersion(policyVersions, at);
  if (required !== null && !hasAcceptedRequired(snapshot.acceptedPolicyVersions, required, policyVersions)) {
    reasons.push(reason(ReasonCode.POLICY_NOT_ACCEPTED, POLICY_UPDATES_CLAUSE, REASON_MESSAGES.policy, Remedy.ACCEPT_POLICY));
  }

  for (const sector of prohibitedSectors(org)) {
    reasons.push(reason(ReasonCode.PROHIBITED_INDUSTRY, SECTOR_CLAUSE[sector], REASON_MESSAGES.sector[sector], Remedy.NONE));
  }

  if (isGovernmentEntity(snapshot) && !hasActiveAuthorization(snapshot, AuthorizationKind.GOVERNMENT_USE, at)) {
    reasons.push(
      reason(
        ReasonCode.GOVERNMENT_ENTITY,
        GOVERNMENT_CLAUSE,
        REASON_MESSAGES.government,
        Remedy.REQUEST_AUTHORIZATION,
        AuthorizationKind.GOVERNMENT_USE,
      ),
    );
  }

  const prohibitedClause = USE_PROHIBITED_CLAUSE[use];
  if (prohibitedClause !== undefined) {
    reasons.push(reason(ReasonCode.USE_PROHIBITED, prohibitedClause, REASON_MESSAGES.useProhibited[use] ?? '', Remedy.NONE));
  }

  if (COMMERCIAL_USES.has(use) && !snapshot.plan.commercialUse) {
    reasons.push(reason(ReasonCode.FREE_PLAN_COMMERCIAL_USE, FREE_PLAN_COMMERCIAL_CLAUSE, REASON_MESSAGES.freePlan, Remedy.UPGRADE_PLAN));
  }

  const needed = AUTHORIZATION_FOR_USE[use];
  if (needed !== undefined && !hasActiveAuthorization(snapshot, needed.kind, at)) {
    reasons.push(
      reason(
        ReasonCode.AUTHORIZATION_REQUIRED,
        needed.clause,
        REASON_MESSAGES.authorizationRequired[needed.kind],
        Remedy.REQUEST_AUTHORIZATION,
        needed.kind,
      ),
    );
  }

  return reasons;
}
