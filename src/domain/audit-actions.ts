// Every audit action and the shape of its before/after, in one map (as
// Vendure's HistoryEntryData does for history entries). UnitOfWork.record
// accepts only an action of this map with the payload it names.
//
// Spelling: `<aggregate>[.<part>].<verb>`, lower case, words joined by '-'
// (`account.change-plan`, `account.signals.record`). The log is append-only
// and hash-chained, so the names of existing rows never change: the one action
// spelled otherwise before this rule keeps its spelling (LEGACY_ACTION_SPELLINGS).

import type {
  AuthorizationKind,
  CatalogKind,
  OrganizationKind,
  ProhibitedSector,
  ReportStatus,
  AppealStatus,
  ScreeningOverride,
} from './enums';

export interface AccountAudit {
  id: string;
  email: string;
  displayName: string;
  planCode: string;
}

export interface GovernmentStatusAudit {
  governmentVerified: boolean | null;
  governmentVerifiedBy: string | null;
  governmentVerifiedAt: Date | null;
  governmentVerificationNote: string | null;
}

export interface OrganizationAudit {
  kind: OrganizationKind;
  legalName: string | null;
  jurisdiction: string | null;
  naicsCode: string | null;
  declaredSectors: ProhibitedSector[];
  performsPublicFunctions: boolean;
  declaredAt?: Date;
}

export interface PolicyVersionAudit {
  version: string;
  publishedAt: Date;
  effectiveAt: Date;
  significant: boolean;
  summary: string;
  publishedBy: string;
}

export interface AuthorizationAudit {
  accountId: string;
  kind: AuthorizationKind;
  reference: string;
  note: string | null;
  validFrom: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
  grantedBy: string;
}

export interface SuspensionAudit {
  accountId: string;
  clause: string;
  reason: string;
  startsAt: Date;
  endsAt: Date | null;
  liftedAt: Date | null;
  liftedBy: string | null;
  liftReason: string | null;
  createdBy: string;
}

export interface ReportAudit {
  subjectAccountId: string;
  reporterSub: string;
  reporterRole: string;
  clause: string;
  description: string;
  status: ReportStatus;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
}

/** A webhook endpoint as the log keeps it: never its secrets. */
export interface WebhookEndpointAudit {
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  previousSecretExpiresAt: Date | null;
}

export interface AppealAudit {
  suspensionId: string;
  accountId: string;
  statement: string;
  status: AppealStatus;
  filedBy: string;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
}

/** A principal's own budget, as an admin set it (docs/quotas.md). */
export interface QuotaOverrideAudit {
  principal: string;
  points: number;
  windowS: number;
  note: string;
}

/**
 * Action -> what its event records. `before` is null when the action creates
 * its target. Open to augmentation (`declare module`), like Vendure's map.
 */
export interface AuditPayloads {
  'account.create': { before: null; after: AccountAudit };
  'account.change-plan': { before: AccountAudit; after: AccountAudit };
  'account.verify_government_status': { before: GovernmentStatusAudit; after: GovernmentStatusAudit };
  /** Kinds and counts only: neither signal values nor their hashes belong in the log. */
  'account.signals.record': { before: null; after: { recorded: number; byKind: Record<string, number>; newlyLinkedAccounts: number } };
  'organization.declare': { before: OrganizationAudit | null; after: OrganizationAudit };
  'policy.publish': { before: null; after: PolicyVersionAudit };
  'policy.accept': {
    before: { acceptedPolicyVersion: string | null };
    after: { acceptedPolicyVersion: string; accepted: { version: string; acceptedAt: Date; acceptedBy: string } };
  };
  'authorization.grant': { before: null; after: AuthorizationAudit };
  'authorization.revoke': { before: AuthorizationAudit; after: AuthorizationAudit };
  'suspension.create': { before: null; after: SuspensionAudit };
  'suspension.lift': { before: SuspensionAudit; after: SuspensionAudit };
  'report.file': { before: null; after: ReportAudit };
  'report.resolve': { before: ReportAudit; after: ReportAudit };
  'appeal.file': { before: null; after: AppealAudit };
  'appeal.decide': { before: AppealAudit; after: AppealAudit };
  /** One event per call: counts, not texts (a call may carry 50,000 of them). */
  'catalog.add': {
    before?: undefined;
    after: {
      version: number;
      requested: number;
      added: number;
      duplicates: number;
      /** Absent from events written before overrides could change on re-adding. */
      overridesChanged?: number;
      /** Absent from events written before descriptions existed. */
      describeAsChanged?: number;
      byKind: Partial<Record<CatalogKind, number>>;
    };
  };
  'catalog.remove': { before: { kind: CatalogKind; text: string }; after: { version: number } };
  /** A bulk import: counts per outcome and kind, never the texts. */
  'catalog.import': {
    before?: undefined;
    after: {
      version: number;
      rows: number;
      added: number;
      duplicates: number;
      overridesChanged: number;
      /** Absent from events written before descriptions existed. */
      describeAsChanged?: number;
      invalid: number;
      byKind: Partial<Record<CatalogKind, number>>;
    };
  };
  'catalog.override': { before: { override: ScreeningOverride }; after: { override: ScreeningOverride; version: number } };
  /** An entry's description for suggested rewrites; null: none. */
  'catalog.describe-as': { before: { describeAs: string | null }; after: { describeAs: string | null; version: number } };
  /** Title–artist relations: counts, not texts. */
  'catalog.relations.add': { before?: undefined; after: { version: number; requested: number; added: number } };
  'webhook.endpoint.create': { before: null; after: WebhookEndpointAudit };
  'webhook.endpoint.update': { before: WebhookEndpointAudit; after: WebhookEndpointAudit };
  'webhook.endpoint.delete': { before: WebhookEndpointAudit; after: null };
  'webhook.endpoint.rotate-secret': { before: WebhookEndpointAudit; after: WebhookEndpointAudit };
  'webhook.event.replay': { before: null; after: { endpointIds: string[] } };
  /** `before` is the override replaced, null when the principal had its role's or plan's budget. */
  'quota.override.set': { before: QuotaOverrideAudit | null; after: QuotaOverrideAudit };
  'quota.override.clear': { before: QuotaOverrideAudit; after: null };
}

export type AuditAction = keyof AuditPayloads;

/** One event as a use-case records it: the action decides the shape of before and after. */
export type AuditChangeOf<A extends AuditAction> = {
  action: A;
  targetType: string;
  targetId: string;
} & AuditPayloads[A];

/** Any typed event. */
export type TypedAuditChange = { [A in AuditAction]: AuditChangeOf<A> }[AuditAction];

/** The actions of the map, as values (for listings and the spelling check). */
export const AUDIT_ACTIONS = [
  'account.create',
  'account.change-plan',
  'account.verify_government_status',
  'account.signals.record',
  'organization.declare',
  'policy.publish',
  'policy.accept',
  'authorization.grant',
  'authorization.revoke',
  'suspension.create',
  'suspension.lift',
  'report.file',
  'report.resolve',
  'appeal.file',
  'appeal.decide',
  'catalog.add',
  'catalog.remove',
  'catalog.import',
  'catalog.override',
  'catalog.describe-as',
  'catalog.relations.add',
  'webhook.endpoint.create',
  'webhook.endpoint.update',
  'webhook.endpoint.delete',
  'webhook.endpoint.rotate-secret',
  'webhook.event.replay',
  'quota.override.set',
  'quota.override.clear',
] as const satisfies readonly AuditAction[];

/** Dot-separated segments (the aggregate first, the verb last), each lower-case words joined by '-'. */
export const AUDIT_ACTION_SPELLING = /^[a-z]+(-[a-z]+)*(\.[a-z]+(-[a-z]+)*)+$/;

/** Spelled before the rule; rows with this name exist, so the name stays. */
export const LEGACY_ACTION_SPELLINGS: readonly AuditAction[] = ['account.verify_government_status'];

// Every action of the map is listed above: a compile error names one that is not.
type Unlisted = Exclude<AuditAction, (typeof AUDIT_ACTIONS)[number]>;
export const AUDIT_ACTIONS_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;
