// Starts one real PostgreSQL for the whole test run (unless DATABASE_URL is
// set) and hands its admin URL to the test files through the environment.
// Each test file then clones its own database from a migrated template.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';
import { loadEmbeddedPostgres } from './embedded-postgres.mjs';

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
  const EmbeddedPostgres = await loadEmbeddedPostgres();
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
