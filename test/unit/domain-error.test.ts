import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AccountReason,
  AppealReason,
  AuthReason,
  AuthorizationReason,
  DomainError,
  ErrorCode,
  GeneralReason,
  InputReason,
  PolicyReason,
  REASON_ENUMS,
  Reason,
  ReportReason,
  SuspensionReason,
  codeOfReason,
} from '../../src/domain/domain-error';

describe('codeOfReason', () => {
  test.each<[Reason, ErrorCode]>([
    [AuthReason.TOKEN_MISSING, ErrorCode.UNAUTHENTICATED],
    [AuthReason.TOKEN_EXPIRED, ErrorCode.UNAUTHENTICATED],
    [AuthReason.ROLE_NOT_ALLOWED, ErrorCode.FORBIDDEN],
    [AuthReason.NOT_OWN_ACCOUNT, ErrorCode.FORBIDDEN],
    [AppealReason.SAME_REVIEWER, ErrorCode.FORBIDDEN],
    [AppealReason.NOT_APPEALABLE_BY_CALLER, ErrorCode.FORBIDDEN],
    [AppealReason.APPEAL_WINDOW_CLOSED, ErrorCode.BAD_USER_INPUT],
    [AppealReason.APPEAL_ALREADY_PENDING, ErrorCode.CONFLICT],
    [AccountReason.EMAIL_TAKEN, ErrorCode.CONFLICT],
    [AccountReason.ACCOUNT_NOT_FOUND, ErrorCode.NOT_FOUND],
    [AuthorizationReason.AUTHORIZATION_OVERLAPS, ErrorCode.CONFLICT],
    [SuspensionReason.ALREADY_SUSPENDED, ErrorCode.CONFLICT],
    [ReportReason.REPORT_ALREADY_RESOLVED, ErrorCode.CONFLICT],
    [PolicyReason.NOTICE_TOO_SHORT, ErrorCode.BAD_USER_INPUT],
    [InputReason.GRAPHQL_VALIDATION_FAILED, ErrorCode.BAD_USER_INPUT],
    [GeneralReason.CONFLICT, ErrorCode.CONFLICT],
  ])('%s is %s', (reason, code) => {
    expect(codeOfReason(reason)).toBe(code);
  });

  const all = Object.entries(REASON_ENUMS).flatMap(([area, values]) =>
    Object.entries(values).map(([key, value]) => ({ area, key, value })),
  );

  test('every reason of every area has a public code, and is spelled as its key in UPPER_SNAKE', () => {
    for (const { key, value } of all) {
      expect(Object.values(ErrorCode)).toContain(codeOfReason(value as Reason));
      expect(value).toBe(key);
      expect(value).toMatch(/^[A-Z][A-Z0-9_]*$/);
    }
  });

  test('no reason is spelled twice across areas', () => {
    const values = all.map((r) => r.value);
    expect(values.filter((v, i) => values.indexOf(v) !== i)).toEqual([]);
  });

  test('an unplaced value is refused rather than given a code', () => {
    expect(() => codeOfReason('NO_SUCH_REASON' as Reason)).toThrow(/no code/);
  });
});

describe('DomainError', () => {
  test('takes its code from its reason', () => {
    const e = new DomainError(AppealReason.SAME_REVIEWER, 'a second admin must decide');
    expect({ code: e.code, reason: e.reason, message: e.message }).toEqual({
      code: ErrorCode.FORBIDDEN,
      reason: 'SAME_REVIEWER',
      message: 'a second admin must decide',
    });
  });

  test('built from a code alone (the older form), its reason is that code', () => {
    const e = new DomainError(ErrorCode.CONFLICT, 'taken');
    expect({ code: e.code, reason: e.reason }).toEqual({ code: ErrorCode.CONFLICT, reason: 'CONFLICT' });
  });
});

describe('docs/errors.md', () => {
  test('lists every reason', () => {
    const doc = readFileSync(join(__dirname, '../../docs/errors.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Reasons'));
    const listed = new Set([...section.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]));
    const missing = Object.values(REASON_ENUMS)
      .flatMap((values) => Object.values(values))
      .filter((r) => !listed.has(r));
    expect(missing).toEqual([]);
  });
});
