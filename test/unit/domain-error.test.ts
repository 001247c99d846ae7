import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { DomainError, ErrorCode, OWN_ERROR_CODES, REASONS, Reason, codeOfReason, refuse } from '../../src/domain/domain-error';
import { ERROR_CODES, REQUEST_REASONS, classifyError } from '../../src/errors';

const UPPER_SNAKE = /^[A-Z][A-Z0-9_]*$/;

describe('REASONS', () => {
  test.each<[Reason, ErrorCode]>([
    ['TOKEN_MISSING', 'UNAUTHENTICATED'],
    ['TOKEN_EXPIRED', 'UNAUTHENTICATED'],
    ['ROLE_NOT_ALLOWED', 'FORBIDDEN'],
    ['NOT_OWN_ACCOUNT', 'FORBIDDEN'],
    ['SAME_REVIEWER', 'FORBIDDEN'],
    ['NOT_APPEALABLE_BY_CALLER', 'FORBIDDEN'],
    ['APPEAL_WINDOW_CLOSED', 'BAD_USER_INPUT'],
    ['APPEAL_ALREADY_PENDING', 'CONFLICT'],
    ['EMAIL_TAKEN', 'CONFLICT'],
    ['ACCOUNT_NOT_FOUND', 'NOT_FOUND'],
    ['AUTHORIZATION_OVERLAPS', 'CONFLICT'],
    ['ALREADY_SUSPENDED', 'CONFLICT'],
    ['REPORT_ALREADY_RESOLVED', 'CONFLICT'],
    ['NOTICE_TOO_SHORT', 'BAD_USER_INPUT'],
    ['INVALID_VALUE', 'BAD_USER_INPUT'],
  ])('%s is %s', (reason, code) => {
    expect(codeOfReason(reason)).toBe(code);
  });

  test.each(Object.entries(REASONS))('%s has the public code %s, and is spelled in UPPER_SNAKE', (reason, code) => {
    expect(ERROR_CODES).toContain(code);
    expect(code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(reason).toMatch(UPPER_SNAKE);
  });

  test('no reason is a bare code, and none is also one of Apollo request reasons', () => {
    const reasons = Object.keys(REASONS);
    expect(reasons.filter((r) => (ERROR_CODES as string[]).includes(r))).toEqual([]);
    expect(reasons.filter((r) => REQUEST_REASONS.has(r))).toEqual([]);
  });

  test.each(['NO_SUCH_REASON', 'toString', '__proto__'])('%s is refused rather than given a code', (value) => {
    expect(() => codeOfReason(value as Reason)).toThrow(/no code/);
    expect(() => refuse(value as Reason, 'x')).toThrow(/no code/);
  });
});

describe('codes', () => {
  test("the public codes are this API's own and Apollo's BAD_USER_INPUT and INTERNAL_SERVER_ERROR", () => {
    expect([...ERROR_CODES].sort()).toEqual([...OWN_ERROR_CODES, 'BAD_USER_INPUT', 'INTERNAL_SERVER_ERROR'].sort());
  });

  test("Apollo's request errors are refusals named by their own codes", () => {
    expect([...REQUEST_REASONS].sort()).toEqual([
      'BAD_REQUEST',
      'GRAPHQL_PARSE_FAILED',
      'GRAPHQL_VALIDATION_FAILED',
      'OPERATION_RESOLUTION_FAILURE',
      'PERSISTED_QUERY_NOT_FOUND',
      'PERSISTED_QUERY_NOT_SUPPORTED',
    ]);
    for (const reason of REQUEST_REASONS) {
      expect(classifyError(new Error('refused'), reason)).toEqual({
        message: 'refused',
        code: 'BAD_USER_INPUT',
        extensions: { reason },
        internal: false,
      });
    }
  });

  test('a GraphQL error with a code and no reason of its own is sent with its code as the reason', () => {
    expect(classifyError(new GraphQLError('taken', { extensions: { code: 'CONFLICT' } }))).toMatchObject({
      code: 'CONFLICT',
      extensions: { reason: 'CONFLICT' },
    });
  });
});

describe('refuse', () => {
  const tooLong = 'note must be at most 5 characters';
  const unknownIndustry = 'Unknown industry: NAICS code "999999" is not in the NAICS 2017 classification';
  const fields = [
    { field: 'email', message: 'email must be an email' },
    { field: 'planCode', message: 'planCode is required' },
  ];

  test.each<[string, DomainError, { code: ErrorCode; message: string; extensions: Record<string, unknown> }]>([
    [
      'a reason and a message',
      refuse('EMAIL_TAKEN', 'An account with this email already exists'),
      { code: 'CONFLICT', message: 'An account with this email already exists', extensions: { reason: 'EMAIL_TAKEN' } },
    ],
    [
      'one field at fault, named with the message',
      refuse('TEXT_TOO_LONG', tooLong, { field: 'note' }),
      { code: 'BAD_USER_INPUT', message: tooLong, extensions: { fields: [{ field: 'note', message: tooLong }], reason: 'TEXT_TOO_LONG' } },
    ],
    [
      'several fields at fault',
      refuse('INVALID_FIELDS', 'Invalid input', { fields }),
      { code: 'BAD_USER_INPUT', message: 'Invalid input', extensions: { fields, reason: 'INVALID_FIELDS' } },
    ],
    [
      'a field and more extensions, in that order',
      refuse('UNKNOWN_INDUSTRY', unknownIndustry, { field: 'naicsCode', naicsCode: '999999' }),
      {
        code: 'BAD_USER_INPUT',
        message: unknownIndustry,
        extensions: { fields: [{ field: 'naicsCode', message: unknownIndustry }], naicsCode: '999999', reason: 'UNKNOWN_INDUSTRY' },
      },
    ],
    [
      'extensions without a field',
      refuse('ACCOUNT_NOT_FOUND', 'Accounts not found: a, b', { ids: ['a', 'b'] }),
      { code: 'NOT_FOUND', message: 'Accounts not found: a, b', extensions: { ids: ['a', 'b'], reason: 'ACCOUNT_NOT_FOUND' } },
    ],
    [
      'a refusal a user cannot fix by editing input',
      refuse('SAME_REVIEWER', 'a second admin must decide'),
      { code: 'FORBIDDEN', message: 'a second admin must decide', extensions: { reason: 'SAME_REVIEWER' } },
    ],
  ])('%s', (_name, error, expected) => {
    expect(error).toBeInstanceOf(DomainError);
    expect({ code: error.code, reason: error.reason, message: error.message }).toEqual({
      code: expected.code,
      reason: expected.extensions.reason,
      message: expected.message,
    });
    const mapped = classifyError(error);
    expect(mapped).toEqual({ ...expected, internal: false });
    // The wire's key order, as clients have seen it.
    expect(Object.keys(mapped.extensions)).toEqual(Object.keys(expected.extensions));
  });

  test('takes only a reason from the table, never a bare code, and one field or several', () => {
    // @ts-expect-error a code alone is not a reason: every refusal names its rule
    expect(() => refuse('CONFLICT', 'taken')).toThrow(/no code/);
    // @ts-expect-error `field` and `fields` together
    refuse('INVALID_FIELDS', 'Invalid input', { field: 'email', fields });
  });
});

describe('docs/errors.md', () => {
  const doc = readFileSync(join(__dirname, '../../docs/errors.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Reasons'));
  const expected: Record<string, string> = {
    ...REASONS,
    ...Object.fromEntries([...REQUEST_REASONS].map((reason) => [reason, 'BAD_USER_INPUT'])),
  };

  test('lists every reason', () => {
    const listed = new Set([...section.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]));
    const missing = Object.keys(expected).filter((r) => !listed.has(r));
    expect(missing).toEqual([]);
  });

  test('gives every reason its code', () => {
    // | area | `REASON` / `REASON` | `CODE` | when |
    const documented = new Map<string, string>();
    for (const line of section.split('\n').filter((l) => l.startsWith('|'))) {
      const [, , reasonCell, codeCell] = line.split('|').map((cell) => cell.trim());
      for (const [, reason] of reasonCell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) documented.set(reason, codeCell.replaceAll('`', ''));
    }
    expect(Object.fromEntries(Object.keys(expected).map((r) => [r, documented.get(r)]))).toEqual(expected);
  });
});
