import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../src/services/actor';
import { service, startTestApp, TestApp } from '../support/test-app';
import { ENTITLEMENT_ALLOWED } from '../support/operations';
import { addSuspension, seedAccount } from '../support/factories';

let one: TestApp;
let two: TestApp;
let ds: DataSource;

beforeAll(async () => {
  one = await startTestApp();
  two = await startTestApp({}, { attachTo: one });
  ds = one.dataSource;
});
afterAll(async () => {
  await two.close();
  await one.close();
});

async function allowed(app: TestApp, id: string): Promise<boolean> {
  const r = await app.exec(service, ENTITLEMENT_ALLOWED, { id });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.entitlement.allowed;
}

function suspend(app: TestApp, id: string) {
  return app.services.transactions.run(SYSTEM_ACTOR, async (uow) => {
    await addSuspension(uow.manager.connection, id);
    uow.touchAccounts(id);
    uow.record({ action: 'suspension.create', targetType: 'Account', targetId: id });
  });
}

function lift(app: TestApp, id: string) {
  return app.services.transactions.run(SYSTEM_ACTOR, async (uow) => {
    await uow.manager.query(`UPDATE suspensions SET lifted_at = now(), lifted_by = 'x' WHERE account_id = $1 AND lifted_at IS NULL`, [id]);
    uow.touchAccounts(id);
    uow.record({ action: 'suspension.lift', targetType: 'Account', targetId: id });
  });
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 2000): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function listening(app: TestApp): Promise<void> {
  await eventually(async () => app.services.changeListener.isConnected, 5000);
}

beforeEach(async () => {
  await listening(one);
  await listening(two);
});

test('the decision is cached: a write behind the service\'s back is not seen until something invalidates it', async () => {
  // This proves the cache is really in use, which is what makes the next tests meaningful.
  const id = await seedAccount(ds);
  expect(await allowed(one, id)).toBe(true);
  await addSuspension(ds, id); // no runner, no notification
  expect(await allowed(one, id)).toBe(true);
  one.services.entitlements.invalidate([id]);
  expect(await allowed(one, id)).toBe(false);
});

test('on the same process, no answer after a mutation returns reflects the old state', async () => {
  const ids = await Promise.all(Array.from({ length: 20 }, () => seedAccount(ds)));
  for (const id of ids) expect(await allowed(one, id)).toBe(true);
  for (const id of ids) {
    // Concurrent readers keep the cache busy while the write commits.
    const readers = Array.from({ length: 5 }, () => allowed(one, id));
    await suspend(one, id);
    await Promise.all(readers);
    expect(await allowed(one, id)).toBe(false);
    const readers2 = Array.from({ length: 5 }, () => allowed(one, id));
    await lift(one, id);
    await Promise.all(readers2);
    expect(await allowed(one, id)).toBe(true);
  }
});

test('another process on the same database follows within a bounded time', async () => {
  const id = await seedAccount(ds);
  expect(await allowed(two, id)).toBe(true);
  await suspend(one, id);
  const ms = await eventually(async () => !(await allowed(two, id)));
  expect(ms).toBeLessThan(2000);
  await lift(one, id);
  await eventually(async () => allowed(two, id));
});

test('a dropped listener connection leaves no stale answers, and caching resumes after reconnecting', async () => {
  const id = await seedAccount(ds);
  expect(await allowed(two, id)).toBe(true);
  two.services.changeListener.simulateDisconnect();
  await eventually(async () => !two.services.changeListener.isConnected);
  // While it cannot hear, a change made by the other process is read from the database.
  await suspend(one, id);
  expect(await allowed(two, id)).toBe(false);
  await listening(two);
  expect(two.services.entitlements.cache!.isEnabled).toBe(true);
  await lift(one, id);
  await eventually(async () => allowed(two, id));
});

test('policy versions follow a publication on another process', async () => {
  const id = await seedAccount(ds);
  expect(await allowed(two, id)).toBe(true);
  await one.services.transactions.run(SYSTEM_ACTOR, async (uow) => {
    await uow.manager.query(
      `INSERT INTO policy_versions (version, published_at, effective_at, significant, summary, published_by)
       VALUES ('fresh-1', now() - interval '1 day', now() - interval '1 second', true, 's', 'x')`,
    );
    uow.touchAccounts('*');
    uow.record({ action: 'policy.publish', targetType: 'PolicyVersion', targetId: 'fresh-1' });
  });
  expect(await allowed(one, id)).toBe(false);
  await eventually(async () => !(await allowed(two, id)));
});

test('a link recorded with the id in upper case still reaches the cached decision at once', async () => {
  const suspended = await seedAccount(ds);
  const other = await seedAccount(ds);
  const RECORD = 'mutation($id: ID!) { recordAccountSignals(accountId: $id, signals: [{ kind: PAYMENT_FINGERPRINT, value: "card-upper-1" }]) }';
  const linked = async (app: TestApp) => {
    const r = await app.exec(service, 'query($id: ID!) { entitlement(accountId: $id) { reasons { code } } }', { id: other });
    return r.data!.entitlement.reasons.some((x: { code: string }) => x.code === 'LINKED_TO_SUSPENDED_ACCOUNT');
  };
  expect((await one.exec(service, RECORD, { id: suspended })).errors).toBeUndefined();
  await suspend(one, suspended);
  expect(await linked(one)).toBe(false); // cached, not yet linked
  expect(await linked(two)).toBe(false);
  const r = await one.exec(service, RECORD, { id: other.toUpperCase() });
  expect(r.errors).toBeUndefined();
  expect(await linked(one)).toBe(true);
  await eventually(() => linked(two));
});
