import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from '../../src/config';

describe('configuration', () => {
  test('defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 4000,
      dataDir: './.data',
      databaseUrl: null,
      policyNoticeDays: 30,
      appealWindowDays: 30,
      lyricsMinWords: 8,
    });
  });

  test('workers and metrics: every core by default, one process on request; metrics on, unguarded unless a token is set', () => {
    expect(loadConfig({})).toMatchObject({ webConcurrency: availableParallelism(), metricsEnabled: true, metricsToken: null });
    expect(loadConfig({ WEB_CONCURRENCY: '1', METRICS: 'false', METRICS_TOKEN: ' s3cret ' })).toMatchObject({
      webConcurrency: 1,
      metricsEnabled: false,
      metricsToken: 's3cret',
    });
    expect(() => loadConfig({ WEB_CONCURRENCY: '0' })).toThrow(/^WEB_CONCURRENCY /);
    expect(() => loadConfig({ METRICS: 'maybe' })).toThrow(/^METRICS /);
  });

  test('stale window: 60 s by default, 0 turns degraded answers off', () => {
    expect(loadConfig({}).entitlementStaleMaxS).toBe(60);
    expect(loadConfig({ ENTITLEMENT_STALE_MAX_S: '0' }).entitlementStaleMaxS).toBe(0);
    expect(loadConfig({ ENTITLEMENT_STALE_MAX_S: '30' }).entitlementStaleMaxS).toBe(30);
  });

  test('quotas: on by default, a budget per role and per plan, each variable checked', () => {
    expect(loadConfig({}).quota).toEqual({
      enabled: true,
      windowS: 60,
      roles: { admin: 120_000, service: 1_200_000, user: 6_000 },
      plans: { free: 6_000, pro: 30_000, enterprise: 120_000 },
      leasePercent: 5,
      leaseIdleMs: 2_000,
      policyTtlMs: 10_000,
      holdMs: 1_000,
      holdMax: 64,
    });
    expect(
      loadConfig({ QUOTA_ENABLED: 'false', QUOTA_WINDOW_S: '3600', QUOTA_USER_POINTS: '5000', QUOTA_PLAN_POINTS: 'free=100, team_2=2000' })
        .quota,
    ).toMatchObject({ enabled: false, windowS: 3600, roles: { user: 5000 }, plans: { free: 100, team_2: 2000 } });
    expect(() => loadConfig({ QUOTA_ENABLED: 'sometimes' })).toThrow(/^QUOTA_ENABLED /);
    expect(() => loadConfig({ QUOTA_SERVICE_POINTS: '0' })).toThrow(/^QUOTA_SERVICE_POINTS /);
    expect(() => loadConfig({ QUOTA_LEASE_PERCENT: '101' })).toThrow(/^QUOTA_LEASE_PERCENT /);
    expect(loadConfig({ QUOTA_HOLD_MS: '0', QUOTA_HOLD_MAX: '8' }).quota).toMatchObject({ holdMs: 0, holdMax: 8 });
    expect(() => loadConfig({ QUOTA_HOLD_MS: '-1' })).toThrow(/^QUOTA_HOLD_MS /);
    expect(() => loadConfig({ QUOTA_HOLD_MAX: '0' })).toThrow(/^QUOTA_HOLD_MAX /);
    for (const bad of ['free', 'free=', 'free=0', 'free=10,,pro=2', 'free=-1', 'fr ee=1']) {
      expect(() => loadConfig({ QUOTA_PLAN_POINTS: bad })).toThrow(/^QUOTA_PLAN_POINTS /);
    }
  });

  test('idle connections: kept 65 s by default (past the 60 s of most load balancers), at least 1 s', () => {
    expect(loadConfig({}).httpKeepAliveTimeoutMs).toBe(65_000);
    expect(loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '120000' }).httpKeepAliveTimeoutMs).toBe(120_000);
    expect(() => loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '0' })).toThrow(/^HTTP_KEEP_ALIVE_TIMEOUT_MS /);
    expect(() => loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: 'soon' })).toThrow(/^HTTP_KEEP_ALIVE_TIMEOUT_MS /);
  });

  test('GraphQL limits: defaults and overrides', () => {
    expect(loadConfig({}).graphqlLimits).toEqual({ maxDepth: 10, maxAliases: 15, maxDirectives: 20, maxTokens: 2000, maxCost: 5000 });
    expect(loadConfig({ GRAPHQL_MAX_DEPTH: '4', GRAPHQL_MAX_ALIASES: '0', GRAPHQL_MAX_COST: '100' }).graphqlLimits).toMatchObject({
      maxDepth: 4,
      maxAliases: 0,
      maxCost: 100,
    });
  });

  test('change feed: defaults and overrides', () => {
    expect(loadConfig({}).feed).toEqual({
      worker: true,
      concurrency: 4,
      pollIntervalMs: 1000,
      sweepIntervalMs: 30_000,
      timeoutMs: 10_000,
      retry: { baseMs: 5000, maxDelayMs: 6 * 3_600_000, retryForMs: 3 * 86_400_000 },
      changesRetentionMs: 72 * 3_600_000,
    });
    expect(loadConfig({ WEBHOOK_WORKER: 'false', WEBHOOK_RETRY_BASE_MS: '50' }).feed).toMatchObject({
      worker: false,
      retry: { baseMs: 50 },
    });
  });

  test.each([
    [{ PORT: 'abc' }, /^PORT /],
    [{ PORT: '70000' }, /^PORT /],
    [{ PORT: '-1' }, /^PORT /],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL /],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /^DATABASE_URL /],
    [{ DATABASE_URL: 'postgres://x@y/z', DATABASE_REPLICA_URL: 'not a url' }, /^DATABASE_REPLICA_URL /],
    [{ DATABASE_URL: 'postgres://x@y/z', DATABASE_REPLICA_URL: 'mysql://x@r/z' }, /^DATABASE_REPLICA_URL /],
    [{ DATABASE_REPLICA_URL: 'postgres://x@r/z' }, /^DATABASE_REPLICA_URL needs DATABASE_URL/],
    [{ AUTH_JWT_SECRET: 'short' }, /^AUTH_JWT_SECRET .*32 bytes/],
    [{ SIGNAL_HASH_KEY: 'short' }, /^SIGNAL_HASH_KEY /],
    [{ AUTH_JWKS_URL: 'ftp://idp/keys' }, /^AUTH_JWKS_URL /],
    [{ POLICY_NOTICE_DAYS: '1.5' }, /^POLICY_NOTICE_DAYS /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
    [{ ENTITLEMENT_CACHE: 'maybe' }, /^ENTITLEMENT_CACHE /],
    [{ ENTITLEMENT_STALE_MAX_S: '-1' }, /^ENTITLEMENT_STALE_MAX_S /],
    [{ ENTITLEMENT_STALE_MAX_S: '2.5' }, /^ENTITLEMENT_STALE_MAX_S /],
    [{ ENTITLEMENT_STALE_MAX_S: '3601' }, /^ENTITLEMENT_STALE_MAX_S /],
    [{ GRAPHQL_MAX_DEPTH: '0' }, /^GRAPHQL_MAX_DEPTH /],
    [{ GRAPHQL_MAX_ALIASES: 'many' }, /^GRAPHQL_MAX_ALIASES /],
    [{ GRAPHQL_MAX_DIRECTIVES: '-1' }, /^GRAPHQL_MAX_DIRECTIVES /],
    [{ GRAPHQL_MAX_TOKENS: '5' }, /^GRAPHQL_MAX_TOKENS /],
    [{ GRAPHQL_MAX_COST: '1e6' }, /^GRAPHQL_MAX_COST /],
    [{ WEBHOOK_WORKER: 'sometimes' }, /^WEBHOOK_WORKER /],
    [{ WEBHOOK_CONCURRENCY: '0' }, /^WEBHOOK_CONCURRENCY /],
    [{ WEBHOOK_TIMEOUT_MS: '10s' }, /^WEBHOOK_TIMEOUT_MS /],
    [{ WEBHOOK_RETRY_FOR_MS: '-5' }, /^WEBHOOK_RETRY_FOR_MS /],
  ])('%j is refused with a line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('DATABASE_REPLICA_URL is optional and read next to DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@y/z' }).databaseReplicaUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'postgres://x@y/z', DATABASE_REPLICA_URL: 'postgresql://x@r/z' }).databaseReplicaUrl).toBe(
      'postgresql://x@r/z',
    );
  });

  test('the connection string never appears in an error', () => {
    // The whole message: it names the scheme, and nothing of the credentials.
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db/x' })).toThrow(
      new ConfigError('DATABASE_URL must use postgres: or postgresql:, got mysql:'),
    );
  });
});
