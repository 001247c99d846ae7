// Policy clause ids cited by entitlement decisions. The strings quote the
// policy's own numbering so a reason can be traced back to the text.

import { AuthorizationKind, ProhibitedSector, Use } from './enums';

/** An active suspension: the policy's "Enforcement" section. */
export const SUSPENSION_CLAUSE = 'Enforcement';
/** Multiple accounts used to evade enforcement. */
export const LINKED_ACCOUNT_CLAUSE = '9(n)';
/** Onboarding must establish the industry before 10(a) can be checked. */
export const ONBOARDING_CLAUSE = '10(a)';
/** Significant policy changes must be accepted: "Updates to this Policy". */
export const POLICY_UPDATES_CLAUSE = 'Updates';
/** Government entities need prior written authorization. */
export const GOVERNMENT_CLAUSE = '9(k)';
/** Free users may not use the service commercially. */
export const FREE_PLAN_COMMERCIAL_CLAUSE = '9(a)';

/** Prohibited industries, 10(a)(i) to 10(a)(vi), in the enum's order. */
export const SECTOR_CLAUSE: Readonly<Record<ProhibitedSector, string>> = {
  [ProhibitedSector.FIREARMS_OR_WEAPONS]: '10(a)(i)',
  [ProhibitedSector.TOBACCO]: '10(a)(ii)',
  [ProhibitedSector.PHARMACEUTICALS_OR_CONTROLLED_SUBSTANCES]: '10(a)(iii)',
  [ProhibitedSector.ADULT_ENTERTAINMENT]: '10(a)(iv)',
  [ProhibitedSector.RELIGIOUS_ORGANIZATION]: '10(a)(v)',
  [ProhibitedSector.POLITICAL_ADVOCACY]: '10(a)(vi)',
};

/** Uses the policy forbids outright: no plan or authorization allows them. */
export const USE_PROHIBITED_CLAUSE: Readonly<Partial<Record<Use, string>>> = {
  [Use.MODEL_TRAINING]: '9(h)',
  [Use.COMPETING_PRODUCT]: '9(g)',
  [Use.GAMBLING]: '3(c)',
  [Use.AUTOMATED_DECISIONS]: '3(d)',
};

/** Uses that the policy allows only with a written authorization of a given kind. */
export const AUTHORIZATION_FOR_USE: Readonly<Partial<Record<Use, { kind: AuthorizationKind; clause: string }>>> = {
  [Use.API_ACCESS]: { kind: AuthorizationKind.API_ACCESS, clause: '9(f)' },
  [Use.RESALE]: { kind: AuthorizationKind.RESALE, clause: '9(b)' },
  [Use.EMBEDDING]: { kind: AuthorizationKind.EMBEDDING, clause: '9(m)' },
  [Use.REVERSE_ENGINEERING]: { kind: AuthorizationKind.REVERSE_ENGINEERING, clause: '9(e)' },
  [Use.PROFESSIONAL_ADVICE]: { kind: AuthorizationKind.PROFESSIONAL_REVIEW, clause: '3(b)' },
};

/** Uses that count as commercial, so a free plan cannot make them (9(a)). */
export const COMMERCIAL_USES: ReadonlySet<Use> = new Set([Use.COMMERCIAL, Use.RESALE]);
