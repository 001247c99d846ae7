import { randomUUID } from 'node:crypto';
import { SuspensionEntity } from '../../src/entities';
import { readAccount } from '../support/account-reader';
import { admin, admin2, codeOf, reasonOf, refusalOf, service, startTestApp, TestApp, userOf } from '../support/test-app';
import { LIFT_SUSPENSION, SUSPEND_ACCOUNT } from '../support/operations';
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

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

async function suspend(accountId: string, input: Record<string, unknown> = {}) {
  const r = await app.exec(admin, SUSPEND_ACCOUNT, {
    input: { accountId, clause: '9(n)', reason: 'Evading a ban with a second account', ...input },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.suspendAccount;
}

async function statusOf(accountId: string) {
  const read = await readAccount(app, admin, accountId, 'status suspensions { id active }');
  expect(read.code).toBeUndefined();
  return read.account!;
}

describe('suspendAccount', () => {
  test('suspends from now, indefinitely; the account is SUSPENDED at once; audited', async () => {
    const account = await insertAccount(app.dataSource);
    expect((await statusOf(account.id)).status).toBe('ACTIVE');
    const before = Date.now();
    const s = await suspend(account.id, { clause: ' 10(a)(i) ', reason: '  sells firearms  ' });
    expect(s).toMatchObject({
      accountId: account.id,
      clause: '10(a)(i)',
      reason: 'sells firearms',
      endsAt: null,
      liftedAt: null,
      active: true,
      createdBy: 'admin-1',
    });
    expect(Date.parse(s.startsAt)).toBeGreaterThanOrEqual(before - 5);
    expect(Date.parse(s.startsAt)).toBeLessThanOrEqual(Date.now());
    expect(await statusOf(account.id)).toEqual({ status: 'SUSPENDED', suspensions: [{ id: s.id, active: true }] });

    const events = await auditEventsOf(app, s.id);
    expect(events).toEqual([
      expect.objectContaining({
        actor: 'admin-1',
        action: 'suspension.create',
        targetType: 'Suspension',
        targetId: s.id,
        before: null,
        after: expect.objectContaining({
          accountId: account.id,
          clause: '10(a)(i)',
          reason: 'sells firearms',
          endsAt: null,
          liftedAt: null,
          createdBy: 'admin-1',
        }),
      }),
    ]);
  });

  test('with an end in the future; the account holder sees its own status and suspensions', async () => {
    const account = await insertAccount(app.dataSource);
    const endsAt = inDays(7);
    const s = await suspend(account.id, { endsAt });
    expect(s).toMatchObject({ endsAt, active: true });
    const own = await readAccount(app, userOf(account.id), account.id, 'status suspensions { id endsAt active }');
    expect(own).toEqual({ code: undefined, account: { status: 'SUSPENDED', suspensions: [{ id: s.id, endsAt, active: true }] } });
    const stranger = await readAccount(app, userOf(randomUUID()), account.id, 'status');
    expect(stranger.code).toBe('FORBIDDEN');
  });

  test('a suspension that has ended leaves the account ACTIVE and a new one may be imposed', async () => {
    const account = await insertAccount(app.dataSource);
    const old = await insertSuspension(app.dataSource, account.id, { startsAt: daysAgo(10), endsAt: daysAgo(3) });
    expect(await statusOf(account.id)).toEqual({ status: 'ACTIVE', suspensions: [{ id: old.id, active: false }] });
    const s = await suspend(account.id);
    expect(await statusOf(account.id)).toEqual({
      status: 'SUSPENDED',
      suspensions: [
        { id: s.id, active: true },
        { id: old.id, active: false },
      ],
    });
  });

  test.each([
    ['a clause not in the registry', { clause: '99(z)' }, 'clause'],
    ['an empty clause', { clause: '' }, 'clause'],
    ['an empty reason', { reason: '' }, 'reason'],
    ['a blank reason', { reason: ' \n ' }, 'reason'],
    ['a reason over 2,000 characters', { reason: 'r'.repeat(2001) }, 'reason'],
    ['an end in the past', { endsAt: '2020-01-01T00:00:00.000Z' }, 'endsAt'],
  ])('%s: BAD_USER_INPUT, nothing written', async (_name, input, field) => {
    const account = await insertAccount(app.dataSource);
    const before = await snapshot(app);
    const r = await app.exec(admin, SUSPEND_ACCOUNT, { input: { accountId: account.id, clause: '9(n)', reason: 'x', ...input } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field })]);
    expect(await snapshot(app)).toEqual(before);
    expect((await statusOf(account.id)).status).toBe('ACTIVE');
  });

  test('a reason of 2,000 characters (not UTF-16 units) is accepted', async () => {
    const account = await insertAccount(app.dataSource);
    const s = await suspend(account.id, { reason: '🎵'.repeat(2000) });
    expect([...s.reason]).toHaveLength(2000);
  });

  test.each([
    ['unknown', randomUUID()],
    ['malformed', 'nope'],
  ])('%s account: NOT_FOUND, nothing written', async (_name, accountId) => {
    const before = await snapshot(app);
    const r = await app.exec(admin, SUSPEND_ACCOUNT, { input: { accountId, clause: '9(n)', reason: 'x' } });
    expect(refusalOf(r)).toEqual({ code: 'NOT_FOUND', reason: 'ACCOUNT_NOT_FOUND' });
    expect(await snapshot(app)).toEqual(before);
  });

  test.each([
    ['service', service],
    ['user', userOf(randomUUID())],
  ])('a %s may not suspend: FORBIDDEN', async (_name, principal) => {
    const account = await insertAccount(app.dataSource);
    const before = await snapshot(app);
    expect(codeOf(await app.exec(principal, SUSPEND_ACCOUNT, { input: { accountId: account.id, clause: '9(n)', reason: 'x' } }))).toBe(
      'FORBIDDEN',
    );
    expect(await snapshot(app)).toEqual(before);
  });

  test('an account already suspended: CONFLICT, nothing written', async () => {
    const account = await insertAccount(app.dataSource);
    await suspend(account.id, { endsAt: inDays(1) });
    const before = await snapshot(app);
    const r = await app.exec(admin2, SUSPEND_ACCOUNT, { input: { accountId: account.id, clause: 'Enforcement', reason: 'again' } });
    expect(reasonOf(r)).toBe('ALREADY_SUSPENDED');
    expect(codeOf(r)).toBe('CONFLICT');
    expect(await snapshot(app)).toEqual(before);
  });

  test('20 concurrent suspensions of one account: exactly one succeeds, the rest CONFLICT', async () => {
    const account = await insertAccount(app.dataSource);
    const outcomes = await race(app, admin, 20, SUSPEND_ACCOUNT, { input: { accountId: account.id, clause: '9(n)', reason: 'race' } });
    expect(reasonsOf(outcomes)).toEqual(['ALREADY_SUSPENDED']);
    expect(tally(outcomes)).toEqual({ ok: 1, CONFLICT: 19 });
    const rows = await app.dataSource.getRepository(SuspensionEntity).findBy({ accountId: account.id });
    expect(rows).toHaveLength(1);
    expect(await auditEventsOf(app, rows[0].id)).toHaveLength(1);
  });
});

describe('liftSuspension', () => {
  test('sets liftedAt and who lifted it; the account is ACTIVE at once; audited with before and after', async () => {
    const account = await insertAccount(app.dataSource);
    const s = await suspend(account.id);
    const r = await app.exec(admin2, LIFT_SUSPENSION, { id: s.id, reason: ' mistaken identity ' });
    expect(r.errors).toBeUndefined();
    const lifted = r.data!.liftSuspension;
    expect(lifted).toMatchObject({ id: s.id, active: false, createdBy: 'admin-1' });
    expect(Date.parse(lifted.liftedAt)).toBeGreaterThanOrEqual(Date.parse(s.startsAt));
    const row = await app.dataSource.getRepository(SuspensionEntity).findOneByOrFail({ id: s.id });
    expect(row).toMatchObject({ liftedBy: 'admin-2', liftReason: 'mistaken identity' });
    expect(await statusOf(account.id)).toEqual({ status: 'ACTIVE', suspensions: [{ id: s.id, active: false }] });

    const events = await auditEventsOf(app, s.id);
    expect(events.map((e) => e.action)).toEqual(['suspension.create', 'suspension.lift']);
    expect(events[1]).toMatchObject({
      actor: 'admin-2',
      targetId: s.id,
      before: { liftedAt: null, liftedBy: null, liftReason: null },
      after: { liftedAt: lifted.liftedAt, liftedBy: 'admin-2', liftReason: 'mistaken identity' },
    });
  });

  test('after a lift the account may be suspended again', async () => {
    const account = await insertAccount(app.dataSource);
    const s = await suspend(account.id);
    expect((await app.exec(admin, LIFT_SUSPENSION, { id: s.id, reason: 'ok' })).errors).toBeUndefined();
    const again = await suspend(account.id);
    expect((await statusOf(account.id)).status).toBe('SUSPENDED');
    expect(again.id).not.toBe(s.id);
  });

  test('lifting a lifted suspension: CONFLICT, nothing written', async () => {
    const account = await insertAccount(app.dataSource);
    const s = await suspend(account.id);
    expect((await app.exec(admin, LIFT_SUSPENSION, { id: s.id, reason: 'first' })).errors).toBeUndefined();
    const before = await snapshot(app);
    const again = await app.exec(admin, LIFT_SUSPENSION, { id: s.id, reason: 'second' });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(reasonOf(again)).toBe('SUSPENSION_ALREADY_LIFTED');
    expect(await snapshot(app)).toEqual(before);
  });

  test('lifting an ended suspension: CONFLICT, nothing written', async () => {
    const account = await insertAccount(app.dataSource);
    const ended = await insertSuspension(app.dataSource, account.id, { startsAt: daysAgo(5), endsAt: daysAgo(1) });
    const before = await snapshot(app);
    const late = await app.exec(admin, LIFT_SUSPENSION, { id: ended.id, reason: 'late' });
    expect(codeOf(late)).toBe('CONFLICT');
    expect(reasonOf(late)).toBe('SUSPENSION_ALREADY_ENDED');
    expect(await snapshot(app)).toEqual(before);
  });

  test.each([
    ['unknown', randomUUID()],
    ['malformed', 'x'],
  ])('%s id: NOT_FOUND', async (_name, id) => {
    expect(refusalOf(await app.exec(admin, LIFT_SUSPENSION, { id, reason: 'x' }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'SUSPENSION_NOT_FOUND',
    });
  });

  test('a reason is required: BAD_USER_INPUT, still suspended', async () => {
    const account = await insertAccount(app.dataSource);
    const s = await suspend(account.id);
    const before = await snapshot(app);
    expect(codeOf(await app.exec(admin, LIFT_SUSPENSION, { id: s.id, reason: '' }))).toBe('BAD_USER_INPUT');
    expect(await snapshot(app)).toEqual(before);
    expect((await statusOf(account.id)).status).toBe('SUSPENDED');
  });

  test('the suspended user may not lift its own suspension: FORBIDDEN', async () => {
    const account = await insertAccount(app.dataSource);
    const s = await suspend(account.id);
    expect(codeOf(await app.exec(userOf(account.id), LIFT_SUSPENSION, { id: s.id, reason: 'please' }))).toBe('FORBIDDEN');
    expect((await statusOf(account.id)).status).toBe('SUSPENDED');
  });

  test('20 concurrent lifts: exactly one succeeds, the rest CONFLICT, one lift event', async () => {
    const account = await insertAccount(app.dataSource);
    const s = await suspend(account.id);
    const outcomes = await race(app, admin2, 20, LIFT_SUSPENSION, { id: s.id, reason: 'race' });
    expect(reasonsOf(outcomes)).toEqual(['SUSPENSION_ALREADY_LIFTED']);
    expect(tally(outcomes)).toEqual({ ok: 1, CONFLICT: 19 });
    expect((await auditEventsOf(app, s.id)).map((e) => e.action)).toEqual(['suspension.create', 'suspension.lift']);
  });
});
