import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../src/services/shared/actor';
import { service, startTestApp, TestApp } from '../support/test-app';
import { ENTITLEMENT_ALLOWED } from '../support/operations';
import { addSuspension, seedAccount } from '../support/factories';

let one: TestApp;
let two: TestApp;
let ds: DataSource;

beforeAll(async () => {
  one = await startTestApp();
  // The fail-closed tests below need the stale window off; degraded answers are tested further down.
  two = await startTestApp({ ENTITLEMENT_STALE_MAX_S: '0' }, { attachTo: one });
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
    uow.changes.push({ action: 'suspension.create', targetType: 'Account', targetId: id });
  });
}

function lift(app: TestApp, id: string) {
  return app.services.transactions.run(SYSTEM_ACTOR, async (uow) => {
    await uow.manager.query(`UPDATE suspensions SET lifted_at = now(), lifted_by = 'x' WHERE account_id = $1 AND lifted_at IS NULL`, [id]);
    uow.touchAccounts(id);
    uow.changes.push({ action: 'suspension.lift', targetType: 'Account', targetId: id });
  });
}

/**
 * Polls until `check` holds. The default bound says whether a change crosses
 * processes at all, generous for a loaded machine: how fast is the bench's to measure.
 */
async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function listening(app: TestApp): Promise<void> {
  await eventually(async () => app.services.changeListener.isConnected);
}

beforeEach(async () => {
  await listening(one);
  await listening(two);
});

test("the decision is cached: a write behind the service's back is not seen until something invalidates it", async () => {
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
  await eventually(async () => !(await allowed(two, id)));
  await lift(one, id);
  await eventually(async () => allowed(two, id));
});

test('with ENTITLEMENT_STALE_MAX_S=0, a dropped listener connection leaves no stale answers, and caching resumes after reconnecting', async () => {
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
    uow.changes.push({ action: 'policy.publish', targetType: 'PolicyVersion', targetId: 'fresh-1' });
  });
  expect(await allowed(one, id)).toBe(false);
  await eventually(async () => !(await allowed(two, id)));
});

test('a link recorded with the id in upper case still reaches the cached decision at once', async () => {
  const suspended = await seedAccount(ds);
  const other = await seedAccount(ds);
  const RECORD =
    'mutation($id: ID!) { recordAccountSignals(accountId: $id, signals: [{ kind: PAYMENT_FINGERPRINT, value: "card-upper-1" }]) }';
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

describe('degraded mode: the listener is lost', () => {
  const DECIDE = 'query($id: ID!) { entitlement(accountId: $id, use: PERSONAL) { allowed stale recordsAsOf } }';
  const DECIDE_MANY = 'query($ids: [ID!]!) { entitlements(accountIds: $ids, use: PERSONAL) { accountId allowed stale recordsAsOf } }';
  let degraded: TestApp;
  let short: TestApp;
  const lines: string[] = [];
  const logs = {
    write: (line: string) => {
      lines.push(line);
    },
  };

  beforeAll(async () => {
    degraded = await startTestApp({ LOG_LEVEL: 'info' }, { attachTo: one, logDestination: logs });
    short = await startTestApp({ ENTITLEMENT_STALE_MAX_S: '2' }, { attachTo: one });
  });
  afterAll(async () => {
    await short.close();
    await degraded.close();
  });

  /** An allowed account, whatever versions earlier tests published. */
  async function allowedAccount(): Promise<string> {
    const id = await seedAccount(ds);
    await ds.query(
      `INSERT INTO policy_acceptances (account_id, version, accepted_by) SELECT $1, version, 'test' FROM policy_versions ON CONFLICT DO NOTHING`,
      [id],
    );
    return id;
  }

  /** Asks until the answer is in the cache (a load that raced with any invalidation is not kept). */
  async function warmUp(app: TestApp, id: string): Promise<void> {
    await eventually(async () => {
      await ask(app, id);
      return app.services.entitlements.cache!.get(id) !== undefined;
    });
  }

  async function ask(app: TestApp, id: string) {
    const r = await app.exec(service, DECIDE, { id });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.entitlement as { allowed: boolean; stale: boolean; recordsAsOf: string };
  }

  test('a connected process answers stale: false, records as of the moment of answering', async () => {
    await listening(degraded);
    const id = await allowedAccount();
    const before = Date.now();
    await ask(degraded, id);
    const warm = await ask(degraded, id);
    expect(warm).toMatchObject({ allowed: true, stale: false });
    expect(Date.parse(warm.recordsAsOf)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(warm.recordsAsOf)).toBeLessThanOrEqual(Date.now());
  });

  test('cached decisions are answered, flagged stale as of the loss; own writes and misses are read fresh; reconnecting ends it', async () => {
    await listening(degraded);
    const [warm, denied, ownWrite, cold] = await Promise.all([allowedAccount(), allowedAccount(), allowedAccount(), allowedAccount()]);
    await suspend(one, denied);
    // Its notification must have been heard before warming, or arriving later it would drop the warmed entry.
    const suspended = one.services.revisions.latestSequence;
    await eventually(async () => degraded.services.revisions.heardSequence >= suspended);
    for (const id of [warm, denied, ownWrite]) await warmUp(degraded, id);
    lines.length = 0;
    const lostAt = Date.now();
    degraded.services.changeListener.simulateDisconnect(60_000);
    await eventually(async () => degraded.services.entitlements.degraded);
    const noticedBy = Date.now();
    // Another process's write cannot be heard: the answer says it may be missing.
    await suspend(one, warm);
    const stale = await ask(degraded, warm);
    expect(stale).toMatchObject({ allowed: true, stale: true });
    // As of the loss: after the connection was cut, no later than the process was seen degraded.
    expect(Date.parse(stale.recordsAsOf)).toBeGreaterThanOrEqual(lostAt);
    expect(Date.parse(stale.recordsAsOf)).toBeLessThanOrEqual(noticedBy);
    // What the last known records deny stays denied.
    expect(await ask(degraded, denied)).toMatchObject({ allowed: false, stale: true });
    // This process's own write drops its entry: read from the database, not stale.
    await suspend(degraded, ownWrite);
    expect(await ask(degraded, ownWrite)).toMatchObject({ allowed: false, stale: false });
    // Not in memory: read from the database (up here), not stale.
    expect(await ask(degraded, cold)).toMatchObject({ allowed: true, stale: false });
    const many = await degraded.exec(service, DECIDE_MANY, { ids: [warm, cold] });
    expect(many.data!.entitlements).toMatchObject([
      { allowed: true, stale: true },
      { allowed: true, stale: false },
    ]);
    expect(degraded.services.entitlements.staleAnswers).toBeGreaterThanOrEqual(3);
    // Back: the cache is flushed, the missed write is seen.
    degraded.services.changeListener.endSimulatedOutage();
    await listening(degraded);
    expect(await ask(degraded, warm)).toMatchObject({ allowed: false, stale: false });
    const messages = lines.map((l) => JSON.parse(l).msg as string).filter((m) => m.startsWith('entitlement degraded mode'));
    expect(messages).toEqual([
      'entitlement degraded mode entered: answering cached decisions, flagged stale, until changes can be heard again',
      'entitlement degraded mode left',
    ]);
  });

  test('past ENTITLEMENT_STALE_MAX_S nothing is answered from memory', async () => {
    await listening(short);
    const id = await allowedAccount();
    await warmUp(short, id);
    short.services.changeListener.simulateDisconnect(60_000);
    await eventually(async () => short.services.entitlements.degraded);
    expect(await ask(short, id)).toMatchObject({ allowed: true, stale: true });
    await suspend(one, id);
    await eventually(async () => !short.services.entitlements.degraded, 5000);
    // Still not hearing changes, but the database is up here: the answer is read fresh and sees the write.
    expect(short.services.changeListener.isConnected).toBe(false);
    expect(await ask(short, id)).toMatchObject({ allowed: false, stale: false });
    short.services.changeListener.endSimulatedOutage();
    await listening(short);
  });
});
