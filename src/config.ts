import { availableParallelism } from 'node:os';

// Environment read and validated once. A bad value stops start-up with one
// line naming the variable, so operators fix the right thing.

export class ConfigError extends Error {}

export interface Config {
  nodeEnv: string;
  production: boolean;
  port: number;
  host: string;
  databaseUrl: string | null;
  /** A streaming replica of DATABASE_URL: decision loads and lists read it when it has replayed what they need. */
  databaseReplicaUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  /** As root in a directory the postgres user cannot enter: where PostgreSQL's binaries (and data) are placed. */
  embeddedPgRuntimeDir: string;
  dbPoolSize: number;
  auth: {
    jwtSecret: string | null;
    jwksUrl: string | null;
    issuer: string | null;
    audience: string | null;
  };
  /** Public sign-in settings of the admin console (/admin). */
  adminConsole: {
    oidcClientId: string | null;
    oidcScopes: string;
    oidcResource: string | null;
  };
  signalHashKey: string | null;
  policyNoticeDays: number;
  appealWindowDays: number;
  lyricsMinWords: number;
  logLevel: string;
  bodyLimitBytes: number;
  /**
   * Requests to the GraphQL endpoint run in turns by principal, this many in one pass of the
   * event loop before it reads new arrivals (0: in arrival order, no turns). See FairQueue.
   */
  requestTurnQuantum: number;
  /** How long an idle kept-alive connection stays open, ms: longer than a load balancer's own idle timeout. */
  httpKeepAliveTimeoutMs: number;
  entitlementCache: boolean;
  /** Seconds cached decisions are still answered (flagged stale) after changes can no longer be heard; 0: fail closed at once. */
  entitlementStaleMaxS: number;
  graphqlLimits: GraphQLLimits;
  /** Worker processes sharing the port (node:cluster); 1 runs everything in one process. */
  webConcurrency: number;
  /** GET /metrics is served at all. */
  metricsEnabled: boolean;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  feed: FeedConfig;
  quota: QuotaConfig;
}

/** Request budgets per principal (src/services/quota, docs/quotas.md). */
export interface QuotaConfig {
  /** Off: no budget is kept, spent or reported. */
  enabled: boolean;
  /** Every budget refills over this many seconds. */
  windowS: number;
  /** Points per window by the token's strongest role; `user` for users whose plan has no budget of its own. */
  roles: { admin: number; service: number; user: number };
  /** Points per window for user tokens, by the account's plan code. */
  plans: Record<string, number>;
  /** The slice a process takes from the shared bucket at once, in percent of the budget. */
  leasePercent: number;
  /** Unspent slices idle this long go back to the shared bucket. */
  leaseIdleMs: number;
  /** How long a process keeps a principal's budget (override, plan) before reading it again. */
  policyTtlMs: number;
  /**
   * A principal refused and told to retry after a time that sends again before it waits, at most this long
   * (0: answered at once), and is then answered as if it had just arrived.
   */
  holdMs: number;
  /** Requests held at once per principal; past it they are refused at once. */
  holdMax: number;
}

/** The change feed: webhooks and entitlement.changed (src/services/feed). */
export interface FeedConfig {
  /** Run the job worker (deliveries, entitlement recomputes) in this process. */
  worker: boolean;
  concurrency: number;
  /** How often the worker looks for jobs whose time has come (new jobs wake it at once). */
  pollIntervalMs: number;
  /** Re-queues due deliveries that lost their job (a killed process), at start and then this often. */
  sweepIntervalMs: number;
  timeoutMs: number;
  retry: { baseMs: number; maxDelayMs: number; retryForMs: number };
  /** How far back entitlementChanges can replay from a cursor; an older cursor is refused (CURSOR_EXPIRED). */
  changesRetentionMs: number;
}

/** Per-operation limits checked before anything runs (src/graphql/hardening.ts). */
export interface GraphQLLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

function str(env: Env, name: string): string | null {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? null : raw.trim();
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = str(env, name);
  if (raw === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === null) return fallback;
  if (/^(1|true|on|yes)$/i.test(raw)) return true;
  if (/^(0|false|off|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** `code=points,code=points`: a budget per plan code. */
function planPoints(env: Env, name: string, fallback: Record<string, number>): Record<string, number> {
  const raw = str(env, name);
  if (raw === null) return fallback;
  const plans: Record<string, number> = {};
  for (const part of raw.split(',')) {
    const match = /^\s*([a-z0-9_-]{1,64})\s*=\s*(\d{1,10})\s*$/i.exec(part);
    const points = match ? Number(match[2]) : 0;
    if (!match || points < 1 || points > 1_000_000_000) {
      throw new ConfigError(`${name} must be plan=points pairs joined by commas (points from 1 to 1000000000), got "${raw}"`);
    }
    plans[match[1]] = points;
  }
  return plans;
}

// A replica follows a primary named by DATABASE_URL; the embedded database has none.
function replicaUrl(env: Env): string | null {
  const replica = url(env, 'DATABASE_REPLICA_URL', ['postgres:', 'postgresql:']);
  if (replica !== null && str(env, 'DATABASE_URL') === null) {
    throw new ConfigError('DATABASE_REPLICA_URL needs DATABASE_URL: it names a replica of that server');
  }
  return replica;
}

const MIN_SECRET_BYTES = 32;
const MAX_QUOTA_POINTS = 1_000_000_000;

/** Reads and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = str(env, 'NODE_ENV') ?? 'development';
  const jwtSecret = str(env, 'AUTH_JWT_SECRET');
  if (jwtSecret !== null && Buffer.byteLength(jwtSecret, 'utf8') < MIN_SECRET_BYTES) {
    throw new ConfigError(`AUTH_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  const signalHashKey = str(env, 'SIGNAL_HASH_KEY');
  if (signalHashKey !== null && Buffer.byteLength(signalHashKey, 'utf8') < MIN_SECRET_BYTES) {
    throw new ConfigError(`SIGNAL_HASH_KEY must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  const logLevel = str(env, 'LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "${logLevel}"`);
  }
  return {
    nodeEnv,
    production: nodeEnv === 'production',
    port: int(env, 'PORT', 4000, 0, 65535),
    host: str(env, 'HOST') ?? '0.0.0.0',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseReplicaUrl: replicaUrl(env),
    dataDir: str(env, 'DATA_DIR') ?? './.data',
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535),
    embeddedPgRuntimeDir: str(env, 'EMBEDDED_PG_RUNTIME_DIR') ?? '/var/lib/entitlement-api',
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10, 1, 200),
    auth: {
      jwtSecret,
      jwksUrl: url(env, 'AUTH_JWKS_URL', ['https:', 'http:']),
      issuer: str(env, 'AUTH_ISSUER'),
      audience: str(env, 'AUTH_AUDIENCE'),
    },
    adminConsole: {
      oidcClientId: str(env, 'ADMIN_OIDC_CLIENT_ID'),
      oidcScopes: str(env, 'ADMIN_OIDC_SCOPES') ?? 'openid',
      oidcResource: str(env, 'ADMIN_OIDC_RESOURCE'),
    },
    signalHashKey,
    policyNoticeDays: int(env, 'POLICY_NOTICE_DAYS', 30, 0, 3650),
    appealWindowDays: int(env, 'APPEAL_WINDOW_DAYS', 30, 1, 3650),
    lyricsMinWords: int(env, 'LYRICS_MIN_WORDS', 8, 2, 100),
    logLevel,
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1_000_000, 1_000, 100_000_000),
    requestTurnQuantum: int(env, 'REQUEST_TURN_QUANTUM', 4, 0, 10_000),
    httpKeepAliveTimeoutMs: int(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 65_000, 1_000, 3_600_000),
    entitlementCache: bool(env, 'ENTITLEMENT_CACHE', true),
    webConcurrency: int(env, 'WEB_CONCURRENCY', availableParallelism(), 1, 256),
    metricsEnabled: bool(env, 'METRICS', true),
    metricsToken: str(env, 'METRICS_TOKEN'),
    entitlementStaleMaxS: int(env, 'ENTITLEMENT_STALE_MAX_S', 60, 0, 3600),
    graphqlLimits: {
      maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 10, 1, 100),
      maxAliases: int(env, 'GRAPHQL_MAX_ALIASES', 15, 0, 1_000),
      maxDirectives: int(env, 'GRAPHQL_MAX_DIRECTIVES', 20, 0, 1_000),
      maxTokens: int(env, 'GRAPHQL_MAX_TOKENS', 2_000, 10, 1_000_000),
      maxCost: int(env, 'GRAPHQL_MAX_COST', 5_000, 1, 10_000_000),
    },
    feed: {
      worker: bool(env, 'WEBHOOK_WORKER', true),
      concurrency: int(env, 'WEBHOOK_CONCURRENCY', 4, 1, 100),
      pollIntervalMs: int(env, 'WEBHOOK_POLL_INTERVAL_MS', 1_000, 50, 60_000),
      sweepIntervalMs: int(env, 'WEBHOOK_SWEEP_INTERVAL_MS', 30_000, 100, 3_600_000),
      timeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
      retry: {
        baseMs: int(env, 'WEBHOOK_RETRY_BASE_MS', 5_000, 1, 3_600_000),
        maxDelayMs: int(env, 'WEBHOOK_RETRY_MAX_DELAY_MS', 6 * 3_600_000, 1, 7 * 86_400_000),
        retryForMs: int(env, 'WEBHOOK_RETRY_FOR_MS', 3 * 86_400_000, 1, 30 * 86_400_000),
      },
      changesRetentionMs: int(env, 'ENTITLEMENT_CHANGES_RETENTION_H', 72, 1, 8760) * 3_600_000,
    },
    quota: {
      enabled: bool(env, 'QUOTA_ENABLED', true),
      windowS: int(env, 'QUOTA_WINDOW_S', 60, 1, 86_400),
      roles: {
        admin: int(env, 'QUOTA_ADMIN_POINTS', 120_000, 1, MAX_QUOTA_POINTS),
        service: int(env, 'QUOTA_SERVICE_POINTS', 1_200_000, 1, MAX_QUOTA_POINTS),
        user: int(env, 'QUOTA_USER_POINTS', 6_000, 1, MAX_QUOTA_POINTS),
      },
      plans: planPoints(env, 'QUOTA_PLAN_POINTS', { free: 6_000, pro: 30_000, enterprise: 120_000 }),
      leasePercent: int(env, 'QUOTA_LEASE_PERCENT', 5, 1, 100),
      leaseIdleMs: int(env, 'QUOTA_LEASE_IDLE_MS', 2_000, 10, 600_000),
      policyTtlMs: int(env, 'QUOTA_POLICY_TTL_MS', 10_000, 0, 3_600_000),
      holdMs: int(env, 'QUOTA_HOLD_MS', 1_000, 0, 60_000),
      holdMax: int(env, 'QUOTA_HOLD_MAX', 64, 1, 100_000),
    },
  };
}
