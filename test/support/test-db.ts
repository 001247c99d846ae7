import { randomBytes } from 'node:crypto';
import { Logger as JobLogger, runMigrations as installJobQueue } from 'graphile-worker';
import { Client } from 'pg';
import { createDataSource } from '../../src/database/data-source';

const TEMPLATE_LOCK = 42_4242;

function adminUrl(): string {
  const url = process.env.TEST_ADMIN_DATABASE_URL;
  if (!url) throw new Error('TEST_ADMIN_DATABASE_URL is not set: run the tests through jest (globalSetup starts PostgreSQL)');
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Migrates a template once per run (the first file to ask builds it), so each file clones instead of migrating. */
async function ensureTemplate(runId: string): Promise<string> {
  const template = `tmpl_${runId}`;
  await withAdmin(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (rowCount) return;
      await client.query(`CREATE DATABASE "${template}"`);
      const ds = createDataSource({ url: withDatabase(adminUrl(), template), poolSize: 1 });
      await ds.initialize();
      try {
        await ds.runMigrations({ transaction: 'each' });
      } finally {
        await ds.destroy();
      }
      // The job queue's own schema, so that cloned databases start with it.
      await installJobQueue({ connectionString: withDatabase(adminUrl(), template), logger: silentJobLogger });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return template;
}

const silentJobLogger = new JobLogger(() => () => undefined);

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of this file's own; names start with test_ so nothing else is ever dropped. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const runId = process.env.TEST_RUN_ID ?? 'local';
  const template = await ensureTemplate(runId);
  const name = `test_${runId}_${randomBytes(4).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: withDatabase(adminUrl(), name),
    drop: async () => {
      if (!name.startsWith('test_')) throw new Error(`refusing to drop ${name}: not a test database`);
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
