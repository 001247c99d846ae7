// Who counts as a "Government Entity" under 9(k).

import { OrganizationKind } from './enums';
import type { AccountSnapshot, OrganizationFact } from './decide-entitlement';

/** Organization kinds that are government entities by definition. */
const GOVERNMENT_KINDS: ReadonlySet<OrganizationKind> = new Set([
  OrganizationKind.GOVERNMENT_BODY,
  OrganizationKind.INTERGOVERNMENTAL_ORGANIZATION,
]);

/**
 * Whether an organization is a government entity by what the account itself
 * declared: a government body or intergovernmental organization, a
 * government-owned corporation that performs public functions, or any
 * organization in a government industry (NAICS sector 92).
 */
export function isSelfDeclaredGovernmentEntity(organization: OrganizationFact | null): boolean {
  if (organization === null) return false;
  if (GOVERNMENT_KINDS.has(organization.kind)) return true;
  if (organization.kind === OrganizationKind.GOVERNMENT_OWNED_CORPORATION && organization.performsPublicFunctions) {
    return true;
  }
  return organization.industry?.governmentSector === true;
}

/**
 * Whether the account is a government entity for 9(k). An admin verification,
 * when present, is authoritative both ways; otherwise the self-declaration decides.
 */
export function isGovernmentEntity(snapshot: Pick<AccountSnapshot, 'organization' | 'governmentVerified'>): boolean {
  if (snapshot.governmentVerified !== null) return snapshot.governmentVerified;
  return isSelfDeclaredGovernmentEntity(snapshot.organization);
}
