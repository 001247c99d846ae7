// Starts one real PostgreSQL for the whole test run (unless DATABASE_URL is
// set) and hands its admin URL to the test files through the environment.
// Each test file then clones its own database from a migrated template.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import pg from 'pg';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  process.env.TEST_RUN_ID = runId;
  if (process.env.DATABASE_URL) {
    process.env.TEST_ADMIN_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  // As root in a directory the postgres user cannot enter, its binaries run from a copy it can reach.
  const require = createRequire(import.meta.url);
  require('./ts-register.cjs');
  const { loadEmbeddedPostgres } = require('../../src/database/postgres-access.ts');
  const EmbeddedPostgres = await loadEmbeddedPostgres({ runtimeDir: process.env.EMBEDDED_PG_RUNTIME_DIR || undefined });
  const databaseDir = await mkdtemp(join(tmpdir(), 'entitlement-test-pg-'));
  const port = await freePort();
  const pgServer = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    // Durability is irrelevant for throwaway test data; speed is not.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => {},
    onError: (e) => process.stderr.write(`[postgres] ${e}\n`),
  });
  await pgServer.initialise();
  await pgServer.start();
  globalThis.__PG_SERVER__ = pgServer;
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
  process.env.TEST_ADMIN_DATABASE_URL = url;
}
