import { randomUUID } from 'node:crypto';
import { AccountEntity } from '../../src/entities';
import { admin, admin2, codeOf, service, startTestApp, TestApp, userOf } from '../support/test-app';
import { VERIFY_GOVERNMENT_STATUS } from '../support/operations';
import { auditEventsOf } from '../support/audit';
import { snapshot } from '../support/enforcement';
import { insertAccount } from '../support/factories';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('verifyGovernmentStatus', () => {
  test('records the finding with who and when, returns the account, and audits before and after', async () => {
    const account = await insertAccount(app.dataSource, { displayName: 'City of Springfield' });
    const before = Date.now();
    const r = await app.exec(admin, VERIFY_GOVERNMENT_STATUS, { id: account.id, gov: true, note: '  municipal charter checked  ' });
    expect(r.errors).toBeUndefined();
    expect(r.data!.verifyGovernmentStatus).toEqual({
      id: account.id,
      email: account.email,
      displayName: 'City of Springfield',
      createdAt: account.createdAt.toISOString(),
      status: 'ACTIVE',
    });
    const row = await app.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: account.id });
    expect(row).toMatchObject({
      governmentVerified: true,
      governmentVerifiedBy: 'admin-1',
      governmentVerificationNote: 'municipal charter checked',
    });
    expect(row.governmentVerifiedAt!.getTime()).toBeGreaterThanOrEqual(before - 5);

    const events = await auditEventsOf(app, account.id);
    expect(events).toEqual([
      expect.objectContaining({
        actor: 'admin-1',
        action: 'account.verify_government_status',
        targetType: 'Account',
        targetId: account.id,
        before: { governmentVerified: null, governmentVerifiedBy: null, governmentVerifiedAt: null, governmentVerificationNote: null },
        after: {
          governmentVerified: true,
          governmentVerifiedBy: 'admin-1',
          governmentVerifiedAt: row.governmentVerifiedAt!.toISOString(),
          governmentVerificationNote: 'municipal charter checked',
        },
      }),
    ]);
  });

  test('a later finding replaces the earlier one, both ways, each audited', async () => {
    const account = await insertAccount(app.dataSource);
    expect(
      (await app.exec(admin, VERIFY_GOVERNMENT_STATUS, { id: account.id, gov: true, note: 'looked like a ministry' })).errors,
    ).toBeUndefined();
    expect(
      (await app.exec(admin2, VERIFY_GOVERNMENT_STATUS, { id: account.id, gov: false, note: 'a private contractor after all' })).errors,
    ).toBeUndefined();
    const row = await app.dataSource.getRepository(AccountEntity).findOneByOrFail({ id: account.id });
    expect(row).toMatchObject({
      governmentVerified: false,
      governmentVerifiedBy: 'admin-2',
      governmentVerificationNote: 'a private contractor after all',
    });
    const events = await auditEventsOf(app, account.id);
    expect(events.map((e) => [e.actor, e.before.governmentVerified, e.after.governmentVerified])).toEqual([
      ['admin-1', null, true],
      ['admin-2', true, false],
    ]);
  });

  test('the verification and its time are set together (the database refuses one without the other)', async () => {
    const account = await insertAccount(app.dataSource);
    await expect(app.dataSource.query('UPDATE accounts SET government_verified = true WHERE id = $1', [account.id])).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23514' }),
    });
  });

  test.each([
    ['empty', ''],
    ['blank', '   '],
    ['over 2,000 characters', 'n'.repeat(2001)],
  ])('a note %s: BAD_USER_INPUT, nothing written', async (_name, note) => {
    const account = await insertAccount(app.dataSource);
    const before = await snapshot(app);
    const r = await app.exec(admin, VERIFY_GOVERNMENT_STATUS, { id: account.id, gov: true, note });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: 'note' })]);
    expect(await snapshot(app)).toEqual(before);
  });

  test.each([
    ['unknown', randomUUID()],
    ['malformed', 'gov-1'],
  ])('%s account: NOT_FOUND, nothing written', async (_name, id) => {
    const before = await snapshot(app);
    expect(codeOf(await app.exec(admin, VERIFY_GOVERNMENT_STATUS, { id, gov: true, note: 'x' }))).toBe('NOT_FOUND');
    expect(await snapshot(app)).toEqual(before);
  });

  test('only admins verify: FORBIDDEN for the account holder and for services, nothing written', async () => {
    const account = await insertAccount(app.dataSource);
    const before = await snapshot(app);
    for (const principal of [userOf(account.id), service]) {
      expect(codeOf(await app.exec(principal, VERIFY_GOVERNMENT_STATUS, { id: account.id, gov: false, note: 'not us' }))).toBe('FORBIDDEN');
    }
    expect(await snapshot(app)).toEqual(before);
  });
});
