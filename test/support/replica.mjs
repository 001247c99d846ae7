// A PostgreSQL primary with a real streaming replica, made from the embedded
// package's binaries (initdb, postgres; there is no pg_basebackup): the base
// backup is taken with the low-level API (pg_backup_start / pg_backup_stop in
// one session, the data directory copied in between, the label file written
// as backup_label), then standby.signal and primary_conninfo make the copy a
// hot standby that streams from the primary.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, copyFileSync, rmSync, writeFileSync, appendFileSync, lstatSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadEmbeddedPostgres } from './embedded-postgres.mjs';

const USER = 'postgres';
const PASSWORD = 'postgres';

// What pg_basebackup leaves out: files of the running server and directories whose contents are rebuilt at start.
const SKIPPED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map']);
const EMPTIED_DIRS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_stat_tmp',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_subtrans',
]);

/** Copies a running cluster's files; a file removed meanwhile (temporary files) is skipped, as WAL replay fixes the rest. */
function copyDataDir(from, to, top = true) {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(from)) {
    if (top && SKIPPED_FILES.has(name)) continue;
    const source = join(from, name);
    const target = join(to, name);
    let stat;
    try {
      stat = lstatSync(source);
    } catch {
      continue;
    }
    if (stat.isDirectory()) {
      if (top && EMPTIED_DIRS.has(name)) mkdirSync(target, { mode: 0o700 });
      else copyDataDir(source, target, false);
    } else if (stat.isFile()) {
      try {
        copyFileSync(source, target);
      } catch (error) {
        if (error.code !== 'ENOENT') throw error;
      }
    }
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function freePort() {
  return new Promise((resolve, reject) => {
    import('node:net').then(({ createServer }) => {
      const srv = createServer();
      srv.unref();
      srv.on('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const { port } = srv.address();
        srv.close(() => resolve(port));
      });
    });
  });
}

const url = (port, database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

async function waitForConnections(connectionString, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Starts a primary (its own cluster, in a temporary directory), runs
 * `prepare(primaryUrl)` on it (create and migrate a database), and makes a
 * streaming replica of it. `replica.stop()` / `replica.start()` take the
 * replica down and up again; `close()` removes both.
 */
export async function startReplicatedCluster({ database = 'entitlements', prepare = async () => undefined } = {}) {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const root = mkdtempSync(join(tmpdir(), 'entitlement-replica-'));
  chmodSync(root, 0o711);
  const primaryDir = join(root, 'primary');
  const replicaDir = join(root, 'replica');
  const primaryPort = await freePort();
  const replicaPort = await freePort();
  const flags = ['-c', 'fsync=off', '-c', 'full_page_writes=on', '-c', 'max_connections=100', '-c', 'wal_keep_size=256MB'];
  const primary = new EmbeddedPostgres({
    databaseDir: primaryDir,
    port: primaryPort,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: flags,
    onLog: () => {},
    onError: () => {},
  });
  await primary.initialise();
  await primary.start();

  const admin = new pg.Client({ connectionString: url(primaryPort, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await prepare(url(primaryPort, database));

  // The base backup: label, copy and stop in the same session.
  await admin.query(`SELECT pg_backup_start('replica', true)`);
  copyDataDir(primaryDir, replicaDir);
  const { rows } = await admin.query('SELECT labelfile, spcmapfile FROM pg_backup_stop(false)');
  await admin.end();
  writeFileSync(join(replicaDir, 'backup_label'), rows[0].labelfile);
  if (rows[0].spcmapfile) writeFileSync(join(replicaDir, 'tablespace_map'), rows[0].spcmapfile);
  writeFileSync(join(replicaDir, 'standby.signal'), '');
  appendFileSync(
    join(replicaDir, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${USER} password=${PASSWORD} application_name=replica'\n` +
      `hot_standby = on\nhot_standby_feedback = on\n`,
  );
  if (isRoot()) execFileSync('chown', ['-R', `${USER}:${USER}`, replicaDir]);
  chmodSync(replicaDir, 0o700);

  // The package waits for "ready to accept connections"; a standby says "read-only connections": waited for here instead.
  const replicaServer = new EmbeddedPostgres({
    databaseDir: replicaDir,
    port: replicaPort,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: flags,
    onLog: () => {},
    onError: () => {},
  });
  let running = false;
  const replica = {
    port: replicaPort,
    url: (db = database) => url(replicaPort, db),
    async start() {
      replicaServer.start().catch(() => undefined);
      running = true;
      await waitForConnections(url(replicaPort, database));
    },
    async stop() {
      if (!running) return;
      running = false;
      await replicaServer.stop();
    },
    /** Runs one statement on the replica. */
    async query(text, values) {
      const client = new pg.Client({ connectionString: url(replicaPort, database) });
      await client.connect();
      try {
        return (await client.query(text, values)).rows;
      } finally {
        await client.end();
      }
    },
  };
  await replica.start();

  return {
    primaryUrl: (db = database) => url(primaryPort, db),
    replica,
    /** Waits until the replica has replayed everything the primary has written so far. */
    async caughtUp(timeoutMs = 10000) {
      const client = new pg.Client({ connectionString: url(primaryPort, database) });
      await client.connect();
      let lsn;
      try {
        lsn = (await client.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn;
      } finally {
        await client.end();
      }
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [row] = await replica.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]);
        if (row.ok) return;
        if (Date.now() > deadline) throw new Error(`replica did not replay up to ${lsn}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      await replica.stop();
      await primary.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
