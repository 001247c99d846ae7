import { ConfigError, loadConfig } from '../../src/config';

describe('configuration', () => {
  test('defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 4000, dataDir: './.data', databaseUrl: null, policyNoticeDays: 30, appealWindowDays: 30, lyricsMinWords: 8 });
  });

  test.each([
    [{ PORT: 'abc' }, /^PORT /],
    [{ PORT: '70000' }, /^PORT /],
    [{ PORT: '-1' }, /^PORT /],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL /],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /^DATABASE_URL /],
    [{ AUTH_JWT_SECRET: 'short' }, /^AUTH_JWT_SECRET .*32 bytes/],
    [{ SIGNAL_HASH_KEY: 'short' }, /^SIGNAL_HASH_KEY /],
    [{ AUTH_JWKS_URL: 'ftp://idp/keys' }, /^AUTH_JWKS_URL /],
    [{ POLICY_NOTICE_DAYS: '1.5' }, /^POLICY_NOTICE_DAYS /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
    [{ ENTITLEMENT_CACHE: 'maybe' }, /^ENTITLEMENT_CACHE /],
  ])('%j is refused with a line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('the connection string never appears in an error', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db/x' });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('hunter2');
    }
  });
});
