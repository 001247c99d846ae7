// The EmbeddedPostgres class for the test harness, loaded as `npm start` loads
// it: as root in a directory the postgres user cannot enter, its binaries run
// from a copy under EMBEDDED_PG_RUNTIME_DIR that it can reach.
import { createRequire } from 'node:module';

export async function loadEmbeddedPostgres() {
  const require = createRequire(import.meta.url);
  require('./ts-register.cjs');
  const { loadEmbeddedPostgres: load } = require('../../src/database/postgres-access.ts');
  return load({ runtimeDir: process.env.EMBEDDED_PG_RUNTIME_DIR || undefined });
}
