import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadEmbeddedPostgres } from '../src/database/postgres-access';
import { freePort } from '../test/support/free-port';

export interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A database of the benchmark's own: a fresh database on DATABASE_URL's
 * server, or a throwaway embedded PostgreSQL tuned for bulk loading.
 */
export async function startBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  if (process.env.DATABASE_URL) {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      stop: async () => {
        const c = new Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres({ runtimeDir: process.env.EMBEDDED_PG_RUNTIME_DIR || undefined });
  const dir = mkdtempSync(join(os.tmpdir(), `entitlement-${prefix}-pg-`));
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'shared_buffers=512MB', '-c', 'max_connections=200', '-c', 'synchronous_commit=off', '-c', 'max_wal_size=4GB'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase(name);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${name}`,
    stop: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
