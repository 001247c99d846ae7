import { randomUUID } from 'node:crypto';
import { AppealEntity, SuspensionEntity } from '../../src/entities';
import { readAccount } from '../support/account-reader';
import { atInstant } from '../support/clock';
import { admin, admin2, codeOf, reasonOf, refusalOf, service, startTestApp, TestApp, userOf } from '../support/test-app';
import { APPEALS, DECIDE_APPEAL, FILE_APPEAL, LIFT_SUSPENSION_ID, SUSPEND_ACCOUNT_START } from '../support/operations';
import { auditEventsOf } from '../support/audit';
import { race, snapshot, tally } from '../support/enforcement';
import { insertAccount, insertSuspension } from '../support/factories';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

/** An account suspended now by admin-1 through the API. */
async function suspended() {
  const account = await insertAccount(app.dataSource);
  const r = await app.exec(admin, SUSPEND_ACCOUNT_START, { input: { accountId: account.id, clause: '9(n)', reason: 'ban evasion' } });
  expect(r.errors).toBeUndefined();
  return { account, suspension: r.data!.suspendAccount as { id: string; startsAt: string } };
}

async function fileAppeal(accountId: string, suspensionId: string, statement = 'That second account is my spouse') {
  const r = await app.exec(userOf(accountId), FILE_APPEAL, { input: { suspensionId, statement } });
  expect(r.errors).toBeUndefined();
  return r.data!.fileAppeal;
}

async function statusOf(accountId: string) {
  return (await readAccount(app, admin, accountId, 'status')).account!.status;
}

describe('fileAppeal', () => {
  test("the suspended account's own user appeals an active suspension; audited", async () => {
    const { account, suspension } = await suspended();
    const r = await app.exec(userOf(account.id), FILE_APPEAL, {
      input: { suspensionId: suspension.id, statement: '  I did nothing wrong  ' },
    });
    expect(r.errors).toBeUndefined();
    const appeal = r.data!.fileAppeal;
    expect(appeal).toEqual({
      id: expect.any(String),
      suspensionId: suspension.id,
      statement: 'I did nothing wrong',
      status: 'PENDING',
      createdAt: expect.any(String),
      decidedAt: null,
    });
    const row = await app.dataSource.getRepository(AppealEntity).findOneByOrFail({ id: appeal.id });
    expect(row).toMatchObject({ accountId: account.id, filedBy: account.id, decidedBy: null });
    expect(await auditEventsOf(app, appeal.id)).toEqual([
      expect.objectContaining({
        actor: account.id,
        action: 'appeal.file',
        targetType: 'Appeal',
        targetId: appeal.id,
        before: null,
        after: expect.objectContaining({
          suspensionId: suspension.id,
          accountId: account.id,
          status: 'PENDING',
          statement: 'I did nothing wrong',
        }),
      }),
    ]);
  });

  test.each([
    ["another account's user", () => userOf(randomUUID())],
    ['an admin', () => admin2],
    ['a service', () => service],
  ])('%s may not appeal it: FORBIDDEN, nothing written', async (_name, principal) => {
    const { suspension } = await suspended();
    const before = await snapshot(app);
    const r = await app.exec(principal(), FILE_APPEAL, { input: { suspensionId: suspension.id, statement: 'x' } });
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(reasonOf(r)).toMatch(/^(NOT_APPEALABLE_BY_CALLER|ROLE_NOT_ALLOWED)$/);
    expect(await snapshot(app)).toEqual(before);
  });

  test('a lifted suspension cannot be appealed: BAD_USER_INPUT, nothing written', async () => {
    const { account, suspension } = await suspended();
    expect((await app.exec(admin, LIFT_SUSPENSION_ID, { id: suspension.id })).errors).toBeUndefined();
    const before = await snapshot(app);
    const r = await app.exec(userOf(account.id), FILE_APPEAL, { input: { suspensionId: suspension.id, statement: 'x' } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(reasonOf(r)).toBe('SUSPENSION_NOT_IN_FORCE');
    expect(r.errors![0].message).toMatch(/no longer in force/);
    expect(await snapshot(app)).toEqual(before);
  });

  test('an ended suspension cannot be appealed: BAD_USER_INPUT', async () => {
    const account = await insertAccount(app.dataSource);
    const ended = await insertSuspension(app.dataSource, account.id, { startsAt: daysAgo(3), endsAt: daysAgo(1) });
    expect(codeOf(await app.exec(userOf(account.id), FILE_APPEAL, { input: { suspensionId: ended.id, statement: 'x' } }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  test('within APPEAL_WINDOW_DAYS (30) of the start: allowed; after it: BAD_USER_INPUT naming the window', async () => {
    const recent = await insertAccount(app.dataSource);
    const inWindow = await insertSuspension(app.dataSource, recent.id, { startsAt: daysAgo(29.9) });
    await fileAppeal(recent.id, inWindow.id);

    const old = await insertAccount(app.dataSource);
    const late = await insertSuspension(app.dataSource, old.id, { startsAt: daysAgo(30.1) });
    const before = await snapshot(app);
    const r = await app.exec(userOf(old.id), FILE_APPEAL, { input: { suspensionId: late.id, statement: 'x' } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(reasonOf(r)).toBe('APPEAL_WINDOW_CLOSED');
    expect(r.errors![0].message).toMatch(/within 30 days/);
    expect(await snapshot(app)).toEqual(before);
  });

  test("by the services' clock, the window closes exactly 30 days after the start: at the instant allowed, 1 ms later refused", async () => {
    const { account, suspension } = await suspended();
    const closes = new Date(suspension.startsAt).getTime() + 30 * DAY;
    const file = () => app.exec(userOf(account.id), FILE_APPEAL, { input: { suspensionId: suspension.id, statement: 'x' } });
    const late = await atInstant(app, new Date(closes + 1), file);
    expect({ code: codeOf(late), reason: reasonOf(late) }).toEqual({ code: 'BAD_USER_INPUT', reason: 'APPEAL_WINDOW_CLOSED' });
    const onTime = await atInstant(app, new Date(closes), file);
    expect(onTime.errors).toBeUndefined();
    expect(onTime.data!.fileAppeal.createdAt).toBeDefined();
  });

  test.each([
    ['empty', ''],
    ['blank', '  '],
    ['over 2,000 characters', 's'.repeat(2001)],
  ])('a statement %s: BAD_USER_INPUT', async (_name, statement) => {
    const { account, suspension } = await suspended();
    const before = await snapshot(app);
    const r = await app.exec(userOf(account.id), FILE_APPEAL, { input: { suspensionId: suspension.id, statement } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: 'statement' })]);
    expect(await snapshot(app)).toEqual(before);
  });

  test.each([
    ['unknown', randomUUID()],
    ['malformed', 'abc'],
  ])('%s suspension: NOT_FOUND', async (_name, suspensionId) => {
    const account = await insertAccount(app.dataSource);
    expect(refusalOf(await app.exec(userOf(account.id), FILE_APPEAL, { input: { suspensionId, statement: 'x' } }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'SUSPENSION_NOT_FOUND',
    });
  });

  test('one pending appeal per suspension: CONFLICT; once decided, the holder may appeal again', async () => {
    const { account, suspension } = await suspended();
    const first = await fileAppeal(account.id, suspension.id);
    const before = await snapshot(app);
    const again = await app.exec(userOf(account.id), FILE_APPEAL, { input: { suspensionId: suspension.id, statement: 'again' } });
    expect({ code: codeOf(again), reason: reasonOf(again) }).toEqual({ code: 'CONFLICT', reason: 'APPEAL_ALREADY_PENDING' });
    expect(await snapshot(app)).toEqual(before);
    expect(
      (await app.exec(admin2, DECIDE_APPEAL, { id: first.id, input: { decision: 'UPHOLD', note: 'evidence is clear' } })).errors,
    ).toBeUndefined();
    const second = await fileAppeal(account.id, suspension.id, 'new evidence attached');
    expect(second.status).toBe('PENDING');
  });

  test('20 concurrent appeals of one suspension: exactly one succeeds, the rest CONFLICT', async () => {
    const { account, suspension } = await suspended();
    const outcomes = await race(app, userOf(account.id), 20, FILE_APPEAL, { input: { suspensionId: suspension.id, statement: 'race' } });
    expect(tally(outcomes)).toEqual({ ok: 1, CONFLICT: 19 });
    expect(await app.dataSource.getRepository(AppealEntity).countBy({ suspensionId: suspension.id })).toBe(1);
  });
});

describe('appeals', () => {
  test('admin only; oldest first; filtered by status', async () => {
    const filed: Array<{ id: string }> = [];
    for (let i = 0; i < 3; i += 1) {
      const { account, suspension } = await suspended();
      filed.push(await fileAppeal(account.id, suspension.id));
    }
    expect(
      (await app.exec(admin2, DECIDE_APPEAL, { id: filed[0].id, input: { decision: 'OVERTURN', note: 'ok' } })).errors,
    ).toBeUndefined();
    const all = (await app.exec(admin, APPEALS, {})).data!.appeals as Array<{ id: string; createdAt: string; status: string }>;
    const times = all.map((a) => Date.parse(a.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(all.filter((a) => filed.some((f) => f.id === a.id)).map((a) => a.id)).toEqual(filed.map((f) => f.id));
    const pending = (await app.exec(admin, APPEALS, { status: 'PENDING' })).data!.appeals as Array<{ id: string; status: string }>;
    expect(pending.every((a) => a.status === 'PENDING')).toBe(true);
    expect(pending.map((a) => a.id)).not.toContain(filed[0].id);
    const overturned = (await app.exec(admin, APPEALS, { status: 'OVERTURNED' })).data!.appeals;
    expect(overturned).toEqual([expect.objectContaining({ id: filed[0].id })]);
    expect(codeOf(await app.exec(service, APPEALS, {}))).toBe('FORBIDDEN');
    expect(codeOf(await app.exec(userOf(randomUUID()), APPEALS, {}))).toBe('FORBIDDEN');
  });
});

describe('decideAppeal', () => {
  test('UPHOLD by a second admin: the suspension stays in force; audited', async () => {
    const { account, suspension } = await suspended();
    const appeal = await fileAppeal(account.id, suspension.id);
    const r = await app.exec(admin2, DECIDE_APPEAL, { id: appeal.id, input: { decision: 'UPHOLD', note: ' confirmed ' } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.decideAppeal).toMatchObject({ id: appeal.id, status: 'UPHELD', decidedAt: expect.any(String) });
    const row = await app.dataSource.getRepository(AppealEntity).findOneByOrFail({ id: appeal.id });
    expect(row).toMatchObject({ decidedBy: 'admin-2', decisionNote: 'confirmed' });
    expect(await statusOf(account.id)).toBe('SUSPENDED');
    const events = await auditEventsOf(app, appeal.id);
    expect(events.map((e) => e.action)).toEqual(['appeal.file', 'appeal.decide']);
    expect(events[1]).toMatchObject({
      actor: 'admin-2',
      targetType: 'Appeal',
      before: { status: 'PENDING', decidedBy: null, decidedAt: null, decisionNote: null },
      after: { status: 'UPHELD', decidedBy: 'admin-2', decisionNote: 'confirmed' },
    });
    expect((await auditEventsOf(app, suspension.id)).map((e) => e.action)).toEqual(['suspension.create']);
  });

  test('OVERTURN lifts the suspension in the same transaction: liftedAt now, liftedBy the deciding admin; account ACTIVE', async () => {
    const { account, suspension } = await suspended();
    const appeal = await fileAppeal(account.id, suspension.id);
    const r = await app.exec(admin2, DECIDE_APPEAL, { id: appeal.id, input: { decision: 'OVERTURN', note: 'wrong person' } });
    expect(r.errors).toBeUndefined();
    const decided = r.data!.decideAppeal;
    expect(decided.status).toBe('OVERTURNED');
    const s = await app.dataSource.getRepository(SuspensionEntity).findOneByOrFail({ id: suspension.id });
    expect(s.liftedBy).toBe('admin-2');
    expect(s.liftedAt!.toISOString()).toBe(decided.decidedAt);
    expect(s.liftReason).toContain('wrong person');
    expect(await statusOf(account.id)).toBe('ACTIVE');
    const liftEvents = await auditEventsOf(app, suspension.id);
    expect(liftEvents.map((e) => e.action)).toEqual(['suspension.create', 'suspension.lift']);
    expect(liftEvents[1]).toMatchObject({
      actor: 'admin-2',
      before: { liftedAt: null },
      after: { liftedBy: 'admin-2', liftedAt: decided.decidedAt },
    });
    expect((await auditEventsOf(app, appeal.id)).map((e) => e.action)).toEqual(['appeal.file', 'appeal.decide']);
  });

  test('OVERTURN of a suspension that ended meanwhile decides the appeal and leaves the suspension as it is', async () => {
    const account = await insertAccount(app.dataSource);
    const s = await insertSuspension(app.dataSource, account.id, { startsAt: daysAgo(2), createdBy: 'admin-1' });
    const appeal = await fileAppeal(account.id, s.id);
    await app.dataSource.query(`UPDATE suspensions SET ends_at = now() - interval '1 minute' WHERE id = $1`, [s.id]);
    const r = await app.exec(admin2, DECIDE_APPEAL, { id: appeal.id, input: { decision: 'OVERTURN', note: 'too late to matter' } });
    expect(r.data!.decideAppeal.status).toBe('OVERTURNED');
    const after = await app.dataSource.getRepository(SuspensionEntity).findOneByOrFail({ id: s.id });
    expect(after.liftedAt).toBeNull();
  });

  test('four eyes: the admin who imposed the suspension may not decide its appeal: FORBIDDEN, nothing written', async () => {
    const { account, suspension } = await suspended();
    const appeal = await fileAppeal(account.id, suspension.id);
    for (const decision of ['UPHOLD', 'OVERTURN']) {
      const before = await snapshot(app);
      const r = await app.exec(admin, DECIDE_APPEAL, { id: appeal.id, input: { decision, note: 'my own call' } });
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(reasonOf(r)).toBe('SAME_REVIEWER');
      expect(r.errors![0].message).toMatch(/second admin/);
      expect(await snapshot(app)).toEqual(before);
    }
    expect(await statusOf(account.id)).toBe('SUSPENDED');
  });

  test('deciding twice: CONFLICT, nothing written', async () => {
    const { account, suspension } = await suspended();
    const appeal = await fileAppeal(account.id, suspension.id);
    expect((await app.exec(admin2, DECIDE_APPEAL, { id: appeal.id, input: { decision: 'UPHOLD', note: 'a' } })).errors).toBeUndefined();
    const before = await snapshot(app);
    const twice = await app.exec(admin2, DECIDE_APPEAL, { id: appeal.id, input: { decision: 'OVERTURN', note: 'b' } });
    expect({ code: codeOf(twice), reason: reasonOf(twice) }).toEqual({ code: 'CONFLICT', reason: 'APPEAL_ALREADY_DECIDED' });
    expect(await snapshot(app)).toEqual(before);
    expect(await statusOf(account.id)).toBe('SUSPENDED');
  });

  test.each([
    ['empty', ''],
    ['over 2,000 characters', 'n'.repeat(2001)],
  ])('a note %s: BAD_USER_INPUT', async (_name, note) => {
    const { account, suspension } = await suspended();
    const appeal = await fileAppeal(account.id, suspension.id);
    const before = await snapshot(app);
    expect(codeOf(await app.exec(admin2, DECIDE_APPEAL, { id: appeal.id, input: { decision: 'OVERTURN', note } }))).toBe('BAD_USER_INPUT');
    expect(await snapshot(app)).toEqual(before);
  });

  test.each([
    ['unknown', randomUUID()],
    ['malformed', '1'],
  ])('%s id: NOT_FOUND', async (_name, id) => {
    expect(refusalOf(await app.exec(admin2, DECIDE_APPEAL, { id, input: { decision: 'UPHOLD', note: 'x' } }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'APPEAL_NOT_FOUND',
    });
  });

  test('only admins decide: FORBIDDEN for the appellant and for services', async () => {
    const { account, suspension } = await suspended();
    const appeal = await fileAppeal(account.id, suspension.id);
    for (const principal of [userOf(account.id), service]) {
      expect(codeOf(await app.exec(principal, DECIDE_APPEAL, { id: appeal.id, input: { decision: 'OVERTURN', note: 'x' } }))).toBe(
        'FORBIDDEN',
      );
    }
    expect(await statusOf(account.id)).toBe('SUSPENDED');
  });

  test('20 concurrent OVERTURN decisions: exactly one succeeds, the rest CONFLICT, one lift', async () => {
    const { account, suspension } = await suspended();
    const appeal = await fileAppeal(account.id, suspension.id);
    const outcomes = await race(app, admin2, 20, DECIDE_APPEAL, { id: appeal.id, input: { decision: 'OVERTURN', note: 'race' } });
    expect(tally(outcomes)).toEqual({ ok: 1, CONFLICT: 19 });
    expect((await auditEventsOf(app, appeal.id)).map((e) => e.action)).toEqual(['appeal.file', 'appeal.decide']);
    expect((await auditEventsOf(app, suspension.id)).map((e) => e.action)).toEqual(['suspension.create', 'suspension.lift']);
    expect(await statusOf(account.id)).toBe('ACTIVE');
  });

  test('appealing, deciding and lifting one suspension at once never deadlocks and leaves it consistent', async () => {
    const { account, suspension } = await suspended();
    const appeal = await fileAppeal(account.id, suspension.id);
    const [decide, lift] = await Promise.all([
      race(app, admin2, 5, DECIDE_APPEAL, { id: appeal.id, input: { decision: 'OVERTURN', note: 'mixed race' } }),
      race(app, admin2, 5, 'mutation($id: ID!) { liftSuspension(id: $id, reason: "mixed race") { id } }', { id: suspension.id }),
    ]);
    expect(tally(decide)).toEqual({ ok: 1, CONFLICT: 4 });
    // Whichever came first lifted it; nobody else could.
    expect(tally(lift).ok ?? 0).toBeLessThanOrEqual(1);
    expect([...decide, ...lift].every((o) => o.code === undefined || o.code === 'CONFLICT')).toBe(true);
    expect((await auditEventsOf(app, suspension.id)).filter((e) => e.action === 'suspension.lift')).toHaveLength(1);
    expect(await statusOf(account.id)).toBe('ACTIVE');
  });
});
