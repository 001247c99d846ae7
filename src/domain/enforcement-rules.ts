// The rules of reports and appeals (Enforcement): who may appeal, until when,
// who may decide, and which state changes exist. Services load, ask these,
// and persist; nothing here touches a database.

import { isSuspensionActive, SuspensionWindow } from './activity';
import { AppealDecision, AppealStatus, ReportStatus } from './enums';

const DAY_MS = 86_400_000;

/** The states a report may move to from each state: an open report is resolved once. */
export const REPORT_TRANSITIONS: Readonly<Record<ReportStatus, readonly ReportStatus[]>> = {
  [ReportStatus.OPEN]: [ReportStatus.ACTION_TAKEN, ReportStatus.DISMISSED],
  [ReportStatus.ACTION_TAKEN]: [],
  [ReportStatus.DISMISSED]: [],
};

/** The states an appeal may move to from each state: a pending appeal is decided once. */
export const APPEAL_TRANSITIONS: Readonly<Record<AppealStatus, readonly AppealStatus[]>> = {
  [AppealStatus.PENDING]: [AppealStatus.UPHELD, AppealStatus.OVERTURNED],
  [AppealStatus.UPHELD]: [],
  [AppealStatus.OVERTURNED]: [],
};

export type RuleCheck<R> = { ok: true } | { ok: false; reason: R };

/** Whether a resolution may ask for `target` at all (a report is never resolved back to OPEN). */
export function isReportResolution(target: ReportStatus): boolean {
  return REPORT_TRANSITIONS[ReportStatus.OPEN].includes(target);
}

/** Whether a report in `current` may move to `target`. */
export function checkReportTransition(
  current: ReportStatus,
  target: ReportStatus,
): RuleCheck<'RESOLUTION_STATUS_OPEN' | 'REPORT_ALREADY_RESOLVED'> {
  if (!isReportResolution(target)) return { ok: false, reason: 'RESOLUTION_STATUS_OPEN' };
  if (!REPORT_TRANSITIONS[current].includes(target)) return { ok: false, reason: 'REPORT_ALREADY_RESOLVED' };
  return { ok: true };
}

/** The status an appeal takes on a decision. */
export function appealStatusFor(decision: AppealDecision): AppealStatus {
  switch (decision) {
    case AppealDecision.UPHOLD:
      return AppealStatus.UPHELD;
    case AppealDecision.OVERTURN:
      return AppealStatus.OVERTURNED;
  }
}

/** Whether an appeal in `current` may take `decision`. */
export function checkAppealTransition(current: AppealStatus, decision: AppealDecision): RuleCheck<'APPEAL_ALREADY_DECIDED'> {
  return APPEAL_TRANSITIONS[current].includes(appealStatusFor(decision)) ? { ok: true } : { ok: false, reason: 'APPEAL_ALREADY_DECIDED' };
}

/**
 * Who may appeal a suspension: the suspended account's own user, or the user
 * of an account it blocks under 9(n) (linked by a denying signal), because the
 * remedy such a decision names is APPEAL. Staff never appeal on an account's behalf.
 */
export function mayAppeal(callerAccountId: string | null, suspendedAccountId: string, linkedByDenyingSignal: boolean): boolean {
  if (callerAccountId === null) return false;
  return callerAccountId.toLowerCase() === suspendedAccountId.toLowerCase() || linkedByDenyingSignal;
}

/** The last instant an appeal may be filed: `windowDays` after the suspension started (inclusive). */
export function appealWindowClosesAt(startsAt: Date, windowDays: number): Date {
  return new Date(startsAt.getTime() + windowDays * DAY_MS);
}

/** Whether a suspension can be appealed at `now`: it must be in force and within the appeal window. */
export function checkAppealFiling(
  suspension: SuspensionWindow,
  now: Date,
  windowDays: number,
): { ok: true } | { ok: false; reason: 'SUSPENSION_NOT_IN_FORCE' } | { ok: false; reason: 'APPEAL_WINDOW_CLOSED'; closedAt: Date } {
  if (!isSuspensionActive(suspension, now)) return { ok: false, reason: 'SUSPENSION_NOT_IN_FORCE' };
  const closedAt = appealWindowClosesAt(suspension.startsAt, windowDays);
  if (now.getTime() > closedAt.getTime()) return { ok: false, reason: 'APPEAL_WINDOW_CLOSED', closedAt };
  return { ok: true };
}

/** Four eyes: the admin who imposed a suspension may not decide its appeal. */
export function checkReviewer(suspensionImposedBy: string, decidedBy: string): RuleCheck<'SAME_REVIEWER'> {
  return suspensionImposedBy === decidedBy ? { ok: false, reason: 'SAME_REVIEWER' } : { ok: true };
}
