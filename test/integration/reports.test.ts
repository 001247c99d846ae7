import { randomUUID } from 'node:crypto';
import { ReportEntity } from '../../src/entities';
import { admin, admin2, codeOf, reasonOf, refusalOf, service, startTestApp, TestApp, userOf } from '../support/test-app';
import { FILE_REPORT, REPORTS, RESOLVE_REPORT } from '../support/operations';
import { auditEventsOf } from '../support/audit';
import { race, reasonsOf, snapshot, tally } from '../support/enforcement';
import { insertAccount, insertSuspension } from '../support/factories';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

async function file(principal = userOf(randomUUID()), input: Record<string, unknown> = {}) {
  const r = await app.exec(principal, FILE_REPORT, {
    input: { clause: '10(c)(i)', description: 'Uploads lyrics of a protected song', ...input },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.fileReport;
}

describe('fileReport', () => {
  test.each([
    ['a user', userOf(randomUUID()), 'user'],
    ['a service', service, 'service'],
    ['an admin', admin, 'admin'],
  ])('%s may report; the reporter and its role are recorded; audited', async (_name, principal, role) => {
    const subject = await insertAccount(app.dataSource);
    const report = await file(principal, { subjectAccountId: subject.id, clause: ' 9(n) ', description: '  many free accounts  ' });
    expect(report).toEqual({
      id: expect.any(String),
      subjectAccountId: subject.id,
      clause: '9(n)',
      description: 'many free accounts',
      status: 'OPEN',
      createdAt: expect.any(String),
    });
    const row = await app.dataSource.getRepository(ReportEntity).findOneByOrFail({ id: report.id });
    expect(row).toMatchObject({ reporterSub: principal.sub, reporterRole: role, resolvedAt: null });
    expect(await auditEventsOf(app, report.id)).toEqual([
      expect.objectContaining({
        actor: principal.sub,
        action: 'report.file',
        targetType: 'Report',
        targetId: report.id,
        before: null,
        after: expect.objectContaining({ subjectAccountId: subject.id, reporterSub: principal.sub, reporterRole: role, status: 'OPEN' }),
      }),
    ]);
  });

  test('the reporter learns nothing about the subject: a report on a suspended account reads like one on an active account', async () => {
    const active = await insertAccount(app.dataSource);
    const suspended = await insertAccount(app.dataSource, { planCode: 'enterprise' });
    await insertSuspension(app.dataSource, suspended.id);
    const reporter = userOf(randomUUID());
    const a = await file(reporter, { subjectAccountId: active.id });
    const b = await file(reporter, { subjectAccountId: suspended.id });
    const strip = ({ id, subjectAccountId, createdAt, ...rest }: Record<string, unknown>) => rest;
    expect(strip(a)).toEqual(strip(b));
    // Report has no field that leads to the subject's account.
    const r = await app.exec(reporter, `mutation($input: FileReportInput!) { fileReport(input: $input) { subject { status } } }`, {
      input: { subjectAccountId: suspended.id, clause: '9(a)', description: 'x' },
    });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
  });

  test.each([
    ['a clause not in the registry', { clause: '11(a)' }, 'clause'],
    ['an empty description', { description: '' }, 'description'],
    ['a blank description', { description: '   ' }, 'description'],
    ['a description over 5,000 characters', { description: 'd'.repeat(5001) }, 'description'],
  ])('%s: BAD_USER_INPUT, nothing written', async (_name, input, field) => {
    const subject = await insertAccount(app.dataSource);
    const before = await snapshot(app);
    const r = await app.exec(userOf(randomUUID()), FILE_REPORT, {
      input: { subjectAccountId: subject.id, clause: '9(a)', description: 'x', ...input },
    });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field })]);
    expect(await snapshot(app)).toEqual(before);
  });

  test('a description of exactly 5,000 characters is accepted', async () => {
    const subject = await insertAccount(app.dataSource);
    const report = await file(userOf(randomUUID()), { subjectAccountId: subject.id, description: 'd'.repeat(5000) });
    expect(report.description).toHaveLength(5000);
  });

  test.each([
    ['unknown', randomUUID()],
    ['malformed', 'someone@example.com'],
  ])('%s subject: NOT_FOUND, nothing written', async (_name, subjectAccountId) => {
    const before = await snapshot(app);
    const r = await app.exec(userOf(randomUUID()), FILE_REPORT, { input: { subjectAccountId, clause: '9(a)', description: 'x' } });
    expect(refusalOf(r)).toEqual({ code: 'NOT_FOUND', reason: 'ACCOUNT_NOT_FOUND' });
    expect(await snapshot(app)).toEqual(before);
  });

  test('without a token: UNAUTHENTICATED; with a token carrying no known role: FORBIDDEN', async () => {
    const subject = await insertAccount(app.dataSource);
    const input = { subjectAccountId: subject.id, clause: '9(a)', description: 'x' };
    const anonymous = await app.http(FILE_REPORT, { input });
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(codeOf(await app.exec({ sub: 'nobody', roles: [] }, FILE_REPORT, { input }))).toBe('FORBIDDEN');
    expect(await app.dataSource.getRepository(ReportEntity).countBy({ subjectAccountId: subject.id })).toBe(0);
  });

  test('the same reporter, subject and clause while one is open: CONFLICT, nothing written; otherwise allowed', async () => {
    const subject = await insertAccount(app.dataSource);
    const reporter = userOf(randomUUID());
    const first = await file(reporter, { subjectAccountId: subject.id, clause: '9(a)' });
    const before = await snapshot(app);
    const r = await app.exec(reporter, FILE_REPORT, { input: { subjectAccountId: subject.id, clause: '9(a)', description: 'again' } });
    expect(reasonOf(r)).toBe('DUPLICATE_OPEN_REPORT');
    expect(codeOf(r)).toBe('CONFLICT');
    expect(await snapshot(app)).toEqual(before);

    await file(reporter, { subjectAccountId: subject.id, clause: '9(b)' });
    await file(userOf(randomUUID()), { subjectAccountId: subject.id, clause: '9(a)' });
    expect(
      (await app.exec(admin, RESOLVE_REPORT, { id: first.id, input: { status: 'DISMISSED', note: 'no evidence' } })).errors,
    ).toBeUndefined();
    await file(reporter, { subjectAccountId: subject.id, clause: '9(a)', description: 'it happened again' });
  });

  test('20 concurrent identical reports: exactly one succeeds, the rest CONFLICT', async () => {
    const subject = await insertAccount(app.dataSource);
    const reporter = userOf(randomUUID());
    const outcomes = await race(app, reporter, 20, FILE_REPORT, {
      input: { subjectAccountId: subject.id, clause: '9(g)', description: 'race' },
    });
    expect(reasonsOf(outcomes)).toEqual(['DUPLICATE_OPEN_REPORT']);
    expect(tally(outcomes)).toEqual({ ok: 1, CONFLICT: 19 });
    expect(await app.dataSource.getRepository(ReportEntity).countBy({ subjectAccountId: subject.id })).toBe(1);
  });
});

describe('reports', () => {
  test('admin only; oldest first; filtered by status', async () => {
    const subject = await insertAccount(app.dataSource);
    const filed: Array<{ id: string }> = [];
    for (const clause of ['3(a)', '3(b)', '3(c)']) filed.push(await file(userOf(randomUUID()), { subjectAccountId: subject.id, clause }));
    expect(
      (await app.exec(admin2, RESOLVE_REPORT, { id: filed[1].id, input: { status: 'ACTION_TAKEN', note: 'suspended' } })).errors,
    ).toBeUndefined();

    const all = (await app.exec(admin, REPORTS, {})).data!.reports as Array<{ id: string; createdAt: string; status: string }>;
    const times = all.map((r) => Date.parse(r.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const mine = all.filter((r) => filed.some((f) => f.id === r.id)).map((r) => r.id);
    expect(mine).toEqual(filed.map((f) => f.id));

    const open = (await app.exec(admin, REPORTS, { status: 'OPEN' })).data!.reports as Array<{ id: string; status: string }>;
    expect(open.every((r) => r.status === 'OPEN')).toBe(true);
    expect(open.map((r) => r.id)).toEqual(expect.arrayContaining([filed[0].id, filed[2].id]));
    expect(open.map((r) => r.id)).not.toContain(filed[1].id);
    const taken = (await app.exec(admin, REPORTS, { status: 'ACTION_TAKEN' })).data!.reports;
    expect(taken).toEqual([expect.objectContaining({ id: filed[1].id, status: 'ACTION_TAKEN' })]);

    expect(codeOf(await app.exec(service, REPORTS, {}))).toBe('FORBIDDEN');
    expect(codeOf(await app.exec(userOf(subject.id), REPORTS, {}))).toBe('FORBIDDEN');
  });
});

describe('resolveReport', () => {
  test.each(['ACTION_TAKEN', 'DISMISSED'])(
    'resolves as %s with a note; records who and when; audited with before and after',
    async (status) => {
      const subject = await insertAccount(app.dataSource);
      const report = await file(userOf(randomUUID()), { subjectAccountId: subject.id });
      const r = await app.exec(admin2, RESOLVE_REPORT, { id: report.id, input: { status, note: ' reviewed ' } });
      expect(r.errors).toBeUndefined();
      expect(r.data!.resolveReport).toEqual({ ...report, status });
      const row = await app.dataSource.getRepository(ReportEntity).findOneByOrFail({ id: report.id });
      expect(row).toMatchObject({ status, resolutionNote: 'reviewed', resolvedBy: 'admin-2' });
      expect(row.resolvedAt).toBeInstanceOf(Date);
      const events = await auditEventsOf(app, report.id);
      expect(events.map((e) => e.action)).toEqual(['report.file', 'report.resolve']);
      expect(events[1]).toMatchObject({
        actor: 'admin-2',
        targetType: 'Report',
        before: { status: 'OPEN', resolutionNote: null, resolvedBy: null, resolvedAt: null },
        after: { status, resolutionNote: 'reviewed', resolvedBy: 'admin-2' },
      });
    },
  );

  test.each([
    ['status OPEN', { status: 'OPEN', note: 'x' }],
    ['an empty note', { status: 'DISMISSED', note: '' }],
    ['a note over 2,000 characters', { status: 'DISMISSED', note: 'n'.repeat(2001) }],
  ])('%s: BAD_USER_INPUT, nothing written', async (_name, input) => {
    const subject = await insertAccount(app.dataSource);
    const report = await file(userOf(randomUUID()), { subjectAccountId: subject.id });
    const before = await snapshot(app);
    expect(codeOf(await app.exec(admin, RESOLVE_REPORT, { id: report.id, input }))).toBe('BAD_USER_INPUT');
    expect(await snapshot(app)).toEqual(before);
  });

  test('a resolved report cannot be resolved again: CONFLICT, nothing written', async () => {
    const subject = await insertAccount(app.dataSource);
    const report = await file(userOf(randomUUID()), { subjectAccountId: subject.id });
    expect((await app.exec(admin, RESOLVE_REPORT, { id: report.id, input: { status: 'DISMISSED', note: 'a' } })).errors).toBeUndefined();
    const before = await snapshot(app);
    const again = await app.exec(admin2, RESOLVE_REPORT, { id: report.id, input: { status: 'ACTION_TAKEN', note: 'b' } });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(reasonOf(again)).toBe('REPORT_ALREADY_RESOLVED');
    expect(await snapshot(app)).toEqual(before);
  });

  test.each([
    ['unknown', randomUUID()],
    ['malformed', 'r-1'],
  ])('%s id: NOT_FOUND', async (_name, id) => {
    expect(refusalOf(await app.exec(admin, RESOLVE_REPORT, { id, input: { status: 'DISMISSED', note: 'x' } }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'REPORT_NOT_FOUND',
    });
  });

  test('only admins resolve: FORBIDDEN for the reporter and for services', async () => {
    const subject = await insertAccount(app.dataSource);
    const reporter = userOf(randomUUID());
    const report = await file(reporter, { subjectAccountId: subject.id });
    for (const principal of [reporter, service]) {
      expect(codeOf(await app.exec(principal, RESOLVE_REPORT, { id: report.id, input: { status: 'DISMISSED', note: 'x' } }))).toBe(
        'FORBIDDEN',
      );
    }
  });

  test('20 concurrent resolutions: exactly one succeeds, the rest CONFLICT, one resolve event', async () => {
    const subject = await insertAccount(app.dataSource);
    const report = await file(userOf(randomUUID()), { subjectAccountId: subject.id });
    const outcomes = await race(app, admin, 20, RESOLVE_REPORT, { id: report.id, input: { status: 'ACTION_TAKEN', note: 'race' } });
    expect(reasonsOf(outcomes)).toEqual(['REPORT_ALREADY_RESOLVED']);
    expect(tally(outcomes)).toEqual({ ok: 1, CONFLICT: 19 });
    expect((await auditEventsOf(app, report.id)).map((e) => e.action)).toEqual(['report.file', 'report.resolve']);
  });
});
