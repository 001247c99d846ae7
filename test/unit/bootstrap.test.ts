import { resolveRuntime } from '../../src/bootstrap';
import { ConfigError, loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';

const SECRET = 'x'.repeat(40);

describe('secrets on a shared database', () => {
  // Checked before anything is started, so no database is needed here.
  test.each([
    [{}, /AUTH_JWT_SECRET \(or AUTH_JWKS_URL\) and SIGNAL_HASH_KEY must be set when DATABASE_URL is set/],
    [{ AUTH_JWT_SECRET: SECRET }, /^SIGNAL_HASH_KEY must be set when DATABASE_URL is set/],
    [{ SIGNAL_HASH_KEY: SECRET }, /^AUTH_JWT_SECRET \(or AUTH_JWKS_URL\) must be set/],
  ])('with DATABASE_URL, %j is refused: per-host generated keys would never match', async (env, message) => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db', ...env });
    const run = resolveRuntime(config, createLogger('silent'));
    await expect(run).rejects.toThrow(ConfigError);
    await expect(resolveRuntime(config, createLogger('silent'))).rejects.toThrow(message);
  });
});
