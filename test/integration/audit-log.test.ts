import { SYSTEM_ACTOR } from '../../src/services/shared/actor';
import { admin, codeOf, service, startTestApp, TestApp } from '../support/test-app';
import { VERIFY_AUDIT_LOG } from '../support/operations';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

function write(targetId: string, after: unknown = { n: 1 }) {
  return app.services.transactions.run({ sub: 'admin-1', role: 'admin' as never, requestId: 'req-1' }, async (uow) => {
    uow.changes.push({ action: 'test.write', targetType: 'Thing', targetId, before: null, after });
  });
}

test('events carry actor, role, action, target, before/after, time and request id, newest first', async () => {
  await write('t-1', { b: 2, a: [1, { z: true, y: null }], when: new Date('2026-01-01T00:00:00Z') });
  const r = await app.exec(
    admin,
    '{ auditLog(targetId: "t-1") { sequence actor actorRole action targetType targetId before after at requestId hash prevHash } }',
  );
  expect(r.errors).toBeUndefined();
  const [e] = r.data!.auditLog;
  expect(e).toMatchObject({
    actor: 'admin-1',
    actorRole: 'admin',
    action: 'test.write',
    targetType: 'Thing',
    targetId: 't-1',
    before: null,
    requestId: 'req-1',
  });
  expect(JSON.parse(e.after)).toEqual({ a: [1, { y: null, z: true }], b: 2, when: '2026-01-01T00:00:00.000Z' });
  expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
});

test('concurrent writers still produce one unbroken chain', async () => {
  await Promise.all(Array.from({ length: 30 }, (_, i) => write(`c-${i}`)));
  const rows = await app.dataSource.query('SELECT sequence, prev_hash, hash FROM audit_events ORDER BY sequence');
  rows.forEach((row: { sequence: number; prev_hash: string }, i: number) => {
    expect(row.sequence).toBe(i + 1);
    if (i > 0) expect(row.prev_hash).toBe(rows[i - 1].hash);
  });
  const v = await app.exec(admin, VERIFY_AUDIT_LOG);
  expect(v.data!.verifyAuditLog).toEqual({ ok: true, checked: rows.length, firstBrokenSequence: null });
});

test('the table refuses UPDATE, DELETE and TRUNCATE', async () => {
  await write('immutable');
  await expect(app.dataSource.query(`UPDATE audit_events SET action = 'x' WHERE target_id = 'immutable'`)).rejects.toThrow(/append-only/);
  await expect(app.dataSource.query(`DELETE FROM audit_events WHERE target_id = 'immutable'`)).rejects.toThrow(/append-only/);
  await expect(app.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
});

test('a failed change writes no audit event', async () => {
  const before = await app.dataSource.query('SELECT count(*)::int AS n FROM audit_events');
  await expect(
    app.services.transactions.run(SYSTEM_ACTOR, async (uow) => {
      uow.changes.push({ action: 'test.write', targetType: 'Thing', targetId: 'never' });
      await uow.manager.query(`INSERT INTO plans (code, name, commercial_use) VALUES ('free', 'dup', false)`);
    }),
  ).rejects.toMatchObject({ code: '23505', message: expect.stringContaining('duplicate key') });
  const after = await app.dataSource.query('SELECT count(*)::int AS n FROM audit_events');
  expect(after[0].n).toBe(before[0].n);
});

describe("tampering behind the service's back is found", () => {
  // Each case alters the chain with the trigger disabled, checks, then restores nothing: run last.
  test('an altered event is reported by its sequence', async () => {
    for (let i = 0; i < 5; i += 1) await write(`tamper-${i}`);
    const [{ sequence }] = await app.dataSource.query(`SELECT sequence FROM audit_events WHERE target_id = 'tamper-2'`);
    await app.dataSource.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
    await app.dataSource.query(`UPDATE audit_events SET after = '{"n": 2}' WHERE target_id = 'tamper-2'`);
    const v = await app.exec(admin, VERIFY_AUDIT_LOG);
    expect(v.data!.verifyAuditLog).toMatchObject({ ok: false, firstBrokenSequence: sequence, checked: sequence - 1 });

    // A deleted event earlier in the chain is found first.
    await app.dataSource.query(`DELETE FROM audit_events WHERE target_id = 'tamper-0'`);
    const [{ missing }] = await app.dataSource.query(`SELECT min(sequence) + 0 AS missing FROM audit_events WHERE target_id = 'tamper-1'`);
    const v2 = await app.exec(admin, VERIFY_AUDIT_LOG);
    expect(v2.data!.verifyAuditLog).toMatchObject({ ok: false, firstBrokenSequence: missing - 1 });
    await app.dataSource.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
  });
});

test('only admins read the audit log; limit is bounded', async () => {
  expect(codeOf(await app.exec(service, '{ auditLog { id } }'))).toBe('FORBIDDEN');
  expect(codeOf(await app.exec(service, VERIFY_AUDIT_LOG))).toBe('FORBIDDEN');
  expect(codeOf(await app.exec(admin, '{ auditLog(limit: 0) { id } }'))).toBe('BAD_USER_INPUT');
  expect(codeOf(await app.exec(admin, '{ auditLog(limit: 100000) { id } }'))).toBe('BAD_USER_INPUT');
  const r = await app.exec(admin, '{ auditLog(limit: 3) { sequence } }');
  const seqs = r.data!.auditLog.map((e: { sequence: number }) => e.sequence);
  expect(seqs).toHaveLength(3);
  expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
});
