import type { Reason } from '../../src/domain/domain-error';
import {
  APPEAL_TRANSITIONS,
  REPORT_TRANSITIONS,
  appealStatusFor,
  appealWindowClosesAt,
  checkAppealFiling,
  checkAppealTransition,
  checkReportTransition,
  checkReviewer,
  isReportResolution,
  mayAppeal,
} from '../../src/domain/enforcement-rules';
import { AppealDecision, AppealStatus, ReportStatus } from '../../src/domain/enums';

const DAY = 86_400_000;
const START = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(START.getTime() + ms);

describe('report transitions', () => {
  test.each<[ReportStatus, ReportStatus, Reason | null]>([
    [ReportStatus.OPEN, ReportStatus.ACTION_TAKEN, null],
    [ReportStatus.OPEN, ReportStatus.DISMISSED, null],
    [ReportStatus.OPEN, ReportStatus.OPEN, 'RESOLUTION_STATUS_OPEN'],
    [ReportStatus.ACTION_TAKEN, ReportStatus.DISMISSED, 'REPORT_ALREADY_RESOLVED'],
    [ReportStatus.ACTION_TAKEN, ReportStatus.ACTION_TAKEN, 'REPORT_ALREADY_RESOLVED'],
    [ReportStatus.DISMISSED, ReportStatus.ACTION_TAKEN, 'REPORT_ALREADY_RESOLVED'],
    [ReportStatus.DISMISSED, ReportStatus.OPEN, 'RESOLUTION_STATUS_OPEN'],
  ])('%s -> %s: %s', (from, to, reason) => {
    expect(checkReportTransition(from, to)).toEqual(reason === null ? { ok: true } : { ok: false, reason });
  });

  test('only ACTION_TAKEN and DISMISSED are resolutions; resolved states are final', () => {
    expect(Object.values(ReportStatus).filter(isReportResolution)).toEqual([ReportStatus.ACTION_TAKEN, ReportStatus.DISMISSED]);
    expect(REPORT_TRANSITIONS[ReportStatus.ACTION_TAKEN]).toEqual([]);
    expect(REPORT_TRANSITIONS[ReportStatus.DISMISSED]).toEqual([]);
  });
});

describe('appeal transitions', () => {
  test.each<[AppealStatus, AppealDecision, Reason | null]>([
    [AppealStatus.PENDING, AppealDecision.UPHOLD, null],
    [AppealStatus.PENDING, AppealDecision.OVERTURN, null],
    [AppealStatus.UPHELD, AppealDecision.UPHOLD, 'APPEAL_ALREADY_DECIDED'],
    [AppealStatus.UPHELD, AppealDecision.OVERTURN, 'APPEAL_ALREADY_DECIDED'],
    [AppealStatus.OVERTURNED, AppealDecision.UPHOLD, 'APPEAL_ALREADY_DECIDED'],
    [AppealStatus.OVERTURNED, AppealDecision.OVERTURN, 'APPEAL_ALREADY_DECIDED'],
  ])('%s, %s: %s', (from, decision, reason) => {
    expect(checkAppealTransition(from, decision)).toEqual(reason === null ? { ok: true } : { ok: false, reason });
  });

  test('UPHOLD makes UPHELD, OVERTURN makes OVERTURNED; both are final', () => {
    expect(appealStatusFor(AppealDecision.UPHOLD)).toBe(AppealStatus.UPHELD);
    expect(appealStatusFor(AppealDecision.OVERTURN)).toBe(AppealStatus.OVERTURNED);
    expect(APPEAL_TRANSITIONS[AppealStatus.UPHELD]).toEqual([]);
    expect(APPEAL_TRANSITIONS[AppealStatus.OVERTURNED]).toEqual([]);
  });
});

describe('who may appeal', () => {
  const suspended = 'a0000000-0000-4000-8000-000000000001';
  test.each<[string, string | null, boolean, boolean]>([
    ['the suspended account itself', suspended, false, true],
    ['the suspended account, id in upper case', suspended.toUpperCase(), false, true],
    ['an account linked by a denying signal', 'b0000000-0000-4000-8000-000000000002', true, true],
    ['an unlinked account', 'b0000000-0000-4000-8000-000000000002', false, false],
    ['a caller with no account (staff)', null, false, false],
    ['a caller with no account, even if "linked"', null, true, false],
  ])('%s', (_name, caller, linked, expected) => {
    expect(mayAppeal(caller, suspended, linked)).toBe(expected);
  });
});

describe('appeal window', () => {
  const indefinite = { startsAt: START, endsAt: null, liftedAt: null };
  test.each<[string, { startsAt: Date; endsAt: Date | null; liftedAt: Date | null }, Date, number, Reason | null]>([
    ['right after the start', indefinite, at(1), 30, null],
    ['at the last instant of the window', indefinite, at(30 * DAY), 30, null],
    ['1 ms after the window', indefinite, at(30 * DAY + 1), 30, 'APPEAL_WINDOW_CLOSED'],
    ['a 0-day window at the start', indefinite, at(0), 0, null],
    ['a 0-day window 1 ms later', indefinite, at(1), 0, 'APPEAL_WINDOW_CLOSED'],
    ['before the suspension starts', indefinite, at(-1), 30, 'SUSPENSION_NOT_IN_FORCE'],
    ['after it ended', { ...indefinite, endsAt: at(DAY) }, at(DAY), 30, 'SUSPENSION_NOT_IN_FORCE'],
    ['after it was lifted', { ...indefinite, liftedAt: at(DAY) }, at(2 * DAY), 30, 'SUSPENSION_NOT_IN_FORCE'],
    [
      'lifted and out of the window: not in force is said first',
      { ...indefinite, liftedAt: at(DAY) },
      at(40 * DAY),
      30,
      'SUSPENSION_NOT_IN_FORCE',
    ],
  ])('%s', (_name, suspension, now, days, reason) => {
    const check = checkAppealFiling(suspension, now, days);
    expect(check.ok ? null : check.reason).toBe(reason);
    if (!check.ok && check.reason === 'APPEAL_WINDOW_CLOSED') expect(check.closedAt).toEqual(at(days * DAY));
  });

  test('the window closes windowDays after the start', () => {
    expect(appealWindowClosesAt(START, 30).toISOString()).toBe('2026-03-31T12:00:00.000Z');
  });
});

describe('four eyes', () => {
  test.each<[string, string, Reason | null]>([
    ['admin-1', 'admin-2', null],
    ['admin-1', 'admin-1', 'SAME_REVIEWER'],
  ])('imposed by %s, decided by %s: %s', (imposedBy, decidedBy, reason) => {
    expect(checkReviewer(imposedBy, decidedBy)).toEqual(reason === null ? { ok: true } : { ok: false, reason });
  });
});
