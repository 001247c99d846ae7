// When a policy version may take effect. The policy's "Updates" section
// promises advance notice of significant changes; minor ones may apply at once.

const DAY_MS = 86_400_000;

/** Clock skew allowed for a non-significant version meant to take effect "now". */
export const PAST_TOLERANCE_MS = 5_000;
export const MAX_VERSION_LENGTH = 50;
export const MAX_SUMMARY_LENGTH = 2000;
export const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface ScheduleRequest {
  publishedAt: Date;
  effectiveAt: Date;
  significant: boolean;
  noticeDays: number;
}

export type ScheduleCheck = { ok: true; effectiveAt: Date } | { ok: false; reason: 'IN_THE_PAST' | 'NOTICE_TOO_SHORT'; earliest: Date };

/**
 * Checks a version's effective date against its publication instant. A
 * significant version needs `noticeDays` of notice (the boundary itself is
 * allowed); any other version may take effect at once, and one dated a few
 * seconds in the past (clock skew) takes effect at publication instead.
 */
export function checkSchedule(request: ScheduleRequest): ScheduleCheck {
  const published = request.publishedAt.getTime();
  const effective = request.effectiveAt.getTime();
  if (request.significant) {
    const earliest = new Date(published + request.noticeDays * DAY_MS);
    if (effective < earliest.getTime()) {
      return { ok: false, reason: request.noticeDays > 0 ? 'NOTICE_TOO_SHORT' : 'IN_THE_PAST', earliest };
    }
    return { ok: true, effectiveAt: request.effectiveAt };
  }
  if (effective < published - PAST_TOLERANCE_MS) return { ok: false, reason: 'IN_THE_PAST', earliest: request.publishedAt };
  return { ok: true, effectiveAt: new Date(Math.max(effective, published)) };
}

// One order for versions: the decision's (activity.ts). Kept importable from here.
export { latestVersion } from './activity';
export type { DatedVersion } from './activity';
