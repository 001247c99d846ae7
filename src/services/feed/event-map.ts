import { WebhookEventType } from '../../domain/change-feed';
import type { AuditChange } from '../audit/audit.service';

/** An event as the outbox stores it: payloads carry ids and the new state only. */
export interface FeedEvent {
  type: WebhookEventType;
  accountId: string | null;
  data: Record<string, unknown>;
}

type View = Record<string, any>;
type Builder = (change: AuditChange, after: View, before: View) => FeedEvent;

const T = WebhookEventType;

// Audit action -> event. Kept apart from the services so that every use-case
// that already audits its change gets its event without knowing about the feed.
// Free text (reasons, statements, notes, report descriptions) and signal values
// stay out: integrators get ids and states and read details through the API.
const BUILDERS: Record<string, Builder> = {
  'account.create': (c, a) => ({
    type: T.ACCOUNT_CREATED,
    accountId: c.targetId,
    data: { accountId: c.targetId, plan: a.planCode },
  }),
  'account.change-plan': (c, a, b) => ({
    type: T.ACCOUNT_PLAN_CHANGED,
    accountId: c.targetId,
    data: { accountId: c.targetId, plan: a.planCode, previousPlan: b.planCode ?? null },
  }),
  'organization.declare': (c, a) => ({
    type: T.ORGANIZATION_DECLARED,
    accountId: c.targetId,
    data: {
      accountId: c.targetId,
      kind: a.kind ?? null,
      naicsCode: a.naicsCode ?? null,
      jurisdiction: a.jurisdiction ?? null,
      declaredSectors: a.declaredSectors ?? [],
      performsPublicFunctions: a.performsPublicFunctions ?? false,
    },
  }),
  'authorization.grant': (c, a) => ({
    type: T.AUTHORIZATION_GRANTED,
    accountId: a.accountId,
    data: { authorizationId: c.targetId, accountId: a.accountId, kind: a.kind, validFrom: a.validFrom, expiresAt: a.expiresAt ?? null },
  }),
  'authorization.revoke': (c, a) => ({
    type: T.AUTHORIZATION_REVOKED,
    accountId: a.accountId,
    data: { authorizationId: c.targetId, accountId: a.accountId, kind: a.kind, revokedAt: a.revokedAt },
  }),
  'suspension.create': (c, a) => ({
    type: T.SUSPENSION_CREATED,
    accountId: a.accountId,
    data: { suspensionId: c.targetId, accountId: a.accountId, clause: a.clause, startsAt: a.startsAt, endsAt: a.endsAt ?? null },
  }),
  'suspension.lift': (c, a) => ({
    type: T.SUSPENSION_LIFTED,
    accountId: a.accountId,
    data: { suspensionId: c.targetId, accountId: a.accountId, clause: a.clause, liftedAt: a.liftedAt },
  }),
  'report.file': (c, a) => ({
    type: T.REPORT_FILED,
    accountId: a.subjectAccountId,
    data: { reportId: c.targetId, subjectAccountId: a.subjectAccountId, clause: a.clause, status: a.status },
  }),
  'report.resolve': (c, a) => ({
    type: T.REPORT_RESOLVED,
    accountId: a.subjectAccountId,
    data: { reportId: c.targetId, subjectAccountId: a.subjectAccountId, clause: a.clause, status: a.status, resolvedAt: a.resolvedAt },
  }),
  'appeal.file': (c, a) => ({
    type: T.APPEAL_FILED,
    accountId: a.accountId,
    data: { appealId: c.targetId, suspensionId: a.suspensionId, accountId: a.accountId, status: a.status },
  }),
  'appeal.decide': (c, a) => ({
    type: T.APPEAL_DECIDED,
    accountId: a.accountId,
    data: { appealId: c.targetId, suspensionId: a.suspensionId, accountId: a.accountId, status: a.status, decidedAt: a.decidedAt },
  }),
  'policy.publish': (c, a) => ({
    type: T.POLICY_PUBLISHED,
    accountId: null,
    data: { version: c.targetId, effectiveAt: a.effectiveAt, significant: a.significant },
  }),
  'policy.accept': (c, a) => ({
    type: T.POLICY_ACCEPTED,
    accountId: c.targetId,
    data: { accountId: c.targetId, version: a.accepted?.version, acceptedAt: a.accepted?.acceptedAt },
  }),
};

/** The events an audited change announces (none for actions the feed does not cover). */
export function eventsFor(changes: readonly AuditChange[]): FeedEvent[] {
  const events: FeedEvent[] = [];
  for (const change of changes) {
    const build = BUILDERS[change.action];
    if (!build) continue;
    events.push(build(change, (change.after ?? {}) as View, (change.before ?? {}) as View));
  }
  return events;
}

/** For tests: every audit action that produces an event. */
export const MAPPED_AUDIT_ACTIONS = Object.keys(BUILDERS);
