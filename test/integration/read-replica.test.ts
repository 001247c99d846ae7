import { Writable } from 'node:stream';
import { Logger as JobLogger, runMigrations as installJobQueue } from 'graphile-worker';
import { createDataSource } from '../../src/database/data-source';
import type { ReadKind, ReadOutcome } from '../../src/database/replica-reads';
import { decodeRevision } from '../../src/domain/revision';
import { seedAccount } from '../support/factories';
import { admin, service, startTestApp, TestApp } from '../support/test-app';
import type { ReplicatedCluster } from '../support/replica.mjs' with { 'resolution-mode': 'import' };

// DATABASE_REPLICA_URL against a real streaming replica of a primary of this
// file's own: decision loads and list pages read the replica when it has
// replayed what the caller needs, the primary otherwise, and the primary
// alone while the replica is down.

let cluster: ReplicatedCluster;
let app: TestApp;
const logLines: string[] = [];

beforeAll(async () => {
  const { startReplicatedCluster } = await import('../support/replica.mjs');
  cluster = await startReplicatedCluster({
    prepare: async (url: string) => {
      const ds = createDataSource({ url, poolSize: 1 });
      await ds.initialize();
      try {
        await ds.runMigrations({ transaction: 'each' });
      } finally {
        await ds.destroy();
      }
      await installJobQueue({ connectionString: url, logger: new JobLogger(() => () => undefined) });
    },
  });
  const logDestination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = await startTestApp(
    { DATABASE_URL: cluster.primaryUrl(), DATABASE_REPLICA_URL: cluster.replica.url(), LOG_LEVEL: 'info' },
    { database: { name: 'entitlements', url: cluster.primaryUrl(), drop: async () => undefined }, logDestination },
  );
}, 120_000);

afterAll(async () => {
  await app?.close();
  await cluster?.close();
});

const ENTITLEMENT = 'query($id: ID!, $atLeast: String) { entitlement(accountId: $id, atLeast: $atLeast) { allowed revision } }';
const SUSPEND = 'mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id revision } }';
const SUSPENDED = 'query { accounts(status: SUSPENDED, first: 100) { edges { node { id } } totalCount } }';
const AUDIT = 'query($target: String!) { auditLogConnection(targetId: $target, first: 10) { edges { node { action } } } }';

function reads(kind: ReadKind, outcome: ReadOutcome, of: TestApp = app): number {
  return of.services.replica!.counts[kind][outcome];
}

async function suspendedIds(of: TestApp = app): Promise<string[]> {
  const r = await of.exec(admin, SUSPENDED);
  expect(r.errors).toBeUndefined();
  return r.data!.accounts.edges.map((e: { node: { id: string } }) => e.node.id);
}

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('with a replica that has caught up, decisions and lists are read from it and are right', async () => {
  const [free, suspended] = await Promise.all([seedAccount(app.dataSource), seedAccount(app.dataSource)]);
  const written = await app.exec(admin, SUSPEND, { input: { accountId: suspended, clause: 'Enforcement', reason: 'replica' } });
  expect(written.errors).toBeUndefined();
  await cluster.caughtUp();
  app.services.entitlements.invalidate([free, suspended]);

  const before = { decisions: reads('decision', 'replica'), lists: reads('list', 'replica') };
  expect((await app.exec(service, ENTITLEMENT, { id: free })).data!.entitlement.allowed).toBe(true);
  expect((await app.exec(service, ENTITLEMENT, { id: suspended })).data!.entitlement.allowed).toBe(false);
  expect(reads('decision', 'replica')).toBe(before.decisions + 2);
  expect(reads('decision', 'primary_replica_behind') + reads('decision', 'primary_replica_unavailable')).toBe(0);

  const ids = await suspendedIds();
  expect(ids).toContain(suspended);
  expect(ids).not.toContain(free);
  // The page and its count.
  expect(reads('list', 'replica')).toBe(before.lists + 2);

  // Warm answers stay in memory: no read at all.
  const total = () => Object.values(app.services.replica!.counts.decision).reduce((a, b) => a + b, 0);
  const reads0 = total();
  expect((await app.exec(service, ENTITLEMENT, { id: suspended })).data!.entitlement.allowed).toBe(false);
  expect(total()).toBe(reads0);

  const metrics = await app.services.metrics.registry.metrics();
  expect(metrics).toMatch(/entitlement_db_reads_total\{read="decision",served_by="replica"\} [1-9]/);
  // The replica's pool is read-only by default, on top of the standby refusing writes.
  const [row] = await app.services.replica!['dataSource']!.query('SHOW default_transaction_read_only');
  expect(row.default_transaction_read_only).toBe('on');
});

test('a replica whose replay is paused: decisions after a write and lists come from the primary, then from the replica again', async () => {
  const [id, untouched] = await Promise.all([seedAccount(app.dataSource), seedAccount(app.dataSource)]);
  await cluster.caughtUp();
  // Another process on the same databases, for atLeast across processes.
  const other = await startTestApp({ DATABASE_REPLICA_URL: cluster.replica.url() }, { attachTo: app });
  try {
    expect((await app.exec(service, ENTITLEMENT, { id })).data!.entitlement.allowed).toBe(true);
    expect((await other.exec(service, ENTITLEMENT, { id })).data!.entitlement.allowed).toBe(true);

    await cluster.replica.query('SELECT pg_wal_replay_pause()');
    await until(
      async () => (await cluster.replica.query('SELECT pg_get_wal_replay_pause_state() AS s'))[0].s === 'paused',
      'replay to pause',
    );
    const written = await app.exec(admin, SUSPEND, { input: { accountId: id, clause: 'Enforcement', reason: 'paused replica' } });
    expect(written.errors).toBeUndefined();
    const revision: string = written.data!.suspendAccount.revision;
    const suspensionId: string = written.data!.suspendAccount.id;
    // The replica really lacks it.
    expect(await cluster.replica.query('SELECT 1 FROM suspensions WHERE id = $1', [suspensionId])).toHaveLength(0);

    const behind = reads('decision', 'primary_replica_behind');
    // The writing process, without a token: its own write is what the load needs.
    expect((await app.exec(service, ENTITLEMENT, { id })).data!.entitlement.allowed).toBe(false);
    expect(reads('decision', 'primary_replica_behind')).toBe(behind + 1);
    // Another process, with the token: the primary answers too.
    const otherBehind = reads('decision', 'primary_replica_behind', other);
    const fresh = (await other.exec(service, ENTITLEMENT, { id, atLeast: revision })).data!.entitlement;
    expect(fresh.allowed).toBe(false);
    expect(decodeRevision(fresh.revision)!).toBeGreaterThanOrEqual(decodeRevision(revision)!);
    expect(reads('decision', 'primary_replica_behind', other)).toBe(otherBehind + 1);

    // Lists show the new records, read from the primary.
    const listBehind = reads('list', 'primary_replica_behind');
    expect(await suspendedIds()).toContain(id);
    const audit = await app.exec(admin, AUDIT, { target: suspensionId });
    expect(audit.data!.auditLogConnection.edges.map((e: { node: { action: string } }) => e.node.action)).toContain('suspension.create');
    expect(reads('list', 'primary_replica_behind')).toBeGreaterThanOrEqual(listBehind + 2);

    await cluster.replica.query('SELECT pg_wal_replay_resume()');
    await cluster.caughtUp();
    // The position seen while paused is trusted for a moment (50 ms), then the replica is asked again.
    const onReplica = { decisions: reads('decision', 'replica'), lists: reads('list', 'replica') };
    await until(async () => {
      app.services.entitlements.invalidate([id, untouched]);
      expect((await app.exec(service, ENTITLEMENT, { id })).data!.entitlement.allowed).toBe(false);
      expect((await app.exec(service, ENTITLEMENT, { id: untouched })).data!.entitlement.allowed).toBe(true);
      return reads('decision', 'replica') >= onReplica.decisions + 2;
    }, 'decisions to return to the replica');
    await until(async () => {
      expect(await suspendedIds()).toContain(id);
      return reads('list', 'replica') > onReplica.lists;
    }, 'lists to return to the replica');
  } finally {
    await cluster.replica.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
    await other.close();
  }
});

test('with the replica down, answers come from the primary; once it is back, from the replica again', async () => {
  const [free, suspended] = await Promise.all([seedAccount(app.dataSource), seedAccount(app.dataSource)]);
  await cluster.caughtUp();
  await cluster.replica.stop();
  try {
    const warnedBefore = logLines.filter((l) => l.includes('database replica unavailable')).length;
    const unavailable = reads('decision', 'primary_replica_unavailable');
    const written = await app.exec(admin, SUSPEND, { input: { accountId: suspended, clause: 'Enforcement', reason: 'replica down' } });
    expect(written.errors).toBeUndefined();
    for (let i = 0; i < 3; i += 1) {
      app.services.entitlements.invalidate([free, suspended]);
      const [a, b] = await Promise.all([app.exec(service, ENTITLEMENT, { id: free }), app.exec(service, ENTITLEMENT, { id: suspended })]);
      expect(a.errors).toBeUndefined();
      expect(a.data!.entitlement.allowed).toBe(true);
      expect(b.data!.entitlement.allowed).toBe(false);
      expect(await suspendedIds()).toContain(suspended);
    }
    expect(reads('decision', 'primary_replica_unavailable')).toBeGreaterThanOrEqual(unavailable + 3);
    // Logged once for the outage, not per read.
    expect(logLines.filter((l) => l.includes('database replica unavailable')).length).toBe(warnedBefore + 1);
  } finally {
    await cluster.replica.start();
  }
  await cluster.caughtUp();
  const onReplica = reads('decision', 'replica');
  // Tried again after a moment (retryMs): decisions go back to the replica.
  await until(async () => {
    app.services.entitlements.invalidate([free]);
    expect((await app.exec(service, ENTITLEMENT, { id: free })).data!.entitlement.allowed).toBe(true);
    return reads('decision', 'replica') > onReplica;
  }, 'reads to return to the replica');
  expect(logLines.some((l) => l.includes('database replica reachable again'))).toBe(true);
});

test('while changes cannot be heard, reads go to the primary: what this process knows is then no bound on the lag', async () => {
  const id = await seedAccount(app.dataSource);
  await cluster.caughtUp();
  app.services.changeListener.simulateDisconnect(60_000);
  try {
    await until(() => app.services.entitlements.degraded, 'the listener to be cut');
    const behind = { decisions: reads('decision', 'primary_replica_behind'), lists: reads('list', 'primary_replica_behind') };
    expect((await app.exec(service, ENTITLEMENT, { id })).data!.entitlement.allowed).toBe(true);
    await suspendedIds();
    expect(reads('decision', 'primary_replica_behind')).toBe(behind.decisions + 1);
    expect(reads('list', 'primary_replica_behind')).toBe(behind.lists + 2);
  } finally {
    app.services.changeListener.endSimulatedOutage();
  }
});
